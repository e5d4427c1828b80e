import { days, ratio, type Journey } from "./journey.ts";

export interface SlaCompliance {
  key: string;
  /** Stays that ended, or are overdue already, and so have a verdict. */
  judged: number;
  met: number;
  breached: number;
  compliance: number | null;
}

export interface StageSla {
  overall: SlaCompliance;
  byStage: SlaCompliance[];
  byOwner: SlaCompliance[];
  /** By the month the stay began, so the trend over time shows. */
  byMonth: SlaCompliance[];
}

interface Verdict {
  stage: string;
  owner: string;
  month: string;
  met: boolean;
}

/**
 * Stage-SLA compliance of the stays that began in [from, to): a stay meets its SLA when the deal left the stage
 * within the stage's `slaDays`; an open stay past them is a breach; an open stay still inside them has no
 * verdict yet. Stages without an SLA are not judged.
 */
export function stageSla(journeys: readonly Journey[], slaDays: ReadonlyMap<string, number>, range: { from: string; to: string }, now: string): StageSla {
  const verdicts: Verdict[] = journeys.flatMap((j) =>
    j.stays.flatMap((s): Verdict[] => {
      const limit = slaDays.get(s.stage);
      if (limit === undefined || s.enteredAt < range.from || s.enteredAt >= range.to) return [];
      const spent = days(s.enteredAt, s.leftAt ?? now);
      if (!s.leftAt && spent <= limit) return [];
      return [{ stage: s.stage, owner: j.deal.ownerId ?? "unowned", month: s.enteredAt.slice(0, 7), met: spent <= limit }];
    }),
  );
  const tally = (key: string, vs: readonly Verdict[]): SlaCompliance => {
    const met = vs.filter((v) => v.met).length;
    return { key, judged: vs.length, met, breached: vs.length - met, compliance: ratio(met, vs.length) };
  };
  const group = (keyOf: (v: Verdict) => string) => [...new Set(verdicts.map(keyOf))].sort().map((k) => tally(k, verdicts.filter((v) => keyOf(v) === k)));
  return { overall: tally("all", verdicts), byStage: group((v) => v.stage), byOwner: group((v) => v.owner), byMonth: group((v) => v.month) };
}
