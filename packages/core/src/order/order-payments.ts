import type { Ctx } from "../records/context.ts";
import type { Order } from "./order.ts";

/**
 * Whether money was collected on the order, which forbids cancelling it. The payments part keeps `paidCents` on
 * the order in the same transaction as each payment; if it exposes a richer check, it belongs here.
 */
export async function orderHasPayments(_ctx: Ctx, order: Order): Promise<boolean> {
  return (order.paidCents ?? 0) > 0;
}
