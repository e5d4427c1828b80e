import { z } from "zod";
import { UnprocessableError } from "../errors.ts";
import { assertReadable, listTeam } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { domainEvent, getRecord, type UpdateResult } from "../records/record-writer.ts";
import { pageVisible, updateOwned } from "../records/owned-record.ts";
import { email, parse, shortText, versionField } from "../records/schema.ts";
import { opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import { orderStatuses } from "./order.entity.ts";
import { orderHasPayments } from "./order-payments.ts";
import { orderKeyFields, orderKind, type Order } from "./order.ts";

export const updateOrderSchema = z
  .object({ ...versionField, status: z.enum(["delivered", "cancelled"]).optional(), financeEmail: email.optional(), cancelReason: shortText.optional() })
  .strict();
export const listOrdersQuery = z.object({
  status: z.enum(orderStatuses).optional(),
  ownerId: z.string().optional(),
  opportunityId: z.string().optional(),
  teamId: z.string().optional(),
});

/** confirmed → delivered; confirmed or delivered → cancelled (never with payments); a cancelled order is final. */
async function checkTransition(ctx: Ctx, current: Order, patch: Record<string, unknown>): Promise<void> {
  if (current.status === "cancelled") throw new UnprocessableError("order_cancelled", `Order ${current.orderNumber} is cancelled and cannot change`, "status");
  const to = patch.status;
  if (patch.cancelReason !== undefined && to !== "cancelled") throw new UnprocessableError("invalid_transition", "A cancel reason goes with status cancelled", "cancelReason");
  if (to === undefined || to === current.status) return;
  const at = ctx.clock.now().toISOString();
  if (to === "delivered") {
    if (current.status !== "confirmed") throw new UnprocessableError("invalid_transition", `Order ${current.orderNumber} is ${current.status}; only a confirmed order can be delivered`, "status");
    patch.deliveredAt = at;
    return;
  }
  if (await orderHasPayments(ctx, current)) throw new UnprocessableError("order_has_payments", `Order ${current.orderNumber} has payments recorded; refund or reverse them before cancelling`, "status");
  patch.cancelledAt = at;
}

/**
 * `order.cancelled`: the fact the team's ERP and the collection timers act on (its instalments' executions stop),
 * published only by the update that made the order cancelled.
 */
function cancelledEvents(ctx: Ctx, before: Order | undefined, r: UpdateResult) {
  const o = r.record as Order;
  if (o.status !== "cancelled" || before?.status === "cancelled") return [];
  const data = {
    orderId: o.orderId, orderNumber: o.orderNumber, teamId: o.teamId, ownerId: o.ownerId ?? o.createdBy, opportunityId: o.opportunityId,
    currency: o.currency, totalCents: o.totalCents, cancelledAt: o.cancelledAt ?? r.at, cancelReason: o.cancelReason ?? null,
  };
  return [domainEvent(ctx, "order.cancelled", data, r.at)];
}

/** Delivers or cancels an order, or changes its finance contact; version-checked and audited (`order.updated`, and `order.cancelled`). */
export async function updateOrder(ctx: Ctx, orderId: string, raw: z.input<typeof updateOrderSchema>): Promise<Order> {
  const input = parse(updateOrderSchema, raw);
  let before: Order | undefined;
  return updateOwned<Order>(ctx, orderKind, orderId, input, {
    keyFields: orderKeyFields,
    validate: (current, patch) => {
      before = current;
      return checkTransition(ctx, current, patch);
    },
    events: (r) => cancelledEvents(ctx, before, r),
  });
}

/** A deal's order, an owner's orders or the team's (newest first), optionally of one status. */
export async function listOrders(ctx: Ctx, q: z.infer<typeof listOrdersQuery> & { limit: number; cursor?: string | undefined }) {
  const { order } = ctx.db.entities;
  const status = (a: { status: unknown }, op: { eq(a: unknown, b: unknown): string }) => (q.status ? op.eq(a.status, q.status) : "");
  if (q.opportunityId) {
    assertReadable(ctx.actor, "opportunity", q.opportunityId, (await getRecord(ctx.db, opportunityKind, q.opportunityId)) as Opportunity | null);
    return pageVisible(ctx, order.query.byOpportunity({ opportunityId: q.opportunityId }).where(status), q);
  }
  if (q.ownerId) return pageVisible(ctx, order.query.byOwner({ ownerId: q.ownerId }).where(status), { ...q, order: "desc" });
  return page(order.query.byTeam({ teamId: listTeam(ctx.actor, q.teamId) }).where(status), { ...q, order: "desc" });
}
