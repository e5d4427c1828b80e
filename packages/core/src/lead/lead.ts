import { z } from "zod";
import type { EntityItem } from "electrodb";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { listTeam, assertWritable } from "../records/access.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import { creationTeam, initialOwner, readOwned, updateOwned, pageVisible } from "../records/owned-record.ts";
import { phone, shortText, tags, versionField, parse } from "../records/schema.ts";
import { leadSources, leadStatuses, type LeadEntity } from "./lead.entity.ts";
import { captureLead, type CaptureResult } from "./capture/capture-lead.ts";
import { trimmedEmail } from "./capture/capture.schema.ts";
import { keySyncWrites, normalisedPhone, touchesKeys } from "./capture/lead-key-sync.ts";
import { listTouches } from "./capture/lead-touch.ts";
import { listMarketingActivities } from "./capture/marketing-activity.ts";

export type Lead = EntityItem<typeof LeadEntity>;
export const leadKind: RecordKind = { type: "lead", entity: "lead", idField: "leadId" };

const leadFields = {
  source: z.enum(leadSources),
  campaign: shortText.optional(),
  name: shortText,
  email: trimmedEmail.optional(),
  phone: phone.optional(),
  title: shortText.optional(),
  companyName: shortText.optional(),
  industry: shortText.optional(),
  companySize: shortText.optional(),
  region: shortText.optional(),
  tags: tags.optional(),
  ownerId: z.string().min(1).optional(),
};
export const createLeadSchema = z.object({ ...leadFields, teamId: z.string().min(1).optional() }).strict();
export const updateLeadSchema = z.object({ ...versionField, ...z.object(leadFields).partial().shape, status: z.enum(leadStatuses).optional() }).strict();
export const listLeadsQuery = z.object({ status: z.enum(leadStatuses).optional(), ownerId: z.string().optional(), teamId: z.string().optional() });

/**
 * Manual entry and `POST /leads`: the capture pipeline with the caller's team, the caller as owner when on that
 * team, and `source` as the channel. A known person comes back as a touch on their lead (outcome "touched").
 */
export async function captureFromApi(ctx: Ctx, raw: z.input<typeof createLeadSchema>, opts: { idempotencyKey?: string | undefined } = {}): Promise<CaptureResult> {
  const { source, teamId: requested, ...person } = parse(createLeadSchema, raw);
  const teamId = creationTeam(ctx, requested);
  const ownerId = await initialOwner(ctx, teamId, person.ownerId);
  return captureLead(ctx, { ...person, ...(ownerId && { ownerId }) }, { channel: source, teamId, idempotencyKey: opts.idempotencyKey });
}

/** The lead a manual entry ends up on: new, or the existing one it touched. */
export async function createLead(ctx: Ctx, raw: z.input<typeof createLeadSchema>): Promise<Lead> {
  return (await captureFromApi(ctx, raw)).lead;
}

export const getLead = (ctx: Ctx, leadId: string) => readOwned<Lead>(ctx, leadKind, leadId);

/** A lead's source history: every repeat capture (touch), oldest first. */
export async function listLeadTouches(ctx: Ctx, leadId: string) {
  await getLead(ctx, leadId);
  return { items: await listTouches(ctx, leadId) };
}

/** What marketing systems reported the lead did (page visits, demo requests...), oldest first. */
export async function listLeadMarketingActivities(ctx: Ctx, leadId: string) {
  await getLead(ctx, leadId);
  return { items: await listMarketingActivities(ctx, leadId) };
}

export async function updateLead(ctx: Ctx, leadId: string, raw: z.input<typeof updateLeadSchema>): Promise<Lead> {
  const input = parse(updateLeadSchema, raw);
  const keyFields = ["teamId", "status", "createdAt", "ownerId"] as const;
  if (!touchesKeys(input)) return updateOwned<Lead>(ctx, leadKind, leadId, input, { keyFields });
  // Dedupe keys follow an edited email, phone, company or name in the same transaction as the edit.
  const current = assertWritable(ctx.actor, "lead", leadId, (await getRecord(ctx.db, leadKind, leadId)) as Lead | null);
  const patch = input.phone ? { ...input, phone: await normalisedPhone(ctx, current.teamId, input.phone) } : input;
  const keyWrites = await keySyncWrites(ctx, current, input.version, patch);
  return updateOwned<Lead>(ctx, leadKind, leadId, patch, { keyFields, extra: () => keyWrites });
}

/** The team inbox by status, or one rep's queue. */
export async function listLeads(ctx: Ctx, q: z.infer<typeof listLeadsQuery> & { limit: number; cursor?: string | undefined }) {
  const { lead } = ctx.db.entities;
  if (q.ownerId) {
    return pageVisible(ctx, lead.query.byOwnerStatus(q.status ? { ownerId: q.ownerId, status: q.status } : { ownerId: q.ownerId }), q);
  }
  const teamId = listTeam(ctx.actor, q.teamId);
  return page(lead.query.byTeamStatus(q.status ? { teamId, status: q.status } : { teamId }), q);
}
