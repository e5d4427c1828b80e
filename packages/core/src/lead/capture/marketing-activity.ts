import { z } from "zod";
import { tryWrite } from "../../db/conditional.ts";
import { UnprocessableError } from "../../errors.ts";
import type { BusEnvelope } from "../../ports/bus.ts";
import type { Ctx } from "../../records/context.ts";
import { domainEvent, getRecord } from "../../records/record-writer.ts";
import { isoDateTime, parse } from "../../records/schema.ts";
import { leadKind, type Lead } from "../lead.ts";
import { trimmedEmail } from "./capture.schema.ts";
import { leadActivityTypes } from "./lead-activity.entity.ts";
import { readKeys } from "./lead-keys.ts";
import { dedupeKeys, toE164 } from "./normalise.ts";

/** `detail` of a `Lead Activity` event a marketing system (`source` marketing.*) puts on the bus. v1. */
export const leadActivityDetail = z
  .object({
    email: trimmedEmail.optional(),
    /** E.164 (+8613800138000); a national number is read as Chinese. */
    phone: z.string().trim().min(1).max(40).optional(),
    activityType: z.enum(leadActivityTypes),
    /** When it happened; default the event's time. */
    at: isoDateTime.optional(),
    url: z.url().max(2048).optional(),
  })
  .refine((d) => d.email || d.phone, { message: "A lead activity needs the lead's email or phone", path: ["email"] });

/** The lead an activity is about, by its email or phone key; none is an error the bus dead-letters. */
async function activityLead(ctx: Ctx, d: z.infer<typeof leadActivityDetail>): Promise<{ lead: Lead; matchedBy: string }> {
  const keys = dedupeKeys({ email: d.email, phone: d.phone && toE164(d.phone) });
  for (const h of await readKeys(ctx, keys)) {
    const lead = h.leadId ? ((await getRecord(ctx.db, leadKind, h.leadId)) as Lead | null) : null;
    if (lead) return { lead, matchedBy: h.key.kind };
  }
  const who = [d.email && `email ${d.email}`, d.phone && `phone ${d.phone}`].filter(Boolean).join(" or ");
  throw new UnprocessableError("unknown_lead", `No lead has ${who}: capture the lead (Lead Captured) before its activities`, d.email ? "email" : "phone");
}

/**
 * Stores a marketing behaviour on the lead it is about and publishes `lead.activity_recorded` (scoring's input).
 * Idempotent by event id: a redelivered event finds its item and publishes nothing.
 */
export async function recordMarketingActivity(ctx: Ctx, event: BusEnvelope): Promise<{ leadId: string; duplicate: boolean }> {
  const d = parse(leadActivityDetail, event.detail);
  const { lead, matchedBy } = await activityLead(ctx, d);
  const at = d.at ? new Date(d.at).toISOString() : event.time;
  const item = { leadId: lead.leadId, eventId: event.id, teamId: lead.teamId, activityType: d.activityType, at, url: d.url, source: event.source, matchedBy, recordedAt: ctx.clock.now().toISOString() };
  const created = await tryWrite(() => ctx.db.entities.leadActivity.create(item).go());
  if (created) {
    const activity = { activityType: d.activityType, at, eventId: event.id, source: event.source, ...(d.url && { url: d.url }) };
    await ctx.publisher.publish([domainEvent(ctx, "lead.activity_recorded", { leadId: lead.leadId, teamId: lead.teamId, activity }, item.recordedAt)]);
  }
  return { leadId: lead.leadId, duplicate: !created };
}

/** A lead's marketing activities, oldest first. */
export async function listMarketingActivities(ctx: Ctx, leadId: string) {
  const { data } = await ctx.db.entities.leadActivity.query.primary({ leadId }).go({ pages: "all" });
  return data.sort((a, b) => a.at.localeCompare(b.at));
}
