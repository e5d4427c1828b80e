import { days, median, type Journey } from "../analytics/journey.ts";
import type { Stage } from "../pipeline/pipeline.ts";
import type { StageNorm } from "./risk-types.ts";

/** Fewer completed stays than this make too noisy a median: the stage's SLA is the norm then. */
export const minStaysForNorm = 3;

/**
 * The norm per stage: the median days of the stays completed in it (the stays analytics velocity measures, with
 * invalid deals left out), else the stage's slaDays, else none. Unrounded, unlike the velocity report, so a
 * stage people leave within hours does not get a norm of 0 days and stall every deal in it.
 */
export function stageNorms(journeys: readonly Journey[], stages: readonly Stage[]): Map<string, StageNorm> {
  const real = journeys.filter((j) => j.deal.status !== "invalid");
  const norms = new Map<string, StageNorm>();
  for (const stage of stages) {
    const durations = real.flatMap((j) => j.stays.filter((s) => s.stage === stage.key && s.leftAt).map((s) => days(s.enteredAt, s.leftAt as string)));
    const mid = durations.length >= minStaysForNorm ? median(durations) : null;
    if (mid !== null) norms.set(stage.key, { days: mid, source: "history", stays: durations.length });
    else if (stage.slaDays !== undefined) norms.set(stage.key, { days: stage.slaDays, source: "sla", stays: 0 });
  }
  return norms;
}
