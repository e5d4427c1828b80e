import { z } from "zod";
import type { Contact } from "../contact/contact.ts";
import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { parse, versionField } from "../records/schema.ts";
import { dealFlags, type DealFlags } from "./deal-flags.ts";
import { committeeRoles } from "./opportunity.entity.ts";
import { getOpportunity, updateOpportunity, type Opportunity } from "./opportunity.ts";

type Role = (typeof committeeRoles)[number];
type Attitude = "positive" | "neutral" | "negative";

export interface CommitteeNode {
  contactId: string;
  name: string | null;
  title: string | null;
  /** Null for a manager up the reports-to chain who is not (yet) on the deal. */
  role: Role | null;
  attitude: Attitude | null;
  onDeal: boolean;
}
export interface CommitteeEdge {
  from: string;
  to: string;
  kind: "reports_to";
}
export interface Committee {
  opportunityId: string;
  version: number;
  nodes: CommitteeNode[];
  edges: CommitteeEdge[];
  flags: DealFlags;
}

const member = z.object({ contactId: z.string().min(1), role: z.enum(committeeRoles), attitude: z.enum(["positive", "neutral", "negative"]).optional() }).strict();
export const updateCommitteeSchema = z.object({ ...versionField, contacts: z.array(member).max(50) }).strict();

/** How far up the reports-to chain the graph looks for managers who are not on the deal. */
const chainDepth = 5;

async function contactsById(ctx: Ctx, ids: string[]): Promise<Map<string, Contact>> {
  if (ids.length === 0) return new Map();
  const { data } = await ctx.db.entities.contact.get(ids.map((contactId) => ({ contactId }))).go();
  return new Map(data.map((c) => [c.contactId, c]));
}

/** The members, then their managers level by level (one batch read per level), so the decision chain shows. */
async function chainOf(ctx: Ctx, deal: Opportunity): Promise<Map<string, Contact>> {
  const known = await contactsById(ctx, (deal.contacts ?? []).map((c) => c.contactId));
  for (let level = 0; level < chainDepth; level++) {
    const missing = [...new Set([...known.values()].map((c) => c.reportsToContactId).filter((id): id is string => !!id && !known.has(id)))];
    if (missing.length === 0) break;
    for (const [id, c] of await contactsById(ctx, missing)) if (c.accountId === deal.accountId) known.set(id, c);
  }
  return known;
}

/** The buying committee (联系人图谱): members with role and attitude, reports-to edges, and the deal's risk flags. */
export async function getCommittee(ctx: Ctx, opportunityId: string): Promise<Committee> {
  const deal = await getOpportunity(ctx, opportunityId);
  const people = await chainOf(ctx, deal);
  const members = deal.contacts ?? [];
  const onDeal = new Set(members.map((m) => m.contactId));
  const node = (contactId: string, role: Role | null, attitude: Attitude | null): CommitteeNode => {
    const c = people.get(contactId);
    return { contactId, name: c?.name ?? null, title: c?.title ?? null, role, attitude, onDeal: onDeal.has(contactId) };
  };
  const nodes = [
    ...members.map((m) => node(m.contactId, m.role, m.attitude ?? null)),
    ...[...people.keys()].filter((id) => !onDeal.has(id)).map((id) => node(id, null, null)),
  ];
  const edges = [...people.values()]
    .filter((c) => c.reportsToContactId && people.has(c.reportsToContactId))
    .map((c) => ({ from: c.contactId, to: String(c.reportsToContactId), kind: "reports_to" as const }));
  return { opportunityId, version: deal.version, nodes, edges, flags: dealFlags(deal) };
}

/** Replaces the committee; each contact must be at the deal's account (checked by the deal update) and listed once. */
export async function updateCommittee(ctx: Ctx, opportunityId: string, raw: z.input<typeof updateCommitteeSchema>): Promise<Committee> {
  const input = parse(updateCommitteeSchema, raw);
  const seen = new Set<string>();
  for (const [i, m] of input.contacts.entries()) {
    if (seen.has(m.contactId)) throw new UnprocessableError("duplicate_contact", `Contact ${m.contactId} is on the committee twice`, `contacts.${i}.contactId`);
    seen.add(m.contactId);
  }
  await updateOpportunity(ctx, opportunityId, { version: input.version, contacts: input.contacts });
  return getCommittee(ctx, opportunityId);
}
