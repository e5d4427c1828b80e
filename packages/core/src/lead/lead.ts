import { z } from "zod";
import type { EntityItem } from "electrodb";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { listTeam } from "../records/access.ts";
import { createRecord, type RecordKind } from "../records/record-writer.ts";
import { creationTeam, initialOwner, readOwned, updateOwned, pageVisible } from "../records/owned-record.ts";
import { email, phone, shortText, tags, versionField, parse } from "../records/schema.ts";
import { leadSources, leadStatuses, type LeadEntity } from "./lead.entity.ts";

export type Lead = EntityItem<typeof LeadEntity>;
export const leadKind: RecordKind = { type: "lead", entity: "lead", idField: "leadId" };

const leadFields = {
  source: z.enum(leadSources),
  campaign: shortText.optional(),
  name: shortText,
  email: email.optional(),
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

export async function createLead(ctx: Ctx, raw: z.input<typeof createLeadSchema>): Promise<Lead> {
  const input = parse(createLeadSchema, raw);
  const teamId = creationTeam(ctx, input.teamId);
  const ownerId = await initialOwner(ctx, teamId, input.ownerId);
  const status = ownerId ? "assigned" : "new";
  return (await createRecord(ctx, leadKind, { ...input, teamId, ownerId, status })) as Lead;
}

export const getLead = (ctx: Ctx, leadId: string) => readOwned<Lead>(ctx, leadKind, leadId);

export async function updateLead(ctx: Ctx, leadId: string, raw: z.input<typeof updateLeadSchema>): Promise<Lead> {
  const input = parse(updateLeadSchema, raw);
  return updateOwned<Lead>(ctx, leadKind, leadId, input, { keyFields: ["teamId", "status", "createdAt", "ownerId"] });
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
