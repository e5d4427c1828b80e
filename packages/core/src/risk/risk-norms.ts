import { days, median, type Stay } from "../analytics/journey.ts";
import type { Stage } from "../pipeline/pipeline.ts";
import type { StageNorm } from "./risk-types.ts";

/** Fewer completed stays than this make too noisy a median: the stage's SLA is the norm then. */
export const minStaysForNorm = 3;

/**
 * The norm per stage from each deal's stays (seq order): the median days of the stays completed in it (the stays
 * analytics velocity measures, with invalid deals left out: a deal is invalid while its last stay ended so), else
 * the stage's slaDays, else none. Unrounded, unlike the velocity report, so a stage people leave within hours
 * does not get a norm of 0 days and stall every deal in it.
 */
export function stageNorms(staysByDeal: Iterable<readonly Stay[]>, stages: readonly Stage[]): Map<string, StageNorm> {
  const real = [...staysByDeal].filter((stays) => stays.at(-1)?.leftFor !== "invalid");
  const norms = new Map<string, StageNorm>();
  for (const stage of stages) {
    const durations = real.flatMap((stays) => stays.filter((s) => s.stage === stage.key && s.leftAt).map((s) => days(s.enteredAt, s.leftAt as string)));
    const mid = durations.length >= minStaysForNorm ? median(durations) : null;
    if (mid !== null) norms.set(stage.key, { days: mid, source: "history", stays: durations.length });
    else if (stage.slaDays !== undefined) norms.set(stage.key, { days: stage.slaDays, source: "sla", stays: 0 });
  }
  return norms;
}
