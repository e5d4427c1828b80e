/**
 * The deal-flow machine's state between tasks. `phase` says what the stage timer is waiting for:
 * "stage" (the stage SLA), "grace" (after the reminder, before escalation), "stale" (escalated and flagged:
 * waits for a move without a timer), "closed" (the deal is no longer open: the execution ends).
 */
export interface FlowState {
  opportunityId: string;
  phase: "stage" | "grace" | "stale" | "closed";
  stage?: string;
  /** The stage stay (stage-history seq) the timer belongs to. */
  seq?: number;
  /** Seconds until the current phase times out; absent when nothing times out (no SLA, stale). */
  timeoutSeconds?: number;
}

export interface DealFlowSettings {
  /** Between the reminder to the owner and the escalation to the manager. */
  graceSeconds: number;
}

export const defaultDealFlowSettings: DealFlowSettings = { graceSeconds: 2 * 86_400 };

export const DEAL_FLOW_MACHINE = "deal-flow";

/** A stage SLA in whole seconds (Step Functions timeouts are integers); fractions of a day compress tests. */
export function slaSeconds(slaDays: number | undefined): number | undefined {
  if (slaDays === undefined || !(slaDays > 0)) return undefined;
  return Math.max(1, Math.round(slaDays * 86_400));
}

/** Seconds from `now` to an absolute due time, at least 1: an overdue timer fires at once, never negative. */
export function secondsUntil(dueMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((dueMs - nowMs) / 1000));
}

export interface TimerInputs {
  opportunityId: string;
  status: string;
  stage: string;
  seq: number;
  stageEnteredAt: string;
  slaDays?: number | undefined;
  /** When the reminder / escalation / stale flag of this stay were done, if they were. */
  notices: { reminder?: string | undefined; escalation?: string | undefined; stale?: string | undefined };
}

/**
 * Where the timer of a deal's current stage stay stands, from stored facts only (absolute times), so a task,
 * a restart or a reconcile all arrive at the same answer.
 */
export function flowStateOf(deal: TimerInputs | undefined, now: Date, settings: DealFlowSettings): FlowState | undefined {
  if (!deal || deal.status !== "open") return undefined;
  const base = { opportunityId: deal.opportunityId, stage: deal.stage, seq: deal.seq };
  const { reminder, escalation, stale } = deal.notices;
  if (stale) return { ...base, phase: "stale" };
  // Escalated but not yet flagged (a crash in between): an overdue grace timer gets there at once.
  if (escalation) return { ...base, phase: "grace", timeoutSeconds: 1 };
  if (reminder) return { ...base, phase: "grace", timeoutSeconds: secondsUntil(Date.parse(reminder) + settings.graceSeconds * 1000, now.getTime()) };
  const sla = slaSeconds(deal.slaDays);
  if (sla === undefined) return { ...base, phase: "stage" };
  return { ...base, phase: "stage", timeoutSeconds: secondsUntil(Date.parse(deal.stageEnteredAt) + sla * 1000, now.getTime()) };
}

export function closedState(opportunityId: string): FlowState {
  return { opportunityId, phase: "closed" };
}

/** Execution names: the deal id, then `<id>-<n>` for each later generation (names are unique per machine). */
export function executionNameOf(opportunityId: string, generation: number): string {
  return generation <= 1 ? opportunityId : `${opportunityId}-${generation}`;
}

/** The deal ids an execution name may belong to, most likely first (an id may itself end in `-<digits>`). */
export function dealIdCandidates(executionName: string): string[] {
  const match = /^(.+)-(\d+)$/.exec(executionName);
  return match?.[1] ? [executionName, match[1]] : [executionName];
}

/** Step Functions' execution ARN for a machine and name (same shape in AWS and locally). */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}
