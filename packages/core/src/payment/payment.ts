import { z } from "zod";
import { transact, type TxWrite } from "../db/transact.ts";
import { ConflictError, NotFoundError, UnprocessableError } from "../errors.ts";
import { getOrder, orderKind, type Order } from "../order/order.ts";
import { newId, type Ctx } from "../records/context.ts";
import { auditWrite } from "../records/record-plan.ts";
import { idSchema, isoDate, parse, shortText } from "../records/schema.ts";
import { collectionSettingsOf } from "./collection-settings.ts";
import { localDate } from "./due-times.ts";
import { formatMoney } from "./money.ts";
import { assertCollector, ownerOf, readOrderFacts, statusAfterPayment, type Instalment, type OrderFacts, type Payment, type PaymentPlan } from "./order-facts.ts";
import { paymentEvents } from "./payment-events.ts";
import { planView, type InstalmentView } from "./plan-view.ts";

export const recordPaymentSchema = z
  .object({
    instalmentId: idSchema,
    amountCents: z.number().int().positive().max(1e13),
    /** The value date the money arrived; not in the future. */
    receivedOn: isoDate,
    method: z.string().trim().min(1).max(40).optional(),
    reference: shortText.optional(),
  })
  .strict();
export type RecordPaymentInput = z.infer<typeof recordPaymentSchema>;

export interface PaymentResult {
  payment: Payment;
  instalment: InstalmentView;
  orderPaidCents: number;
  orderOutstandingCents: number;
}

const params = (p: object) => p as Record<string, unknown>;
const raced = () => new ConflictError("Another payment or plan change on this order landed first; retrying", "instalmentId");
const maxAttempts = 8;

function checkedInstalment(order: Order, facts: OrderFacts, input: RecordPaymentInput): { inst: Instalment; plan: PaymentPlan } {
  if (order.status === "cancelled") throw new UnprocessableError("order_cancelled", `Order ${order.orderNumber} is cancelled: it takes no payments`, "orderId");
  const inst = facts.instalments.find((i) => i.instalmentId === input.instalmentId);
  if (!inst || !facts.plan) throw new NotFoundError("instalment", input.instalmentId);
  const owed = inst.amountCents - inst.paidCents;
  if (input.amountCents > owed) {
    const where = `instalment ${inst.seq} of ${order.orderNumber} (${formatMoney(inst.amountCents, inst.currency)}, ${formatMoney(inst.paidCents, inst.currency)} paid)`;
    const message = owed === 0
      ? `Instalment ${inst.seq} of ${order.orderNumber} is paid in full: it takes no more payments`
      : `This payment of ${formatMoney(input.amountCents, inst.currency)} is more than the ${formatMoney(owed, inst.currency)} still owed on ${where}`;
    throw new UnprocessableError("overpayment", message, "amountCents", { outstandingCents: owed });
  }
  return { inst, plan: facts.plan };
}

/** One try: every write is conditional on what was read, so a concurrent payment makes it fail, never overpay. */
async function attempt(ctx: Ctx, orderId: string, input: RecordPaymentInput): Promise<PaymentResult> {
  const facts = await readOrderFacts(ctx.db, orderId);
  if (!facts.order) throw new NotFoundError("order", orderId);
  const order = facts.order;
  const { inst, plan } = checkedInstalment(order, facts, input);
  const at = ctx.clock.now().toISOString();
  const paidCents = inst.paidCents + input.amountCents;
  const status = statusAfterPayment(inst, paidCents);
  const orderPaid = (order.paidCents ?? 0) + input.amountCents;
  const payment: Payment = {
    orderId, paymentId: newId(ctx), instalmentId: inst.instalmentId, instalmentSeq: inst.seq, teamId: order.teamId, ownerId: ownerOf(order),
    orderNumber: order.orderNumber, currency: inst.currency, amountCents: input.amountCents, receivedOn: input.receivedOn,
    ...(input.method && { method: input.method }), ...(input.reference && { reference: input.reference }), recordedBy: ctx.actor.userId, createdAt: at,
  };
  const { instalment: instalments, paymentPlan, order: orders } = ctx.db.entities;
  const instalmentSet = { paidCents, status, updatedAt: at, ...(status === "paid" && { paidAt: at }) };
  const writes: TxWrite[] = [
    { kind: "Update", onConditionFailed: raced, params: params(instalments.patch({ orderId, instalmentId: inst.instalmentId }).set(instalmentSet)
      .where((a, op) => `${op.eq(a.paidCents, inst.paidCents)} AND ${op.eq(a.status, inst.status)} AND ${op.eq(a.planVersion, inst.planVersion)}`).params()) },
    { kind: "Update", onConditionFailed: raced, params: params(paymentPlan.patch({ orderId }).set({ paidCents: plan.paidCents + input.amountCents })
      .where((a, op) => `${op.eq(a.planVersion, inst.planVersion)} AND ${op.eq(a.paidCents, plan.paidCents)}`).params()) },
    { kind: "Update", onConditionFailed: raced, params: params(orders.patch({ orderId }).set({ paidCents: orderPaid, version: order.version + 1, updatedAt: at })
      .where((a, op) => op.eq(a.version, order.version)).params()) },
    { kind: "Put", onConditionFailed: raced, params: params(ctx.db.entities.payment.create(payment).params()) },
    auditWrite(ctx, orderKind, orderId, order.teamId, "payment", at, [{ field: "paidCents", old: order.paidCents ?? 0, new: orderPaid }]),
  ];
  await transact(ctx.db, writes);
  const after = { ...inst, ...instalmentSet };
  await ctx.publisher.publish(paymentEvents(ctx, { payment, instalment: after, orderPaidCents: orderPaid }, at));
  const view = planView(order, { plan, instalments: [after] }, ctx.clock.now()).instalments[0];
  if (!view) throw new Error("planView dropped the instalment");
  return { payment, instalment: view, orderPaidCents: orderPaid, orderOutstandingCents: order.totalCents - orderPaid };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records money received against one instalment: partial payments are fine, more than is owed is a 422. Races
 * with other payments (or a plan replacement) are retried against fresh reads, which is what lets concurrent
 * payments fill an instalment exactly and refuses the ones that would overpay it.
 */
export async function recordPayment(ctx: Ctx, orderId: string, raw: unknown): Promise<PaymentResult> {
  const input = parse(recordPaymentSchema, raw);
  const order = await getOrder(ctx, orderId);
  assertCollector(ctx.actor, order);
  const timeZone = (await collectionSettingsOf(ctx.db, order.teamId))?.timeZone ?? "UTC";
  if (input.receivedOn > localDate(ctx.clock.now().getTime(), timeZone)) throw new UnprocessableError("received_in_future", "receivedOn: money cannot have arrived in the future", "receivedOn");
  for (let n = 1; ; n++) {
    try {
      return await attempt(ctx, orderId, input);
    } catch (err) {
      if (!(err instanceof ConflictError) || n >= maxAttempts) throw err;
      await pause(5 + Math.random() * 20 * n);
    }
  }
}

/** The order's payments, oldest value date first. */
export async function listPayments(ctx: Ctx, orderId: string): Promise<{ items: Payment[] }> {
  await getOrder(ctx, orderId);
  const { payments } = await readOrderFacts(ctx.db, orderId);
  return { items: payments.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.createdAt.localeCompare(b.createdAt)) };
}
