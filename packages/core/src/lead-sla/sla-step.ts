import type { LeadSlaItem } from "./sla-store.ts";

/**
 * The lead-sla machine's state between tasks: which breach comes next and when (`at`, for the Wait state's
 * TimestampPath), or "done" when the SLA is over (first contact, reassigned, returned to the pool).
 */
export interface SlaStep {
  leadId: string;
  assignedAt: string;
  next: "remind" | "escalate" | "pool" | "done";
  at?: string;
}

export const breachOf = { remind: 1, escalate: 2, pool: 3 } as const;

/** Whole seconds, rounded up, without milliseconds: the form every Step Functions Wait accepts. */
export function waitTimestamp(iso: string): string {
  const ms = Math.ceil(Date.parse(iso) / 1000) * 1000;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** The step stored facts make: a restart, a retry and a reconcile all arrive at the same one. */
export function stepOf(key: { leadId: string; assignedAt: string }, item: LeadSlaItem | undefined): SlaStep {
  const base = { leadId: key.leadId, assignedAt: key.assignedAt };
  if (!item || item.state === "closed") return { ...base, next: "done" };
  if (item.breachLevel <= 0) return { ...base, next: "remind", at: waitTimestamp(item.dueAt) };
  if (item.breachLevel === 1) return { ...base, next: "escalate", at: waitTimestamp(item.escalateAt) };
  if (item.breachLevel === 2) return { ...base, next: "pool", at: waitTimestamp(item.poolAt) };
  return { ...base, next: "done" };
}

/** Execution names: the lead id and the assignment time (ms, base 36), so each assignment has its own. */
export function executionNameOf(leadId: string, assignedAt: string): string {
  return `${leadId}-${Date.parse(assignedAt).toString(36)}`;
}

export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}
