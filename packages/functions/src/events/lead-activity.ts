import { recordMarketingActivity } from "@dealflow/core/lead/capture/marketing-activity";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { systemPrincipal } from "@dealflow/core/records/context";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

/**
 * Rule MarketingLeadActivity → the behaviour stored on its lead and `lead.activity_recorded` published. An
 * invalid detail or an unknown lead throws, so the bus retries and then dead-letters it with the reason.
 */
export function leadActivityHandler(deps: RuntimeDeps) {
  return async (event: BusEnvelope) => {
    const { leadId, duplicate } = await recordMarketingActivity({ db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal }, event);
    console.log(JSON.stringify({ msg: duplicate ? "lead-activity: duplicate delivery ignored" : "lead-activity", eventId: event.id, leadId }));
  };
}

let lambda: ReturnType<typeof leadActivityHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadActivityHandler(awsRuntimeDeps()))(event);
