import { WorkflowExecutionExistsError, WorkflowNotFoundError } from "../workflow/workflow-errors.ts";
import type { CollectionDeps } from "./collection-deps.ts";
import { collectionExecutionName, executionArnOf, settled } from "./collection-step.ts";
import { readOrderFacts } from "./order-facts.ts";

export interface PlanSet {
  orderId: string;
  planVersion: number;
  instalments: { instalmentId: string }[];
  replaced: { instalmentId: string; planVersion: number }[];
}

/** Stopping an ended or unknown execution is a no-op, as a redelivered stop must be. */
export async function stopCollection(deps: CollectionDeps, instalmentId: string, planVersion: number, cause: string): Promise<void> {
  try {
    await deps.workflow.stop(executionArnOf(deps.stateMachineArn, collectionExecutionName(instalmentId, planVersion)), cause);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/**
 * `payment_plan.set`: the replaced plan's executions stop, and each new instalment still to be collected gets one
 * execution, named by instalment and plan version, so a redelivered event starts nothing new.
 */
export async function onPlanSet(deps: CollectionDeps, e: PlanSet): Promise<{ started: number; stopped: number }> {
  for (const old of e.replaced) await stopCollection(deps, old.instalmentId, old.planVersion, "The payment plan was replaced");
  const facts = await readOrderFacts(deps.db, e.orderId);
  // A newer plan replaced this one before the event arrived: its own event starts its timers.
  if (facts.plan?.planVersion !== e.planVersion) return { started: 0, stopped: e.replaced.length };
  let started = 0;
  for (const { instalmentId } of e.instalments) {
    const key = { orderId: e.orderId, instalmentId, planVersion: e.planVersion };
    const inst = facts.instalments.find((i) => i.instalmentId === instalmentId);
    if (settled(inst, key, facts.order)) continue;
    try {
      await deps.workflow.start(deps.stateMachineArn, collectionExecutionName(instalmentId, e.planVersion), key);
      started += 1;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionExistsError)) throw err;
    }
  }
  return { started, stopped: e.replaced.length };
}

/** `instalment.paid`: its collection has nothing left to do (every task would find it paid anyway). */
export function onInstalmentPaid(deps: CollectionDeps, e: { instalmentId: string; planVersion: number }): Promise<void> {
  return stopCollection(deps, e.instalmentId, e.planVersion, "The instalment was paid in full");
}

/**
 * `order.cancelled`: every live instalment of the order's plan stops being collected. Read from the table, not
 * the event, so a plan set in a race with the cancel is stopped too (its own start finds the order cancelled).
 */
export async function onOrderCancelled(deps: CollectionDeps, e: { orderId: string }): Promise<{ stopped: number }> {
  const facts = await readOrderFacts(deps.db, e.orderId);
  const live = facts.instalments.filter((i) => i.paidCents < i.amountCents);
  for (const i of live) await stopCollection(deps, i.instalmentId, i.planVersion, "The order was cancelled");
  return { stopped: live.length };
}
