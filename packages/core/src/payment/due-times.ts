import { zonedTimeToUtc } from "../lead-sla/business-time.ts";

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
export const durationPattern = /^(\d{1,7})([smhd])$/;
const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "3d", "12h", "30m", "45s" in seconds (calendar days: money falls due on weekends too). */
export function durationSeconds(d: string): number {
  const m = durationPattern.exec(d);
  if (!m) throw new Error(`Not a duration: ${d}`);
  return Number(m[1]) * unitSeconds[m[2] as keyof typeof unitSeconds];
}

/** The local calendar date of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(ms));
}

export interface DueTimes {
  dueOn: string;
  dueAt: string;
  remindAt: string;
  collectAt: string;
}

/**
 * When an instalment falls due: a date is due by the end of that day in the team's zone (overdue from the next
 * local midnight); a datetime is due at that instant, which is also how tests compress weeks into seconds.
 */
export function dueTimesOf(dueDate: string, timeZone: string, remindBefore: string, grace: string): DueTimes {
  const m = dateOnly.exec(dueDate);
  const dueMs = m ? zonedTimeToUtc({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) + 1 }, 0, timeZone) : Date.parse(dueDate);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    dueOn: m ? dueDate : localDate(dueMs, timeZone),
    dueAt: iso(dueMs),
    remindAt: iso(dueMs - durationSeconds(remindBefore) * 1000),
    collectAt: iso(dueMs + durationSeconds(grace) * 1000),
  };
}

/** Whole days from one local date to another ("2026-03-01" → "2026-03-31" is 30). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date after a "YYYY-MM-DD" date. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
