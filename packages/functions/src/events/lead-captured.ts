import { captureFromMarketing } from "@dealflow/core/lead/lead-captured";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { systemPrincipal, type Ctx } from "@dealflow/core/records/context";
import { awsDeps } from "../runtime/aws-deps.ts";

type Deps = Omit<Ctx, "actor">;

/** Rule MarketingLeadCaptured → a lead. The factory serves the local bus; `handler` is the Lambda entry. */
export function leadCapturedHandler(deps: Deps) {
  return async (event: BusEnvelope) => {
    const { lead, duplicate } = await captureFromMarketing({ ...deps, actor: systemPrincipal }, event);
    console.log(JSON.stringify({ msg: duplicate ? "lead-captured: duplicate delivery ignored" : "lead-captured", eventId: event.id, leadId: lead?.leadId }));
  };
}

let lambda: ReturnType<typeof leadCapturedHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadCapturedHandler(awsDeps()))(event);
