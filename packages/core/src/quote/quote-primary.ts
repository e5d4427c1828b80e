import { z } from "zod";
import type { Db } from "../db/service.ts";
import { transact, type TxWrite } from "../db/transact.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent, getRecord, updateRecord } from "../records/record-writer.ts";
import { plannedUpdate } from "../records/record-plan.ts";
import { parse, versionField } from "../records/schema.ts";
import { opportunityKeyFields, opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import { getQuote } from "./quote.ts";
import { assertUsable } from "./quote-approval.ts";
import { assertLatest, assertVersion, openDealFor, quoteKeyFields, quoteKind, type Quote } from "./quote-store.ts";

export const markPrimarySchema = z
  .object({
    ...versionField,
    /** Also set the deal's amount (and currency) to this quote's total, in the same transaction. */
    updateDealAmount: z.boolean().default(false),
    /** The deal version read; required with updateDealAmount (the deal update is version-checked). */
    dealVersion: z.number().int().positive().optional(),
  })
  .strict();

/** The deal's primary quote, if it has one. */
export async function primaryQuoteOf(db: Db, opportunityId: string): Promise<Quote | null> {
  const { data } = await db.entities.quotePrimary.get({ opportunityId }).go({ consistent: true });
  return data ? ((await getRecord(db, quoteKind, data.quoteId)) as Quote | null) : null;
}

/** The pointer moves only from the quote we read as primary (or from none): a concurrent switch fails whole. */
function pointerWrite(db: Db, opportunityId: string, from: string | undefined, to: string, at: string): TxWrite {
  const { quotePrimary } = db.entities;
  const params = from
    ? quotePrimary.patch({ opportunityId }).set({ quoteId: to, updatedAt: at }).where((a, op) => op.eq(a.quoteId, from)).params()
    : quotePrimary.create({ opportunityId, quoteId: to, updatedAt: at }).params();
  return { kind: from ? "Update" : "Put", params, onConditionFailed: () => new ConflictError("The deal's primary quote changed meanwhile; reload and try again", "quoteId") };
}

/** Flags on both quotes, the pointer, audit entries and events of one switch. */
async function switchPlan(ctx: Ctx, quote: Quote, at: string): Promise<{ writes: TxWrite[]; events: DomainEvent[] }> {
  const pointer = (await ctx.db.entities.quotePrimary.get({ opportunityId: quote.opportunityId }).go({ consistent: true })).data;
  if (quote.isPrimary && pointer?.quoteId === quote.quoteId) return { writes: [], events: [] };
  const previous = pointer ? ((await getRecord(ctx.db, quoteKind, pointer.quoteId)) as Quote | null) : null;
  const mark = plannedUpdate(ctx, quoteKind, quote, quote.version, { isPrimary: true }, { at, keyFields: quoteKeyFields, action: "mark_primary" });
  const unmark = previous ? plannedUpdate(ctx, quoteKind, previous, previous.version, { isPrimary: false }, { at, keyFields: quoteKeyFields, action: "unmark_primary" }) : undefined;
  const data = { quoteId: quote.quoteId, previousQuoteId: previous?.quoteId ?? null, opportunityId: quote.opportunityId, teamId: quote.teamId, totalCents: quote.totalCents, currency: quote.currency };
  return {
    writes: [...mark.writes, ...(unmark?.writes ?? []), pointerWrite(ctx.db, quote.opportunityId, pointer?.quoteId, quote.quoteId, at)],
    events: [...mark.events, ...(unmark?.events ?? []), domainEvent(ctx, "quote.marked_primary", data, at)],
  };
}

/**
 * Makes the latest, usable version of a quote the deal's primary, unmarking the previous one in the same
 * transaction; optionally sets the deal amount from its total through the deal's own version-checked update.
 */
export async function markPrimary(ctx: Ctx, quoteId: string, raw: z.input<typeof markPrimarySchema>): Promise<{ quote: Quote; opportunity: Opportunity }> {
  const input = parse(markPrimarySchema, raw);
  const current = await getQuote(ctx, quoteId);
  assertLatest(current);
  const deal = await openDealFor(ctx, current.opportunityId);
  assertUsable(current);
  assertVersion(current, input.version);
  if (input.updateDealAmount && input.dealVersion === undefined) throw new ValidationError("dealVersion: send the deal version you read to update its amount", "dealVersion");
  const at = ctx.clock.now().toISOString();
  const plan = await switchPlan(ctx, current, at);
  const amount = current.totalCents / 100;
  const dealChanges = input.updateDealAmount && (deal.amount !== amount || deal.currency !== current.currency);
  let opportunity = deal;
  if (dealChanges && input.dealVersion !== undefined) {
    const patch = { amount, currency: current.currency };
    opportunity = (await updateRecord(ctx, opportunityKind, deal, input.dealVersion, patch, { keyFields: opportunityKeyFields, extra: () => plan.writes, events: () => plan.events })).record as Opportunity;
  } else if (plan.writes.length > 0) {
    await transact(ctx.db, plan.writes);
    await ctx.publisher.publish(plan.events);
  }
  return { quote: await getQuote(ctx, quoteId), opportunity };
}
