import { notifyMentions } from "@dealflow/core/notification/mention-notifications";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { activityEventDetail } from "./activity-event-detail.ts";

/** Rule ActivityMentions → an in-app notification and an email for each mentioned user who may read the record. */
export function activityMentionsHandler(deps: RuntimeDeps) {
  return async (event: BusEnvelope) => {
    const detail = activityEventDetail(event);
    const outcome = await notifyMentions(deps, detail);
    console.log(JSON.stringify({ msg: "activity-mentions", eventId: detail.id, ...outcome }));
  };
}

let lambda: ReturnType<typeof activityMentionsHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= activityMentionsHandler(awsRuntimeDeps()))(event);
