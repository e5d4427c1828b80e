import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import type { DealFlowEntity } from "./deal-flow.entity.ts";
import { tryWrite } from "../db/conditional.ts";
import { executionNameOf } from "./flow-state.ts";

export type DealFlowItem = EntityItem<typeof DealFlowEntity>;

export async function getFlow(db: Db, opportunityId: string): Promise<DealFlowItem | undefined> {
  return (await db.entities.dealFlow.get({ opportunityId }).go({ consistent: true })).data ?? undefined;
}

/** The deal's first execution (generation 1); false when the item exists already. */
export function createFlow(db: Db, deal: { opportunityId: string; teamId: string }, at: string): Promise<boolean> {
  const item = { ...deal, status: "open" as const, generation: 1, executionName: executionNameOf(deal.opportunityId, 1), updatedAt: at };
  return tryWrite(() => db.entities.dealFlow.create(item).go());
}

/** Moves to the next generation (a fresh execution name) if the item is still at `from`. */
export function nextGeneration(db: Db, current: DealFlowItem, at: string): Promise<boolean> {
  const generation = current.generation + 1;
  return tryWrite(() =>
    db.entities.dealFlow
      .patch({ opportunityId: current.opportunityId })
      .set({ status: "open", generation, executionName: executionNameOf(current.opportunityId, generation), updatedAt: at })
      .remove(["taskToken", "waitingSeq", "executionArn"])
      .where((a, op) => op.eq(a.generation, current.generation))
      .go(),
  );
}

export function recordStarted(db: Db, opportunityId: string, executionName: string, executionArn: string, at: string): Promise<boolean> {
  return tryWrite(() =>
    db.entities.dealFlow
      .patch({ opportunityId })
      .set({ executionArn, updatedAt: at })
      .where((a, op) => op.eq(a.executionName, executionName))
      .go(),
  );
}

export function markClosed(db: Db, current: DealFlowItem, at: string): Promise<boolean> {
  return tryWrite(() =>
    db.entities.dealFlow
      .patch({ opportunityId: current.opportunityId })
      .set({ status: "closed", updatedAt: at })
      .remove(["taskToken"])
      .where((a, op) => op.eq(a.generation, current.generation))
      .go(),
  );
}

/**
 * Stores the token of the stage wait, only for the current execution and never over a wait on a later stay
 * (an old execution, or a late retry, cannot hide the live token).
 */
export function storeToken(db: Db, w: { opportunityId: string; executionName: string; seq: number; taskToken: string; at: string }): Promise<boolean> {
  return tryWrite(() =>
    db.entities.dealFlow
      .patch({ opportunityId: w.opportunityId })
      .set({ taskToken: w.taskToken, waitingSeq: w.seq, updatedAt: w.at })
      .where((a, op) => `${op.eq(a.executionName, w.executionName)} AND ${op.eq(a.status, "open")} AND (${op.notExists(a.waitingSeq)} OR ${op.lte(a.waitingSeq, w.seq)})`)
      .go(),
  );
}

/**
 * After a signal: the token is spent and `signaledSeq` records the stay the signal handed on. The token is removed
 * only while it is still that token: the execution moves on as soon as the engine takes the signal and may already
 * wait on the next stay with a fresh token, which must stay. signaledSeq is recorded either way, never backwards.
 */
export async function markSignaled(db: Db, opportunityId: string, taskToken: string, seq: number, at: string): Promise<boolean> {
  const spent = await tryWrite(() =>
    db.entities.dealFlow
      .patch({ opportunityId })
      .set({ signaledSeq: seq, updatedAt: at })
      .remove(["taskToken"])
      .where((a, op) => op.eq(a.taskToken, taskToken))
      .go(),
  );
  if (spent) return true;
  return tryWrite(() =>
    db.entities.dealFlow
      .patch({ opportunityId })
      .set({ signaledSeq: seq, updatedAt: at })
      .where((a, op) => `${op.notExists(a.signaledSeq)} OR ${op.lt(a.signaledSeq, seq)}`)
      .go(),
  );
}
