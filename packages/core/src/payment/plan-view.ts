import type { Order } from "../order/order.ts";
import type { InstalmentStatus } from "./instalment.entity.ts";
import { statusAt, type OrderFacts } from "./order-facts.ts";

export interface InstalmentView {
  instalmentId: string;
  seq: number;
  amountCents: number;
  paidCents: number;
  outstandingCents: number;
  dueDate: string;
  dueOn: string;
  dueAt: string;
  status: InstalmentStatus;
  paidAt: string | null;
  overdueAt: string | null;
}

export interface PlanView {
  orderId: string;
  orderNumber: string;
  currency: string;
  totalCents: number;
  paidCents: number;
  outstandingCents: number;
  /** null until a plan is set. */
  planVersion: number | null;
  instalments: InstalmentView[];
}

/** A cancelled order owes nothing: its instalments read as void, as they do in the ageing and the orders export. */
export function planView(order: Order, facts: Pick<OrderFacts, "plan" | "instalments">, now: Date): PlanView {
  const cancelled = order.status === "cancelled";
  const instalments = facts.instalments.map((i): InstalmentView => ({
    instalmentId: i.instalmentId, seq: i.seq, amountCents: i.amountCents, paidCents: i.paidCents, outstandingCents: cancelled ? 0 : i.amountCents - i.paidCents,
    dueDate: i.dueDate, dueOn: i.dueOn, dueAt: i.dueAt, status: cancelled ? "void" : statusAt(i, now), paidAt: i.paidAt ?? null, overdueAt: i.overdueAt ?? null,
  }));
  const paidCents = instalments.reduce((sum, i) => sum + i.paidCents, 0);
  return {
    orderId: order.orderId, orderNumber: order.orderNumber, currency: order.currency, totalCents: order.totalCents, paidCents,
    outstandingCents: cancelled ? 0 : order.totalCents - paidCents, planVersion: facts.plan?.planVersion ?? null, instalments,
  };
}
