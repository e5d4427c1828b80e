import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import type { Pipeline } from "./pipeline.ts";

const reportLimit = 50;

/**
 * Refuses a new stage list that drops a stage still holding open deals (a changed key counts as a drop), naming
 * up to 50 of those deals so they can be moved first. Renames and new probabilities leave deals intact.
 */
export async function assertNoOpenDealsInRemovedStages(ctx: Ctx, current: Pipeline, nextStages: { key: string }[]): Promise<void> {
  const kept = new Set(nextStages.map((s) => s.key));
  const removed = current.stages.map((s) => s.key).filter((k) => !kept.has(k));
  const deals: { opportunityId: string; name: string; stage: string }[] = [];
  for (const stage of removed) {
    if (deals.length >= reportLimit) break;
    const query = ctx.db.entities.opportunity.query.byTeamStage({ teamId: current.teamId, status: "open", pipelineId: current.pipelineId, stage });
    const { data } = await query.go({ limit: reportLimit - deals.length, pages: "all" });
    deals.push(...data.slice(0, reportLimit - deals.length).map((d) => ({ opportunityId: d.opportunityId, name: d.name, stage: d.stage })));
  }
  if (deals.length === 0) return;
  const stages = [...new Set(deals.map((d) => d.stage))];
  throw new UnprocessableError(
    "stage_in_use",
    `Stage${stages.length > 1 ? "s" : ""} ${stages.map((s) => `"${s}"`).join(", ")} still hold${stages.length > 1 ? "" : "s"} open deals; move them to another stage before removing it`,
    "stages",
    { stages, deals, truncated: deals.length >= reportLimit },
  );
}
