import { days, mean, median, roundDays, type Journey } from "./journey.ts";

export interface StageVelocity {
  stage: string;
  /** Completed stays (the deal left the stage, by a move or a close). */
  stays: number;
  avgDays: number | null;
  medianDays: number | null;
}

export interface Velocity {
  stages: StageVelocity[];
  /** Created → won, over the cohort's won deals. */
  salesCycle: { won: number; avgDays: number | null; medianDays: number | null };
  /** Forward moves that jumped over at least one stage, and the deals that did. */
  skips: { moves: number; deals: number };
  /** Moves back to an earlier stage, and the deals that did. */
  regressions: { moves: number; deals: number };
  /** Expected close dates pushed later: deals that slipped, slips in all, and how far (days) per slipped deal. */
  closeDateSlips: { deals: number; slips: number; slippedDays: number; avgSlipsPerSlippedDeal: number | null; avgDaysPerSlippedDeal: number | null; maxSlips: number };
}

function closeDateSlips(journeys: readonly Journey[]): Velocity["closeDateSlips"] {
  const slipped = journeys.map((j) => j.deal).filter((d) => (d.closeDateSlips ?? 0) > 0);
  const slips = slipped.reduce((s, d) => s + (d.closeDateSlips ?? 0), 0);
  const slippedDays = slipped.reduce((s, d) => s + (d.closeDateSlippedDays ?? 0), 0);
  return {
    deals: slipped.length, slips, slippedDays,
    avgSlipsPerSlippedDeal: roundDays(slipped.length ? slips / slipped.length : null),
    avgDaysPerSlippedDeal: roundDays(slipped.length ? slippedDays / slipped.length : null),
    maxSlips: Math.max(0, ...slipped.map((d) => d.closeDateSlips ?? 0)),
  };
}

function isSkip(stay: Journey["stays"][number], stageKeys: readonly string[]): boolean {
  if (stay.kind !== "forward" || !stay.fromStage) return false;
  return stageKeys.indexOf(stay.stage) - stageKeys.indexOf(stay.fromStage) > 1;
}

function moveCount(journeys: readonly Journey[], matches: (stay: Journey["stays"][number]) => boolean) {
  const perDeal = journeys.map((j) => j.stays.filter(matches).length);
  return { moves: perDeal.reduce((a, b) => a + b, 0), deals: perDeal.filter((n) => n > 0).length };
}

/** Time in each stage, sales-cycle length, skips, regressions and close-date slips of a cohort, from its stage history (invalid deals left out). */
export function velocity(all: readonly Journey[], stageKeys: readonly string[]): Velocity {
  const journeys = all.filter((j) => j.deal.status !== "invalid");
  const stages = stageKeys.map((stage): StageVelocity => {
    const durations = journeys.flatMap((j) => j.stays.filter((s) => s.stage === stage && s.leftAt).map((s) => days(s.enteredAt, s.leftAt as string)));
    return { stage, stays: durations.length, avgDays: roundDays(mean(durations)), medianDays: roundDays(median(durations)) };
  });
  const cycles = journeys
    .filter((j) => j.deal.status === "won" && j.deal.closedAt && j.stays[0])
    .map((j) => days((j.stays[0] as Journey["stays"][number]).enteredAt, j.deal.closedAt as string));
  return {
    stages,
    salesCycle: { won: cycles.length, avgDays: roundDays(mean(cycles)), medianDays: roundDays(median(cycles)) },
    skips: moveCount(journeys, (s) => isSkip(s, stageKeys)),
    regressions: moveCount(journeys, (s) => s.kind === "backward"),
    closeDateSlips: closeDateSlips(journeys),
  };
}
