import { onStageChanged, type DealFlowSettings } from "@dealflow/core/deal-flow/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyDealFlowDeps } from "../workflows/deal-flow-tasks.ts";
import { dealEventOf } from "./deal-event.ts";

/** Rule DealStageChanged → signals the deal's stage wait (once per stay, however often the event arrives). */
export function dealStageChangedHandler(deps: RuntimeDeps, settings?: DealFlowSettings) {
  const lazy = lazyDealFlowDeps(deps, settings);
  return async (event: BusEnvelope) => {
    const flow = lazy();
    const { opportunityId, seq } = dealEventOf(event);
    if (seq === undefined) throw new Error(`opportunity.stage_changed ${event.id} has no data.seq`);
    const outcome = await onStageChanged(flow, opportunityId, seq);
    console.log(JSON.stringify({ msg: `deal-flow stage change ${outcome}`, eventId: event.id, opportunityId, seq }));
  };
}

let lambda: ReturnType<typeof dealStageChangedHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= dealStageChangedHandler(awsRuntimeDeps()))(event);
