import { z } from "zod";
import { captureLead } from "../lead/capture/capture-lead.ts";
import { ValidationError } from "../errors.ts";
import type { Ctx, Principal } from "../records/context.ts";
import { systemPrincipal } from "../records/context.ts";
import { parse } from "../records/schema.ts";
import { takeSubmissionSlot } from "./rate-limit.ts";
import { assertActive, findWebForm, type WebForm } from "./web-form.ts";

/** The hidden field people never see and bots fill in. */
export const honeypotField = "website";
/** The hidden field a page fills with a random id once, so a double click or a retry captures once. */
export const submissionIdField = "submissionId";

export type SubmitOutcome = "captured" | "ignored";

/** Public submissions act as the system on the form's behalf; the audit trail names the form. */
export function formPrincipal(formId: string): Principal {
  return { ...systemPrincipal, userId: `web-form:${formId}` };
}

const submissionId = z.string().trim().regex(/^[A-Za-z0-9_.:-]{8,100}$/, "Use 8-100 letters, digits or _ . : -");

function submissionSchema(form: WebForm) {
  const shape: Record<string, z.ZodType> = { [honeypotField]: z.string().optional(), [submissionIdField]: submissionId.optional() };
  for (const f of form.fields) {
    const text = z.string({ error: `${f.labelEn} must be text` }).trim().max(254);
    shape[f.key] = f.required
      ? text.min(1, `${f.labelEn} is required`)
      : text.optional().transform((v) => (v === "" ? undefined : v));
  }
  return z.object(shape);
}

/** Unknown fields are refused by name, so an embed with a typo fails loudly instead of losing data. */
function assertKnownFields(form: WebForm, body: Record<string, unknown>): void {
  const known = new Set<string>([honeypotField, submissionIdField, ...form.fields.map((f) => f.key)]);
  const unknown = Object.keys(body).find((k) => !known.has(k));
  if (unknown) throw new ValidationError(`"${unknown}" is not a field of this form (it has: ${form.fields.map((f) => f.key).join(", ")})`, unknown);
}

function asObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ValidationError("Send the form's fields as a JSON object or a form-encoded body", "body");
  return raw as Record<string, unknown>;
}

/**
 * One public post to a form: unknown or inactive form 404; a filled honeypot is accepted and dropped; otherwise it
 * counts against the address's rate limit (429), is validated against the form's fields (400) and captured as a
 * lead of the form's team with the form's campaign and source tags (a repeat becomes a touch).
 */
export async function submitWebForm(ctx: Omit<Ctx, "actor">, formId: string, raw: unknown, ip: string): Promise<{ form: WebForm; outcome: SubmitOutcome }> {
  const form = assertActive(await findWebForm(ctx, formId), formId);
  const body = asObject(raw);
  const trap = body[honeypotField];
  if (typeof trap === "string" && trap.trim() !== "") return { form, outcome: "ignored" };
  await takeSubmissionSlot(ctx.db, formId, ip, { max: form.rateLimitMax, windowSeconds: form.rateLimitWindowSeconds }, ctx.clock.now());
  assertKnownFields(form, body);
  const { [honeypotField]: _trap, [submissionIdField]: sid, ...values } = parse(submissionSchema(form), body);
  const person = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as { name: string };
  const input = { ...person, ...(form.campaign && { campaign: form.campaign }), ...(form.sourceTags?.length && { tags: form.sourceTags }) };
  const opts = { channel: "web_form" as const, teamId: form.teamId, ...(typeof sid === "string" && { idempotencyKey: `form:${formId}:${sid}` }) };
  await captureLead({ ...ctx, actor: formPrincipal(formId) }, input, opts);
  return { form, outcome: "captured" };
}
