import type { Ctx } from "../records/context.ts";
import type { Pipeline } from "../pipeline/pipeline.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import { planMove, unmetRequirements } from "../opportunity/gate.ts";
import { loadStays } from "../analytics/journey-source.ts";
import { stageNorms } from "./risk-norms.ts";
import type { DealFacts, StageNorm } from "./risk-types.ts";

const DAY_MS = 86_400_000;
/** The window of stage history the team norm is taken over. */
export const normWindowDays = 180;

/**
 * Stage norms of one pipeline from the team's stays that began in the last 180 days. Cost: one Query of the
 * stays (journey-source.ts loadStays); the stays alone tell an invalid deal, so no deal is read.
 */
export async function loadNorms(ctx: Ctx, teamId: string, pipeline: Pipeline, now: Date): Promise<Map<string, StageNorm>> {
  const from = new Date(now.getTime() - normWindowDays * DAY_MS).toISOString();
  return stageNorms((await loadStays(ctx, teamId, pipeline.pipelineId, from)).values(), pipeline.stages);
}

/**
 * The gate the deal must pass to reach its next stage, checked by gate.ts itself: planMove names the gated
 * stages of a one-step move (the current one), and from the last stage the next step is a won close, which
 * passes the same gate (close.ts). A stage no longer in the pipeline has no gate to judge.
 */
async function nextGate(ctx: Ctx, pipeline: Pipeline, deal: Opportunity): Promise<DealFacts["gate"]> {
  const i = pipeline.stages.findIndex((s) => s.key === deal.stage);
  const current = pipeline.stages[i];
  if (!current) return { nextStage: "won", unmet: [] };
  const next = pipeline.stages[i + 1];
  const gated = next ? planMove(pipeline, current.key, next.key).gated : [current];
  const unmet = await unmetRequirements(ctx, gated, deal, deal.opportunityId, deal.stageEnteredAt);
  return { nextStage: next?.key ?? "won", unmet };
}

/**
 * One deal's facts. Cost: one Query of the deal's activities (bySubject) and, only when the next gate requires
 * activities, gate.ts's own Query of the activities of the current stay. Close-date slips ride on the deal.
 */
export async function loadDealFacts(ctx: Ctx, deal: Opportunity, pipeline: Pipeline, norms: ReadonlyMap<string, StageNorm>, now: Date): Promise<DealFacts> {
  const [activities, gate] = await Promise.all([
    ctx.db.entities.activity.query.bySubject({ subjectType: "opportunity", subjectId: deal.opportunityId }).go({ pages: "all" }),
    nextGate(ctx, pipeline, deal),
  ]);
  return {
    deal,
    stages: pipeline.stages,
    activities: activities.data,
    norm: norms.get(deal.stage) ?? null,
    gate,
    now: now.toISOString(),
  };
}
