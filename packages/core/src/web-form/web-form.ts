import type { EntityItem } from "electrodb";
import type { z } from "zod";
import { NotFoundError, UnprocessableError } from "../errors.ts";
import { assertReadable, assertWritable, listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { newId } from "../records/context.ts";
import { page } from "../records/list.ts";
import { transact } from "../db/transact.ts";
import { createRecord, getRecord, type RecordKind } from "../records/record-writer.ts";
import { plannedUpdate, staleVersion } from "../records/record-plan.ts";
import { parse } from "../records/schema.ts";
import type { WebFormEntity } from "./web-form.entity.ts";
import { createWebFormSchema, formDefaults, listWebFormsQuery, updateWebFormSchema } from "./web-form.schema.ts";

export type WebForm = EntityItem<typeof WebFormEntity>;
export const webFormKind: RecordKind = { type: "web_form", entity: "webForm", idField: "formId" };
const keyFields = ["teamId", "createdAt"] as const;

/** A form's id is in public links and QR codes: short, unguessable enough, URL-safe. */
function formIdOf(ctx: Ctx): string {
  return `wf_${newId(ctx).replace(/-/g, "").slice(0, 16)}`;
}

async function assertTeam(ctx: Ctx, teamId: string): Promise<void> {
  const { data } = await ctx.db.entities.team.get({ teamId }).go();
  if (!data) throw new UnprocessableError("unknown_team", `Team ${teamId} does not exist`, "teamId");
}

/** Admins create forms for any team, managers for their own. */
export async function createWebForm(ctx: Ctx, raw: z.input<typeof createWebFormSchema>): Promise<WebForm> {
  const input = parse(createWebFormSchema, raw);
  requireRole(ctx.actor, "admin", "manager");
  const teamId = listTeam(ctx.actor, input.teamId);
  await assertTeam(ctx, teamId);
  const fields = { ...formDefaults, ...input, teamId, formId: formIdOf(ctx) };
  return (await createRecord(ctx, webFormKind, fields)) as WebForm;
}

/** Any form, whoever asks: the public page and submissions read forms without a caller. */
export async function findWebForm(ctx: Pick<Ctx, "db">, formId: string): Promise<WebForm | null> {
  return (await getRecord(ctx.db, webFormKind, formId)) as WebForm | null;
}

export async function getWebForm(ctx: Ctx, formId: string): Promise<WebForm> {
  requireRole(ctx.actor, "admin", "manager");
  return assertReadable(ctx.actor, "web form", formId, await findWebForm(ctx, formId));
}

/** `redirectUrl: null` removes the redirect; deactivating a form makes its public page and posts 404. */
export async function updateWebForm(ctx: Ctx, formId: string, raw: z.input<typeof updateWebFormSchema>): Promise<WebForm> {
  const input = parse(updateWebFormSchema, raw);
  requireRole(ctx.actor, "admin", "manager");
  const current = assertWritable(ctx.actor, "web form", formId, await findWebForm(ctx, formId));
  const { version, redirectUrl, ...patch } = input;
  if (current.version !== version) throw staleVersion(webFormKind, formId, current.version);
  const at = ctx.clock.now().toISOString();
  const remove = redirectUrl === null ? ["redirectUrl"] : [];
  const plan = plannedUpdate(ctx, webFormKind, current, version, { ...patch, ...(redirectUrl && { redirectUrl }) }, { at, keyFields, remove });
  if (plan.changes.length === 0) return current;
  await transact(ctx.db, plan.writes);
  await ctx.publisher.publish(plan.events);
  return plan.record as WebForm;
}

/** A team's forms, newest first. */
export async function listWebForms(ctx: Ctx, q: z.infer<typeof listWebFormsQuery> & { limit: number; cursor?: string | undefined }) {
  requireRole(ctx.actor, "admin", "manager");
  const teamId = listTeam(ctx.actor, q.teamId);
  return page(ctx.db.entities.webForm.query.byTeam({ teamId }), { ...q, order: "desc" });
}

export function assertActive(form: WebForm | null, formId: string): WebForm {
  if (!form || !form.active) throw new NotFoundError("form", formId);
  return form;
}
