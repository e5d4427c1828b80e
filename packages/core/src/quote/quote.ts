import { z } from "zod";
import { transact } from "../db/transact.ts";
import { assertReadable, listTeam } from "../records/access.ts";
import { newId, type Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { getRecord } from "../records/record-writer.ts";
import { plannedCreate, plannedUpdate } from "../records/record-plan.ts";
import { readOwned } from "../records/owned-record.ts";
import { parse, versionField } from "../records/schema.ts";
import { opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import { formatNumber, nextNumber, withNextNumber } from "../order/sequence.ts";
import { currencyCode } from "../product/product.ts";
import { quoteStatuses } from "./quote.entity.ts";
import { priceQuote, quoteContent, snapshotLines, type QuoteLine } from "./quote-lines.ts";
import { defaultQuoteSettings, quoteSettingsOf } from "./quote-settings.ts";
import { approvalRequested, assertLatest, assertVersion, commitQuoteUpdate, openDealFor, quoteKeyFields, quoteKind, type Quote } from "./quote-store.ts";

export const createQuoteSchema = z
  .object({ ...quoteContent, taxRatePct: quoteContent.taxRatePct.optional(), overallDiscountPct: quoteContent.overallDiscountPct.optional(), validUntil: quoteContent.validUntil.optional(), note: quoteContent.note.optional(), currency: currencyCode.optional() })
  .strict();
export const updateQuoteSchema = z.object({ ...versionField, ...z.object(quoteContent).partial().shape }).strict();
export const listQuotesQuery = z.object({ status: z.enum(quoteStatuses).optional(), teamId: z.string().optional() });

type Content = Omit<Quote, "quoteId" | "teamId" | "ownerId" | "opportunityId" | "accountId" | "quoteNumber" | "quoteVersion" | "latest" | "isPrimary" | "currency" | "version" | "createdAt" | "updatedAt" | "createdBy">;

async function thresholdOf(ctx: Ctx, teamId: string): Promise<number> {
  return (await quoteSettingsOf(ctx.db, teamId))?.discountThresholdPct ?? defaultQuoteSettings.discountThresholdPct;
}

/** Prices the lines against the team threshold: over it, the version waits for a manager (pending_approval). */
async function content(ctx: Ctx, teamId: string, lines: Omit<QuoteLine, "grossCents" | "discountCents" | "lineTotalCents">[], opts: { overallDiscountPct: number; taxRatePct: number }, extra: { validUntil?: string | undefined; note?: string | undefined }): Promise<Content> {
  const { needsApproval, ...priced } = priceQuote(lines, opts, await thresholdOf(ctx, teamId));
  return { ...priced, ...extra, status: needsApproval ? "pending_approval" : "draft" };
}

const dealFields = (deal: Opportunity) => ({ teamId: deal.teamId, ownerId: deal.ownerId, opportunityId: deal.opportunityId, accountId: deal.accountId });

/** A new quote family (v1) on an open deal, numbered "QT-<year>-<n>" without gaps. */
export async function createQuote(ctx: Ctx, opportunityId: string, raw: z.input<typeof createQuoteSchema>): Promise<Quote> {
  const input = parse(createQuoteSchema, raw);
  const deal = await openDealFor(ctx, opportunityId);
  const currency = input.currency ?? deal.currency;
  const lines = await snapshotLines(ctx, input.lines, currency);
  const body = await content(ctx, deal.teamId, lines, { overallDiscountPct: input.overallDiscountPct ?? 0, taxRatePct: input.taxRatePct ?? 0 }, { validUntil: input.validUntil, note: input.note });
  const quoteId = newId(ctx);
  return withNextNumber(async () => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const year = now.getUTCFullYear();
    const n = await nextNumber(ctx.db, `quote-${year}`, at);
    const fields = { ...body, ...dealFields(deal), quoteId, quoteNumber: formatNumber("QT", year, n.value), quoteVersion: 1, latest: true, isPrimary: false, currency };
    const plan = plannedCreate(ctx, quoteKind, fields, at);
    await transact(ctx.db, [...plan.writes, n.write]);
    const record = plan.record as Quote;
    await ctx.publisher.publish([...plan.events, ...(record.status === "pending_approval" ? [approvalRequested(ctx, record, at)] : [])]);
    return record;
  });
}

export const getQuote = (ctx: Ctx, quoteId: string) => readOwned<Quote>(ctx, quoteKind, quoteId);

/** A deal's quotes (every version), family by family; or a team's quotes, optionally of one status. */
export async function listDealQuotes(ctx: Ctx, opportunityId: string): Promise<{ items: Quote[] }> {
  assertReadable(ctx.actor, "opportunity", opportunityId, (await getRecord(ctx.db, opportunityKind, opportunityId)) as Opportunity | null);
  const { data } = await ctx.db.entities.quote.query.byOpportunity({ opportunityId }).go({ pages: "all" });
  return { items: data.sort((a, b) => a.quoteNumber.localeCompare(b.quoteNumber) || a.quoteVersion - b.quoteVersion) };
}

export async function listQuotes(ctx: Ctx, q: z.infer<typeof listQuotesQuery> & { limit: number; cursor?: string | undefined }) {
  const teamId = listTeam(ctx.actor, q.teamId);
  return page(ctx.db.entities.quote.query.byTeamStatus({ teamId, ...(q.status && { status: q.status }) }), { ...q, order: "desc" });
}

/** Sent, approved and primary versions are what the customer (or the order) relies on: editing one makes a new version. */
const frozen = (q: Quote) => q.status === "sent" || q.status === "approved" || q.isPrimary;

/**
 * Edits the latest version of a quote. A draft, pending or rejected version changes in place (its approval is
 * judged again); a sent, approved or primary one stays as it is and the edit becomes the next version.
 */
export async function updateQuote(ctx: Ctx, quoteId: string, raw: z.input<typeof updateQuoteSchema>): Promise<{ quote: Quote; revised: boolean }> {
  const { version, lines: lineInput, ...rest } = parse(updateQuoteSchema, raw);
  const current = await getQuote(ctx, quoteId);
  assertLatest(current);
  const deal = await openDealFor(ctx, current.opportunityId);
  assertVersion(current, version);
  const lines = lineInput ? await snapshotLines(ctx, lineInput, current.currency) : current.lines.map(({ grossCents: _g, discountCents: _d, lineTotalCents: _t, ...l }) => l);
  const opts = { overallDiscountPct: rest.overallDiscountPct ?? current.overallDiscountPct, taxRatePct: rest.taxRatePct ?? current.taxRatePct };
  const body = await content(ctx, deal.teamId, lines, opts, { validUntil: rest.validUntil ?? current.validUntil, note: rest.note ?? current.note });
  if (frozen(current)) return { quote: await revise(ctx, current, deal, body), revised: true };
  const quote = await commitQuoteUpdate(ctx, current, version, body, {
    action: "update",
    remove: ["approvalComment", "decidedBy", "decidedAt"],
    events: (record, at) => (record.status === "pending_approval" ? [approvalRequested(ctx, record, at)] : []),
  });
  return { quote, revised: false };
}

/** The next version of the family; the old one is marked superseded in the same transaction (version-checked, so two editors cannot both branch it). */
async function revise(ctx: Ctx, current: Quote, deal: Opportunity, body: Content): Promise<Quote> {
  const at = ctx.clock.now().toISOString();
  const quoteId = newId(ctx);
  const fields = { ...body, ...dealFields(deal), quoteId, quoteNumber: current.quoteNumber, quoteVersion: current.quoteVersion + 1, latest: true, isPrimary: false, currency: current.currency };
  const created = plannedCreate(ctx, quoteKind, fields, at);
  const superseded = plannedUpdate(ctx, quoteKind, current, current.version, { latest: false, supersededBy: quoteId }, { at, keyFields: quoteKeyFields, action: "supersede" });
  await transact(ctx.db, [...created.writes, ...superseded.writes]);
  const record = created.record as Quote;
  await ctx.publisher.publish([...created.events, ...superseded.events, ...(record.status === "pending_approval" ? [approvalRequested(ctx, record, at)] : [])]);
  return record;
}
