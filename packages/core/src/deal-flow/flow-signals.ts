import { WorkflowExecutionExistsError, WorkflowNotFoundError } from "../workflow/workflow-errors.ts";
import { currentFlowState, readDeal } from "./deal-facts.ts";
import type { DealFlowDeps } from "./deal-flow-deps.ts";
import { executionArnOf } from "./flow-state.ts";
import { createFlow, getFlow, markClosed, nextGeneration, recordStarted, type DealFlowItem } from "./flow-store.ts";
import { signalWait } from "./flow-tasks.ts";

export type SignalOutcome = "signaled" | "ignored";

/** Starts the item's current execution; a repeat of the same start (same name and input) is harmless. */
async function startCurrent(deps: DealFlowDeps, flow: DealFlowItem): Promise<string> {
  const name = flow.executionName;
  let executionArn = executionArnOf(deps.stateMachineArn, name);
  try {
    executionArn = (await deps.workflow.start(deps.stateMachineArn, name, { opportunityId: flow.opportunityId })).executionArn;
  } catch (err) {
    // This name ran already (a redelivered event): reconcile starts a fresh generation if it has ended.
    if (!(err instanceof WorkflowExecutionExistsError)) throw err;
  }
  await recordStarted(deps.db, flow.opportunityId, name, executionArn, deps.clock.now().toISOString());
  return executionArn;
}

/**
 * `opportunity.created` / `opportunity.reopened`: the open deal gets its execution. A deal whose previous
 * execution was closed gets a fresh name (`<id>-<n>`); names are never reused.
 */
export async function onDealOpened(deps: DealFlowDeps, opportunityId: string, opts: { fresh?: boolean } = {}): Promise<string | undefined> {
  const deal = await readDeal(deps.db, opportunityId);
  if (!deal || deal.status !== "open") return undefined;
  const at = deps.clock.now().toISOString();
  let flow = await getFlow(deps.db, opportunityId);
  if (!flow) {
    await createFlow(deps.db, { opportunityId, teamId: deal.teamId }, at);
  } else if (flow.status === "closed" || opts.fresh) {
    await nextGeneration(deps.db, flow, at);
  }
  flow = await getFlow(deps.db, opportunityId);
  if (!flow) throw new Error(`deal-flow item of ${opportunityId} vanished while starting its execution`);
  return startCurrent(deps, flow);
}

/**
 * `opportunity.stage_changed` with the stay's `seq`: signals the execution's stage wait once. Only a wait on an
 * earlier stay is signaled, so a redelivered (or older) event finds nothing to do; the token is single-use.
 */
export async function onStageChanged(deps: DealFlowDeps, opportunityId: string, seq: number): Promise<SignalOutcome> {
  const flow = await getFlow(deps.db, opportunityId);
  if (!flow?.taskToken || flow.status !== "open" || (flow.waitingSeq ?? 0) >= seq) return "ignored";
  const state = await currentFlowState(deps, opportunityId);
  // A closed deal is ended by its own event; an out-of-date event must not rewind the timer.
  if (!state || (state.seq ?? 0) < seq) return "ignored";
  return (await signalWait(deps, { opportunityId, taskToken: flow.taskToken }, state)) ? "signaled" : "ignored";
}

/** `opportunity.closed`: stops the deal's execution (unless the deal was reopened meanwhile). */
export async function onDealClosed(deps: DealFlowDeps, opportunityId: string): Promise<boolean> {
  const deal = await readDeal(deps.db, opportunityId);
  if (deal?.status === "open") return false;
  const flow = await getFlow(deps.db, opportunityId);
  if (!flow) return false;
  if (flow.status === "open") await markClosed(deps.db, flow, deps.clock.now().toISOString());
  await stopQuietly(deps, flow.executionArn ?? executionArnOf(deps.stateMachineArn, flow.executionName), "The deal was closed");
  return true;
}

/** Stopping an ended or unknown execution is a no-op, as a redelivered close must be. */
export async function stopQuietly(deps: DealFlowDeps, executionArn: string, cause: string): Promise<void> {
  try {
    await deps.workflow.stop(executionArn, cause);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
