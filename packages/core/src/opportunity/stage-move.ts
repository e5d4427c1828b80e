import { ConflictError, UnprocessableError } from "../errors.ts";
import type { TxWrite } from "../db/transact.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent, type UpdateResult } from "../records/record-writer.ts";
import { pipelineForTeam } from "../pipeline/pipeline.ts";
import { assertGates, planMove } from "./gate.ts";
import { closeStay, openStay } from "./stage-history.ts";
import type { Opportunity } from "./opportunity.ts";

/** A stage change that passed its checks, kept until the write succeeds to build history and events. */
export interface StageChange {
  before: Opportunity;
  direction: "forward" | "backward";
  skipped: string[];
}

export function assertCurrentVersion(current: Opportunity, expectedVersion: number): void {
  if (current.version !== expectedVersion) {
    throw new ConflictError(`opportunity ${current.opportunityId} was changed by someone else (it is at version ${current.version}); reload it and apply your change again`, "version", { currentVersion: current.version });
  }
}

/**
 * A change may only be based on the version the caller read, and only while the deal is open. The version is
 * checked before the gates so a stale client is told to reload (409) rather than judged on old data; the write
 * itself checks the version again, atomically.
 */
export function assertOpenAndCurrent(current: Opportunity, expectedVersion: number): void {
  assertCurrentVersion(current, expectedVersion);
  if (current.status !== "open") throw new UnprocessableError("deal_closed", `This deal is ${current.status}; reopen it before changing it`, "status");
}

/**
 * Checks a stage change in `patch` against the pipeline and the gates (judged on the deal as the patch leaves
 * it, so fields can be filled in the same request) and adds the fields that follow from the new stage.
 */
export async function planStageChange(ctx: Ctx, current: Opportunity, patch: Record<string, unknown>): Promise<StageChange | undefined> {
  const toKey = patch.stage;
  if (typeof toKey !== "string" || toKey === current.stage) return undefined;
  const pipeline = await pipelineForTeam(ctx, current.pipelineId, current.teamId);
  const plan = planMove(pipeline, current.stage, toKey);
  await assertGates(ctx, plan.gated, { ...current, ...patch }, current.opportunityId, current.stageEnteredAt);
  Object.assign(patch, {
    stageEnteredAt: ctx.clock.now().toISOString(),
    stageSeq: current.stageSeq + 1,
    probability: patch.probability ?? plan.to.probability,
    forecastCategory: patch.forecastCategory ?? plan.to.forecastCategory,
  });
  return { before: current, direction: plan.direction, skipped: plan.skipped };
}

/** Ends the old stay and opens the new one in the same transaction as the deal's version-checked update. */
export function stageChangeWrites(ctx: Ctx, change: StageChange, r: UpdateResult): TxWrite[] {
  const after = r.record as Opportunity;
  const { before } = change;
  return [
    closeStay(ctx, before.opportunityId, before.stageSeq, after.stageEnteredAt),
    openStay(ctx, {
      opportunityId: after.opportunityId, seq: after.stageSeq, teamId: after.teamId, pipelineId: after.pipelineId, stage: after.stage, fromStage: before.stage,
      kind: change.direction, enteredAt: after.stageEnteredAt, movedBy: ctx.actor.userId, amount: after.amount, probability: after.probability, expectedCloseDate: after.expectedCloseDate,
    }),
  ];
}

export function stageChangeEvents(ctx: Ctx, change: StageChange, r: UpdateResult): DomainEvent[] {
  const after = r.record as Opportunity;
  const data = {
    opportunityId: after.opportunityId, teamId: after.teamId, ownerId: after.ownerId, pipelineId: after.pipelineId,
    fromStage: change.before.stage, toStage: after.stage, seq: after.stageSeq, direction: change.direction, skipped: change.skipped,
  };
  return [domainEvent(ctx, "opportunity.stage_changed", data, r.at)];
}
