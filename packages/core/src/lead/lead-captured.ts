import { z } from "zod";
import { ConflictError } from "../errors.ts";
import type { BusEnvelope } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { createRecord } from "../records/record-writer.ts";
import { email, phone, shortText, tags, parse } from "../records/schema.ts";
import { leadKind, type Lead } from "./lead.ts";

/** `detail` of a `Lead Captured` event that a marketing system (`source` marketing.*) puts on the bus. v1. */
export const leadCapturedDetail = z
  .object({
    name: shortText,
    email: email.optional(),
    phone: phone.optional(),
    title: shortText.optional(),
    company: z.object({ name: shortText, industry: shortText.optional(), size: shortText.optional(), region: shortText.optional() }).optional(),
    campaign: shortText.optional(),
    tags: tags.optional(),
  })
  .refine((d) => d.email || d.phone, { message: "A captured lead needs an email or a phone", path: ["email"] });

/** The team a captured lead lands in until assignment rules run: the one covering its region, else the first. */
async function landingTeam(ctx: Ctx, region: string | undefined): Promise<string> {
  const { data } = await ctx.db.entities.team.query.all({}).go({ pages: "all" });
  const match = data.find((t) => region && (t.regions ?? []).includes(region)) ?? data[0];
  if (!match) throw new Error("No team exists to receive captured leads");
  return match.teamId;
}

/**
 * Turns a marketing event into a lead. Idempotent: the lead id derives from the event id, so a redelivered
 * event finds its lead already written and changes nothing.
 */
export async function captureFromMarketing(ctx: Ctx, event: BusEnvelope): Promise<{ lead: Lead | null; duplicate: boolean }> {
  const d = parse(leadCapturedDetail, event.detail);
  const teamId = await landingTeam(ctx, d.company?.region);
  const fields = {
    leadId: `evt-${event.id}`, teamId, status: "new", source: "marketing_event", campaign: d.campaign, name: d.name, email: d.email, phone: d.phone, title: d.title,
    companyName: d.company?.name, industry: d.company?.industry, companySize: d.company?.size, region: d.company?.region, tags: d.tags,
  };
  try {
    return { lead: (await createRecord(ctx, leadKind, fields)) as Lead, duplicate: false };
  } catch (err) {
    if (err instanceof ConflictError && err.field === "leadId") return { lead: null, duplicate: true };
    throw err;
  }
}
