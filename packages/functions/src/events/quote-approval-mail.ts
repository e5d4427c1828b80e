import { sendQuoteApprovalMail } from "@dealflow/core/quote/quote-mail";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { activityEventDetail } from "./activity-event-detail.ts";

/**
 * Rule QuoteApprovalMail → the team's manager is asked to approve an over-threshold discount; the quote's author
 * hears the decision. In-app notification plus email, idempotent per event and recipient.
 */
export function quoteApprovalMailHandler(deps: RuntimeDeps) {
  return async (event: BusEnvelope) => {
    const detail = activityEventDetail(event);
    const outcome = await sendQuoteApprovalMail(deps, detail);
    console.log(JSON.stringify({ msg: "quote-approval-mail", eventId: detail.id, event: detail.name, ...outcome }));
  };
}

let lambda: ReturnType<typeof quoteApprovalMailHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= quoteApprovalMailHandler(awsRuntimeDeps()))(event);
