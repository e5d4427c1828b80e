import type { z } from "zod";
import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent, type UpdateResult } from "../records/record-writer.ts";
import { updateOwned } from "../records/owned-record.ts";
import { parse } from "../records/schema.ts";
import { pipelineForTeam } from "../pipeline/pipeline.ts";
import { reopenOpportunitySchema } from "./close.ts";
import { opportunityKeyFields, opportunityKind, type Opportunity } from "./opportunity.ts";
import { openStay } from "./stage-history.ts";
import { assertCurrentVersion } from "./stage-move.ts";

function assertClosedAndCurrent(current: Opportunity, expectedVersion: number): void {
  assertCurrentVersion(current, expectedVersion);
  if (current.status === "open") throw new UnprocessableError("deal_open", "This deal is open; only a won, lost or invalid deal can be reopened", "status");
}

/**
 * Reopens a closed deal in the stage it closed in (or the pipeline's first stage if an admin has removed that
 * one since), with a new stage-history stay. The reason is stored on the deal, so the audit entry carries it.
 */
export async function reopenOpportunity(ctx: Ctx, opportunityId: string, raw: z.input<typeof reopenOpportunitySchema>): Promise<Opportunity> {
  const input = parse(reopenOpportunitySchema, raw);
  let before: Opportunity | undefined;
  return updateOwned<Opportunity>(ctx, opportunityKind, opportunityId, { version: input.version }, {
    keyFields: opportunityKeyFields,
    validate: async (current, patch) => {
      assertClosedAndCurrent(current, input.version);
      const pipeline = await pipelineForTeam(ctx, current.pipelineId, current.teamId);
      const stage = pipeline.stages.find((s) => s.key === current.stage) ?? pipeline.stages[0];
      if (!stage) throw new UnprocessableError("no_stage", "The deal's pipeline has no stages", "pipelineId");
      const at = ctx.clock.now().toISOString();
      Object.assign(patch, {
        status: "open", stage: stage.key, stageSeq: current.stageSeq + 1, stageEnteredAt: at, probability: stage.probability, forecastCategory: stage.forecastCategory,
        reopenReason: input.reason, reopenedAt: at, reopenedBy: ctx.actor.userId,
      });
      before = current;
    },
    extra: (r) => (before ? [reopenedStay(ctx, before, r, input.reason)] : []),
    events: (r) => (before ? [reopenedEvent(ctx, before, r, input.reason)] : []),
  });
}

function reopenedStay(ctx: Ctx, before: Opportunity, r: UpdateResult, reason: string) {
  const after = r.record as Opportunity;
  return openStay(ctx, {
    opportunityId: after.opportunityId, seq: after.stageSeq, teamId: after.teamId, pipelineId: after.pipelineId, stage: after.stage, fromStage: before.stage,
    kind: "reopened", reason, enteredAt: after.stageEnteredAt, movedBy: ctx.actor.userId, amount: after.amount, probability: after.probability, expectedCloseDate: after.expectedCloseDate,
  });
}

function reopenedEvent(ctx: Ctx, before: Opportunity, r: UpdateResult, reason: string) {
  const after = r.record as Opportunity;
  const data = {
    opportunityId: after.opportunityId, teamId: after.teamId, ownerId: after.ownerId, pipelineId: after.pipelineId,
    stage: after.stage, seq: after.stageSeq, reason, previousStatus: before.status, previousCloseReason: before.closeReason || null,
  };
  return domainEvent(ctx, "opportunity.reopened", data, r.at);
}
