/**
 * A deal and its stage stays, the stored facts every pipeline report is computed from (never today's snapshot
 * alone). Pure helpers over them live here; loading them is `journey-source.ts`.
 */
export interface Stay {
  seq: number;
  stage: string;
  fromStage?: string | undefined;
  kind?: "created" | "forward" | "backward" | "reopened" | undefined;
  enteredAt: string;
  leftAt?: string | undefined;
  leftFor?: "won" | "lost" | "invalid" | undefined;
}

export interface JourneyDeal {
  opportunityId: string;
  ownerId?: string | undefined;
  status: "open" | "won" | "lost" | "invalid";
  stage: string;
  amount: number;
  currency?: string | undefined;
  priority?: string | undefined;
  closedAt?: string | undefined;
  closeReason?: string | undefined;
  winningCompetitor?: string | undefined;
  competitors?: { name: string }[] | undefined;
  closeDateSlips?: number | undefined;
  closeDateSlippedDays?: number | undefined;
  accountId?: string | undefined;
  sourceLeadId?: string | undefined;
  /** Filled by `withSegments` for the reports that group by them. */
  industry?: string | undefined;
  size?: string | undefined;
  source?: string | undefined;
}

export interface Journey {
  deal: JourneyDeal;
  /** Ordered by seq. */
  stays: Stay[];
}

const DAY_MS = 86_400_000;

export function days(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

/** The furthest stage (index into `stageKeys`) the deal ever entered; -1 if none of its stays is in this pipeline. */
export function furthestIndex(journey: Journey, stageKeys: readonly string[]): number {
  return Math.max(-1, ...journey.stays.map((s) => stageKeys.indexOf(s.stage)));
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Days rounded to a tenth: reports show days, and exact floats only add noise. */
export const roundDays = (d: number | null): number | null => (d === null ? null : Math.round(d * 10) / 10);
