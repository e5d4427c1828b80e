import { furthestIndex, ratio, type Journey } from "./journey.ts";

export interface FunnelStage {
  stage: string;
  /** Cohort deals that reached this stage or a later one (a skipped stage counts as passed through). */
  reached: number;
  reachedAmount: number;
  /** Share of `reached` that went on to the next stage (for the last stage: to won). */
  conversionToNext: number | null;
  /** Cohort deals open in this stage now. */
  openNow: number;
  openAmount: number;
}

export interface Funnel {
  deals: number;
  stages: FunnelStage[];
  won: number;
  wonAmount: number;
  /** Won / deals that entered the first stage. */
  overallConversion: number | null;
}

/**
 * Stage-to-stage conversion of a cohort (the deals created in the period), from their stage history: of the
 * deals that reached stage N, the share that reached N+1. Invalid deals are left out: they were never real
 * opportunities, so they would only dilute conversion.
 */
export function funnel(journeys: readonly Journey[], stageKeys: readonly string[]): Funnel {
  const real = journeys.filter((j) => j.deal.status !== "invalid");
  const furthest = real.map((j) => ({ j, at: j.deal.status === "won" ? stageKeys.length : furthestIndex(j, stageKeys) }));
  const reachedAt = (i: number) => furthest.filter((f) => f.at >= i);
  const won = real.filter((j) => j.deal.status === "won");
  const stages = stageKeys.map((stage, i): FunnelStage => {
    const here = reachedAt(i);
    const open = real.filter((j) => j.deal.status === "open" && j.deal.stage === stage);
    return {
      stage,
      reached: here.length,
      reachedAmount: here.reduce((sum, f) => sum + f.j.deal.amount, 0),
      conversionToNext: ratio(reachedAt(i + 1).length, here.length),
      openNow: open.length,
      openAmount: open.reduce((sum, j) => sum + j.deal.amount, 0),
    };
  });
  return {
    deals: real.length,
    stages,
    won: won.length,
    wonAmount: won.reduce((sum, j) => sum + j.deal.amount, 0),
    overallConversion: ratio(won.length, reachedAt(0).length),
  };
}
