import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import { ForbiddenError } from "../errors.ts";
import type { Order } from "../order/order.ts";
import type { Principal } from "../records/context.ts";
import type { InstalmentEntity, InstalmentStatus } from "./instalment.entity.ts";
import type { PaymentEntity } from "./payment.entity.ts";
import type { PaymentPlanEntity } from "./payment-plan.entity.ts";

export type Instalment = EntityItem<typeof InstalmentEntity>;
export type Payment = EntityItem<typeof PaymentEntity>;
export type PaymentPlan = EntityItem<typeof PaymentPlanEntity>;

/** Everything in an order's partition: the order, its plan head, its live instalments in plan order, its payments. */
export interface OrderFacts {
  order: Order | undefined;
  plan: PaymentPlan | undefined;
  instalments: Instalment[];
  payments: Payment[];
}

/** One strongly consistent query of the order's partition (collection "order"). */
export async function readOrderFacts(db: Db, orderId: string): Promise<OrderFacts> {
  const { data } = await db.collections.order({ orderId }).go({ pages: "all", consistent: true });
  const live = data.instalment.filter((i) => i.status !== "void").sort((a, b) => a.seq - b.seq);
  return { order: data.order[0], plan: data.paymentPlan[0], instalments: live, payments: data.payment };
}

/**
 * Who may set plans and record payments (finance work on a signed order): admins, the managers of the order's
 * team and the deal's owner. Other reps of the team can read the plan but not change it.
 */
export function assertCollector(p: Principal, order: Order): void {
  if (p.role === "admin") return;
  if (p.role === "manager" && p.teamId === order.teamId) return;
  if (order.ownerId === p.userId) return;
  throw new ForbiddenError("Only the deal's owner, a manager of its team or an admin can change its payment plan or record payments");
}

export const ownerOf = (order: Order) => order.ownerId ?? order.createdBy;

/** Status as a reader should see it now: late and not fully paid is overdue even before the timer marks it. */
export function statusAt(i: Pick<Instalment, "amountCents" | "paidCents" | "dueAt" | "status">, now: Date): InstalmentStatus {
  if (i.status === "void") return "void";
  if (i.paidCents >= i.amountCents) return "paid";
  if (i.status === "overdue" || now.getTime() >= Date.parse(i.dueAt)) return "overdue";
  return i.paidCents > 0 ? "partly_paid" : "pending";
}

/** The status a payment leaves behind: an overdue mark stays until the instalment is paid in full. */
export function statusAfterPayment(i: Pick<Instalment, "amountCents" | "status">, paidCents: number): InstalmentStatus {
  if (paidCents >= i.amountCents) return "paid";
  return i.status === "overdue" ? "overdue" : "partly_paid";
}
