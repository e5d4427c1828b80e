export * from "./flow-state.ts";
export type { DealFlowDeps, ExecutionLister } from "./deal-flow-deps.ts";
export { awaitStageMove, escalateToManager, flagStale, loadDeal, remindOwner, signalWait } from "./flow-tasks.ts";
export { onDealClosed, onDealOpened, onStageChanged, type SignalOutcome } from "./flow-signals.ts";
export { reconcileDealFlows, type ReconcileReport } from "./reconcile.ts";
export { getFlow, type DealFlowItem } from "./flow-store.ts";
export { dealUrl } from "./sla-mail.ts";
