import type { Order } from "../order/order.ts";
import type { Instalment } from "./order-facts.ts";

export const COLLECTION_MACHINE = "instalment-collection";

export interface CollectionKey {
  orderId: string;
  instalmentId: string;
  planVersion: number;
}

/**
 * The instalment-collection machine's state between tasks: what comes next and when (`at`, for the Wait
 * state's TimestampPath), or "done" once the instalment is paid, replaced, cancelled or escalated.
 */
export interface CollectionStep extends CollectionKey {
  next: "remind" | "overdue" | "done";
  at?: string;
}

/** Whole seconds, rounded up, without milliseconds: the form every Step Functions Wait accepts. */
export function waitTimestamp(iso: string): string {
  return new Date(Math.ceil(Date.parse(iso) / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Nothing more to collect: paid in full, voided by a new plan, or the order cancelled. */
export function settled(i: Instalment | undefined, key: CollectionKey, order: Order | undefined): boolean {
  return !i || i.status === "void" || i.planVersion !== key.planVersion || i.paidCents >= i.amountCents || !order || order.status === "cancelled";
}

/**
 * The step stored facts make, so a restart, a retried task and a late timer all arrive at the same one. The
 * reminder is only worth sending before the due time; after it, the overdue notice is next.
 */
export function stepOf(key: CollectionKey, i: Instalment | undefined, order: Order | undefined, now: Date): CollectionStep {
  const base = { orderId: key.orderId, instalmentId: key.instalmentId, planVersion: key.planVersion };
  if (!i || settled(i, key, order)) return { ...base, next: "done" };
  if (!i.reminderMailedAt && now.getTime() < Date.parse(i.dueAt)) return { ...base, next: "remind", at: waitTimestamp(i.remindAt) };
  if (!i.overdueMailedAt) return { ...base, next: "overdue", at: waitTimestamp(i.collectAt) };
  return { ...base, next: "done" };
}

/** One execution per instalment and plan version; Step Functions names allow 80 characters. */
export function collectionExecutionName(instalmentId: string, planVersion: number): string {
  return `${instalmentId}-v${planVersion}`.slice(0, 80);
}

export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}
