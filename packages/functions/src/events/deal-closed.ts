import { onDealClosed, type DealFlowSettings } from "@dealflow/core/deal-flow/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyDealFlowDeps } from "../workflows/deal-flow-tasks.ts";
import { dealEventOf } from "./deal-event.ts";

/** Rule DealClosed → stops the deal's deal-flow execution. */
export function dealClosedHandler(deps: RuntimeDeps, settings?: DealFlowSettings) {
  const lazy = lazyDealFlowDeps(deps, settings);
  return async (event: BusEnvelope) => {
    const flow = lazy();
    const { opportunityId } = dealEventOf(event);
    const stopped = await onDealClosed(flow, opportunityId);
    console.log(JSON.stringify({ msg: stopped ? "deal-flow stopped" : "deal-flow: deal open again or never started", eventId: event.id, opportunityId }));
  };
}

let lambda: ReturnType<typeof dealClosedHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= dealClosedHandler(awsRuntimeDeps()))(event);
