import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent } from "../records/record-plan.ts";
import type { Instalment, Payment } from "./order-facts.ts";

/** `payment.recorded`, and `instalment.paid` when the payment completes its instalment. */
export function paymentEvents(ctx: Ctx, r: { payment: Payment; instalment: Instalment; orderPaidCents: number }, at: string): DomainEvent[] {
  const { payment: p, instalment: i } = r;
  const recorded = domainEvent(ctx, "payment.recorded", {
    paymentId: p.paymentId, orderId: p.orderId, orderNumber: p.orderNumber, instalmentId: p.instalmentId, instalmentSeq: p.instalmentSeq,
    teamId: p.teamId, ownerId: p.ownerId, currency: p.currency, amountCents: p.amountCents, receivedOn: p.receivedOn,
    ...(p.method && { method: p.method }), ...(p.reference && { reference: p.reference }),
    instalmentPaidCents: i.paidCents, instalmentOutstandingCents: i.amountCents - i.paidCents, instalmentStatus: i.status, orderPaidCents: r.orderPaidCents,
  }, at);
  if (i.status !== "paid") return [recorded];
  const paid = domainEvent(ctx, "instalment.paid", {
    instalmentId: i.instalmentId, orderId: i.orderId, orderNumber: i.orderNumber, seq: i.seq, planVersion: i.planVersion, teamId: i.teamId,
    ownerId: i.ownerId, currency: i.currency, amountCents: i.amountCents, paidAt: i.paidAt ?? at, dueAt: i.dueAt,
  }, at);
  return [recorded, paid];
}
