import type { MachineDeps } from "../ports/machine-deps.ts";
import type { DealFlowSettings } from "./flow-state.ts";

export type { ExecutionLister } from "../ports/machine-deps.ts";

/** What the deal-flow consumers and tasks use (stateMachineArn: the deal-flow machine's). */
export interface DealFlowDeps extends MachineDeps {
  settings: DealFlowSettings;
}
