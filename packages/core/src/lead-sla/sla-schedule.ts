import { addBusinessSeconds, businessDaySeconds, type BusinessCalendar } from "./business-time.ts";

/** What a team's SLA needs besides its calendar: the ladder of response, escalation and pool times. */
export interface SlaLadder {
  /** First contact due this long after assignment. */
  responseTime: string;
  /** Escalation to the manager this long after the due time. */
  escalateAfter: string;
  /** Back to the pool this long after the escalation. */
  poolAfter: string;
}

export type SlaPolicy = SlaLadder & { calendar: BusinessCalendar };

export const durationPattern = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const unitSeconds = { s: 1, m: 60, h: 3600 } as const;

/** Business seconds of a duration; "d" is one working day of the calendar (24 h for a 24x7 team). */
export function durationSeconds(duration: string, calendar: BusinessCalendar): number {
  const match = durationPattern.exec(duration);
  if (!match?.[1] || !match[2]) throw new RangeError(`Not a duration (e.g. "2h", "30m", "45s", "1d"): ${duration}`);
  const amount = Number(match[1]);
  const unit = match[2];
  return unit === "d" ? amount * businessDaySeconds(calendar) : amount * unitSeconds[unit as keyof typeof unitSeconds];
}

export interface SlaTimes {
  dueAt: string;
  escalateAt: string;
  poolAt: string;
}

/** The three deadlines of one assignment, in business time from the moment it was assigned. */
export function slaTimesOf(assignedAt: string, policy: SlaPolicy): SlaTimes {
  const { calendar } = policy;
  const due = addBusinessSeconds(new Date(assignedAt), durationSeconds(policy.responseTime, calendar), calendar);
  const escalate = addBusinessSeconds(due, durationSeconds(policy.escalateAfter, calendar), calendar);
  const pool = addBusinessSeconds(escalate, durationSeconds(policy.poolAfter, calendar), calendar);
  return { dueAt: due.toISOString(), escalateAt: escalate.toISOString(), poolAt: pool.toISOString() };
}
