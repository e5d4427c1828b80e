import { onDealOpened, onStageChanged, type DealFlowSettings } from "@dealflow/core/deal-flow/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyDealFlowDeps } from "../workflows/deal-flow-tasks.ts";
import { dealEventOf } from "./deal-event.ts";

/** Rule DealOpened (opportunity.created / opportunity.reopened) → the deal's deal-flow execution. */
export function dealOpenedHandler(deps: RuntimeDeps, settings?: DealFlowSettings) {
  const lazy = lazyDealFlowDeps(deps, settings);
  return async (event: BusEnvelope) => {
    const flow = lazy();
    const { opportunityId } = dealEventOf(event);
    const executionArn = await onDealOpened(flow, opportunityId);
    // A reopen may land while the old execution still waits on an earlier stay: catch it up.
    const deal = executionArn ? await flow.db.entities.opportunity.get({ opportunityId }).go() : undefined;
    if (deal?.data) await onStageChanged(flow, opportunityId, deal.data.stageSeq);
    console.log(JSON.stringify({ msg: executionArn ? "deal-flow started" : "deal-flow: deal not open, nothing started", eventId: event.id, opportunityId, executionArn }));
  };
}

let lambda: ReturnType<typeof dealOpenedHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= dealOpenedHandler(awsRuntimeDeps()))(event);
