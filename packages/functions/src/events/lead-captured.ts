import { captureFromMarketing } from "@dealflow/core/lead/lead-captured";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { systemPrincipal } from "@dealflow/core/records/context";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

/** Rule MarketingLeadCaptured → a lead (or a touch on a known one). The factory serves the local bus; `handler` is the Lambda entry. */
export function leadCapturedHandler(deps: RuntimeDeps) {
  return async (event: BusEnvelope) => {
    const { lead, outcome } = await captureFromMarketing({ db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal }, event);
    console.log(JSON.stringify({ msg: "lead-captured", outcome, eventId: event.id, leadId: lead.leadId }));
  };
}

let lambda: ReturnType<typeof leadCapturedHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadCapturedHandler(awsRuntimeDeps()))(event);
