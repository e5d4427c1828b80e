import type { Opportunity } from "../opportunity/opportunity.ts";
import { WorkflowTaskClosedError } from "../workflow/workflow-errors.ts";
import { currentFlowState, flagDeal, readDeal, staleFlaggedEvent, stageOf, systemCtx } from "./deal-facts.ts";
import type { DealFlowDeps } from "./deal-flow-deps.ts";
import { closedState, type FlowState } from "./flow-state.ts";
import { markSignaled, storeToken } from "./flow-store.ts";
import { onceFor } from "./notices.ts";
import { escalationMail, managerOf, ownerOf, reminderMail } from "./sla-mail.ts";

/** The state a task hands back: the deal's timer as stored facts make it, or "closed". */
async function stateNow(deps: DealFlowDeps, opportunityId: string, deal?: Opportunity): Promise<FlowState> {
  return (await currentFlowState(deps, opportunityId, deal)) ?? closedState(opportunityId);
}

/** First state of an execution: where the deal's timer stands (also after a reconcile restart). */
export function loadDeal(deps: DealFlowDeps, input: { opportunityId: string }): Promise<FlowState> {
  return stateNow(deps, input.opportunityId);
}

/**
 * Hands the waiting task's token to `output`, once: the token is single-use, so a second signal for the same
 * wait (a duplicate event, a consumer racing the task itself) is refused by the engine and ignored here.
 */
export async function signalWait(deps: DealFlowDeps, w: { opportunityId: string; taskToken: string }, output: FlowState): Promise<boolean> {
  try {
    await deps.workflow.sendTaskSuccess(w.taskToken, output);
  } catch (err) {
    if (err instanceof WorkflowTaskClosedError) return false;
    throw err;
  }
  await markSignaled(deps.db, w.opportunityId, w.taskToken, output.seq ?? 0, deps.clock.now().toISOString());
  return true;
}

/**
 * Runs when the execution starts waiting for a stage move: stores the token with the stay it waits on, then
 * catches up with anything that happened meanwhile (a move or close whose event found no token yet).
 */
export async function awaitStageMove(deps: DealFlowDeps, input: FlowState, task: { taskToken: string; executionName: string }): Promise<void> {
  const { opportunityId } = input;
  const seq = input.seq ?? 0;
  const w = { opportunityId, taskToken: task.taskToken };
  const stored = await storeToken(deps.db, { opportunityId, executionName: task.executionName, seq, taskToken: task.taskToken, at: deps.clock.now().toISOString() });
  if (!stored) {
    // Not (or no longer) the deal's current execution: end it rather than keep a second timer.
    await signalWait(deps, w, closedState(opportunityId));
    return;
  }
  const deal = await readDeal(deps.db, opportunityId);
  if (!deal || deal.status !== "open") return void (await signalWait(deps, w, closedState(opportunityId)));
  if (deal.stageSeq > seq) return void (await signalWait(deps, w, await stateNow(deps, opportunityId, deal)));
  if (input.phase === "stage" && (deal.stale || (deal.slaState && deal.slaState !== "on_track"))) {
    await flagDeal(deps, opportunityId, seq, { slaState: "on_track", stale: false });
  }
}

/** Stage SLA ran out: remind the owner once per stay and show it on the deal; then the grace period runs. */
export async function remindOwner(deps: DealFlowDeps, input: FlowState): Promise<FlowState> {
  const deal = await readDeal(deps.db, input.opportunityId);
  if (!deal || deal.status !== "open" || deal.stageSeq !== input.seq) return stateNow(deps, input.opportunityId, deal);
  const now = deps.clock.now();
  await onceFor(deps.db, { opportunityId: deal.opportunityId, seq: deal.stageSeq, kind: "reminder" }, now.toISOString(), async () => {
    const owner = await ownerOf(deps.db, deal);
    if (!owner) return {};
    const sent = await deps.mailer.send(reminderMail({ deal, stage: await stageOf(deps.db, deal), owner, appUrl: deps.appUrl, now }));
    return { to: owner.email, messageId: sent.messageId };
  });
  await flagDeal(deps, deal.opportunityId, deal.stageSeq, { slaState: "reminded" });
  return stateNow(deps, input.opportunityId);
}

/** Grace period ran out too: escalate to the team's manager once per stay. */
export async function escalateToManager(deps: DealFlowDeps, input: FlowState): Promise<void> {
  const deal = await readDeal(deps.db, input.opportunityId);
  if (!deal || deal.status !== "open" || deal.stageSeq !== input.seq) return;
  const now = deps.clock.now();
  await onceFor(deps.db, { opportunityId: deal.opportunityId, seq: deal.stageSeq, kind: "escalation" }, now.toISOString(), async () => {
    const manager = await managerOf(deps.db, deal.teamId);
    if (!manager) return {};
    const context = { deal, stage: await stageOf(deps.db, deal), owner: await ownerOf(deps.db, deal), appUrl: deps.appUrl, now };
    const sent = await deps.mailer.send(escalationMail({ ...context, manager }));
    return { to: manager.email, messageId: sent.messageId };
  });
  await flagDeal(deps, deal.opportunityId, deal.stageSeq, { slaState: "escalated" });
}

/** After escalation: the deal is flagged stale (the team pool offers it for recycling) and the timer stops. */
export async function flagStale(deps: DealFlowDeps, input: FlowState): Promise<FlowState> {
  const deal = await readDeal(deps.db, input.opportunityId);
  if (!deal || deal.status !== "open" || deal.stageSeq !== input.seq) return stateNow(deps, input.opportunityId, deal);
  const at = deps.clock.now().toISOString();
  await onceFor(deps.db, { opportunityId: deal.opportunityId, seq: deal.stageSeq, kind: "stale" }, at, async () => {
    await flagDeal(deps, deal.opportunityId, deal.stageSeq, { stale: true, slaState: "stale" });
    // Published apart from the flag write, so a retry after a crash still announces it (at least once).
    await deps.publisher.publish([staleFlaggedEvent(systemCtx(deps), deal, at)]);
    return {};
  });
  return stateNow(deps, input.opportunityId);
}

