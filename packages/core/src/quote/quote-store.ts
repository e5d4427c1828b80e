import type { EntityItem } from "electrodb";
import { transact } from "../db/transact.ts";
import { UnprocessableError } from "../errors.ts";
import { assertWritable } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { diff } from "../records/diff.ts";
import { domainEvent, getRecord, type RecordKind } from "../records/record-writer.ts";
import { plannedUpdate, staleVersion } from "../records/record-plan.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import type { QuoteEntity } from "./quote.entity.ts";

export type Quote = EntityItem<typeof QuoteEntity>;
export const quoteKind: RecordKind = { type: "quote", entity: "quote", idField: "quoteId" };
/** Index composites ElectroDB needs to rebuild the quote's index keys on every update. */
export const quoteKeyFields = ["opportunityId", "quoteNumber", "quoteVersion", "teamId", "status", "createdAt"] as const;

/** The deal a quote is made or changed on: one the caller may edit, and still open. */
export async function openDealFor(ctx: Ctx, opportunityId: string): Promise<Opportunity> {
  const deal = assertWritable(ctx.actor, "opportunity", opportunityId, (await getRecord(ctx.db, opportunityKind, opportunityId)) as Opportunity | null);
  if (deal.status !== "open") throw new UnprocessableError("deal_closed", `This deal is ${deal.status}; quotes change only on open deals`, "opportunityId");
  return deal;
}

export function assertVersion(current: Quote, expected: number): void {
  if (current.version !== expected) throw staleVersion(quoteKind, current.quoteId, current.version);
}

/** Only the newest version of a family changes; older ones are history. */
export function assertLatest(current: Quote): void {
  if (!current.latest) {
    throw new UnprocessableError("superseded", `${current.quoteNumber} v${current.quoteVersion} has a newer version; change that one`, "quoteId", { supersededBy: current.supersededBy });
  }
}

/** The fields the approval events carry (the mail consumer needs nothing else). */
export function approvalData(q: Quote): Record<string, unknown> {
  return {
    quoteId: q.quoteId, quoteNumber: q.quoteNumber, quoteVersion: q.quoteVersion, teamId: q.teamId, opportunityId: q.opportunityId,
    authorId: q.createdBy, ownerId: q.ownerId ?? null, totalCents: q.totalCents, currency: q.currency, maxDiscountPct: q.maxDiscountPct, thresholdPct: q.approvalThresholdPct,
  };
}

export const approvalRequested = (ctx: Ctx, q: Quote, at: string) => domainEvent(ctx, "quote.approval_requested", approvalData(q), at);

/**
 * A version-checked change of one quote with its audit entry (named by `action`) and events, in one transaction.
 * A patch that changes nothing writes nothing.
 */
export async function commitQuoteUpdate(
  ctx: Ctx, current: Quote, expectedVersion: number, patch: Record<string, unknown>,
  opts: { action: string; remove?: string[]; events?: (record: Quote, at: string) => DomainEvent[] },
): Promise<Quote> {
  assertVersion(current, expectedVersion);
  const removes = (opts.remove ?? []).filter((f) => (current as Record<string, unknown>)[f] !== undefined);
  if (diff(current, patch).length === 0 && removes.length === 0) return current;
  const at = ctx.clock.now().toISOString();
  const plan = plannedUpdate(ctx, quoteKind, current, expectedVersion, patch, { at, keyFields: quoteKeyFields, action: opts.action, remove: removes });
  const record = plan.record as Quote;
  await transact(ctx.db, plan.writes);
  await ctx.publisher.publish([...plan.events, ...(opts.events?.(record, at) ?? [])]);
  return record;
}
