import { z } from "zod";
import type { TxWrite } from "../db/transact.ts";
import { transact } from "../db/transact.ts";
import { ConflictError, UnprocessableError } from "../errors.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { assertWritable } from "../records/access.ts";
import { newId, type Ctx } from "../records/context.ts";
import { entityOf, getRecord } from "../records/record-writer.ts";
import { plannedCreate } from "../records/record-plan.ts";
import { email, parse } from "../records/schema.ts";
import { opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import { primaryQuoteOf } from "../quote/quote-primary.ts";
import { assertUsable } from "../quote/quote-approval.ts";
import type { Quote } from "../quote/quote-store.ts";
import { orderKind, type Order } from "./order.ts";
import { formatNumber, nextNumber, withNextNumber } from "./sequence.ts";

export const createOrderSchema = z.object({ financeEmail: email.optional() }).strict();

/** An order planned but not sent: its writes join the close's transaction, or commit on their own. */
export interface OrderPlan {
  record: Order;
  writes: TxWrite[];
  events: DomainEvent[];
}

/** The quote an order is made from: the deal's primary, usable (not pending approval, not rejected). */
function orderableQuote(primary: Quote | null): Quote {
  if (!primary) throw new UnprocessableError("no_primary_quote", "The deal has no primary quote to order from; mark an approved quote primary first", "quoteId");
  assertUsable(primary);
  return primary;
}

async function existingOrderId(ctx: Ctx, opportunityId: string): Promise<string | undefined> {
  return (await ctx.db.entities.orderOfDeal.get({ opportunityId }).go({ consistent: true })).data?.orderId;
}

const alreadyOrdered = (opportunityId: string, orderId?: string) =>
  new ConflictError(`Deal ${opportunityId} already has an order${orderId ? ` (${orderId})` : ""}: one order per deal`, "opportunityId", orderId ? { orderId } : undefined);

/**
 * The order, its audit entry, the deal's one-order item and the year's order-number counter move: one
 * transaction, so a number is taken only by an order that exists (no gaps) and only once (no duplicates).
 */
export async function planOrder(ctx: Ctx, deal: Opportunity, quote: Quote, opts: { financeEmail?: string | undefined }): Promise<OrderPlan> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const n = await nextNumber(ctx.db, `order-${year}`, at);
  const orderId = newId(ctx);
  const lines = quote.lines.map((l) => ({ productId: l.productId, sku: l.sku, name: l.name, unit: l.unit, quantity: l.quantity, unitPriceCents: l.unitPriceCents, discountPct: l.discountPct, lineTotalCents: l.lineTotalCents }));
  const fields = {
    orderId, teamId: deal.teamId, ownerId: deal.ownerId, orderNumber: formatNumber("SO", year, n.value), opportunityId: deal.opportunityId, accountId: deal.accountId,
    quoteId: quote.quoteId, currency: quote.currency, subtotalCents: quote.subtotalCents, discountCents: quote.discountCents, taxCents: quote.taxCents, totalCents: quote.totalCents,
    lines, status: "confirmed", financeEmail: opts.financeEmail,
  };
  const plan = plannedCreate(ctx, orderKind, fields, at);
  const unique: TxWrite = {
    kind: "Put",
    params: entityOf(ctx.db, "orderOfDeal").create({ opportunityId: deal.opportunityId, orderId, createdAt: at }).params(),
    onConditionFailed: () => alreadyOrdered(deal.opportunityId),
  };
  return { record: plan.record as Order, writes: [...plan.writes, unique, n.write], events: plan.events };
}

/**
 * The order a close as won brings with it. `createOrder` unset means "if the deal has a usable primary quote and
 * no order yet"; true insists (422 without a usable primary quote, 409 with an order); false never orders.
 */
export async function planOrderOnClose(ctx: Ctx, deal: Opportunity, createOrder: boolean | undefined): Promise<OrderPlan | undefined> {
  if (createOrder === false) return undefined;
  const [existing, primary] = await Promise.all([existingOrderId(ctx, deal.opportunityId), primaryQuoteOf(ctx.db, deal.opportunityId)]);
  if (createOrder === undefined && (existing || !primary || primary.status === "pending_approval" || primary.status === "rejected")) return undefined;
  if (existing) throw alreadyOrdered(deal.opportunityId, existing);
  return planOrder(ctx, deal, orderableQuote(primary), {});
}

/**
 * A reopened deal that still has a live order cannot be closed as lost or invalid: the order would stay
 * receivable on a deal the reports call lost. Cancelling the order first (nothing paid) makes it closable.
 */
export async function assertNoLiveOrder(ctx: Ctx, opportunityId: string, outcome: string): Promise<void> {
  const orderId = await existingOrderId(ctx, opportunityId);
  const order = orderId ? ((await getRecord(ctx.db, orderKind, orderId)) as Order | null) : null;
  if (order && order.status !== "cancelled") {
    throw new UnprocessableError("order_exists", `This deal has order ${order.orderNumber} (${order.status}); cancel the order before closing the deal as ${outcome}`, "outcome", { orderId: order.orderId });
  }
}

/** Orders a won deal that has none yet, from its primary quote (a deal won before it had one, or closed with createOrder false). */
export async function createOrderForDeal(ctx: Ctx, opportunityId: string, raw: z.input<typeof createOrderSchema>): Promise<Order> {
  const input = parse(createOrderSchema, raw);
  const deal = assertWritable(ctx.actor, "opportunity", opportunityId, (await getRecord(ctx.db, opportunityKind, opportunityId)) as Opportunity | null);
  if (deal.status !== "won") throw new UnprocessableError("deal_not_won", `Only a won deal can be ordered; this one is ${deal.status}`, "status");
  const existing = await existingOrderId(ctx, opportunityId);
  if (existing) throw alreadyOrdered(opportunityId, existing);
  const quote = orderableQuote(await primaryQuoteOf(ctx.db, opportunityId));
  // Only the number is read again on a retry; the deal's one-order item still refuses a concurrent second order.
  return withNextNumber(async () => {
    const plan = await planOrder(ctx, deal, quote, input);
    await transact(ctx.db, plan.writes);
    await ctx.publisher.publish(plan.events);
    return plan.record;
  });
}
