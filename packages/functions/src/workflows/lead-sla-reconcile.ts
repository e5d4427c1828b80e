import type { SFNClient } from "@aws-sdk/client-sfn";
import { reconcileLeadSlas, type SlaReconcileOptions, type SlaReconcileReport } from "@dealflow/core/lead-sla/index";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { leadSlaDeps } from "./lead-sla-tasks.ts";
import { createSfnExecutionLister } from "./sfn-execution-lister.ts";

/** Reconcile over a runtime's deps and a Step Functions client (AWS, or the local engine's endpoint). */
export function reconcileLeadSlasWith(deps: RuntimeDeps, sfn: SFNClient, opts?: SlaReconcileOptions): Promise<SlaReconcileReport> {
  return reconcileLeadSlas(leadSlaDeps(deps), createSfnExecutionLister(sfn), opts);
}
