import type { TxWrite } from "../db/transact.ts";
import { ConflictError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { entityOf } from "../records/record-writer.ts";

export interface StageStay {
  opportunityId: string;
  seq: number;
  teamId: string;
  pipelineId: string;
  stage: string;
  fromStage?: string | undefined;
  kind?: "created" | "forward" | "backward" | "reopened" | undefined;
  reason?: string | undefined;
  enteredAt: string;
  movedBy: string;
  amount: number;
  probability: number;
  expectedCloseDate?: string | undefined;
}

/** Opens a stay; conditional on the slot being free, so two racing moves can never write the same entry. */
export function openStay(ctx: Ctx, stay: StageStay): TxWrite {
  return {
    kind: "Put",
    params: entityOf(ctx.db, "stageHistory").create({ ...stay }).params(),
    onConditionFailed: () => new ConflictError("The deal was moved by someone else at the same time; reload it", "stage"),
  };
}

/** Closes the current stay when the deal leaves the stage, or closes (then `leftFor` names the outcome). */
export function closeStay(ctx: Ctx, opportunityId: string, seq: number, leftAt: string, leftFor?: "won" | "lost" | "invalid"): TxWrite {
  return {
    kind: "Update",
    params: entityOf(ctx.db, "stageHistory")
      .patch({ opportunityId, seq })
      .set({ leftAt, ...(leftFor && { leftFor }) })
      .where((attr, op) => op.eq(attr.seq, seq))
      .params(),
    onConditionFailed: () => new ConflictError("The deal's stage history changed meanwhile; reload it", "stage"),
  };
}
