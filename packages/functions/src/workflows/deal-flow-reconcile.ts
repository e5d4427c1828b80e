import type { SFNClient } from "@aws-sdk/client-sfn";
import { reconcileDealFlows, type ReconcileReport } from "@dealflow/core/deal-flow/index";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { dealFlowDeps } from "./deal-flow-tasks.ts";
import { createSfnExecutionLister } from "./sfn-execution-lister.ts";

/** Reconcile over a runtime's deps and a Step Functions client (AWS, or the local engine's endpoint). */
export function reconcileDealFlowsWith(deps: RuntimeDeps, sfn: SFNClient): Promise<ReconcileReport> {
  return reconcileDealFlows(dealFlowDeps(deps), createSfnExecutionLister(sfn));
}
