import { syncTrainingRow } from "@dealflow/core/win-model/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { dealEventOf } from "./deal-event.ts";

/** Rule WinModel → a closed or reopened deal updates the team's training rows and retrains its win model. */
export function winModelHandler(deps: Pick<RuntimeDeps, "db" | "clock">) {
  return async (event: BusEnvelope) => {
    const { opportunityId } = dealEventOf(event);
    const synced = await syncTrainingRow(deps.db, opportunityId, deps.clock.now().toISOString());
    console.log(JSON.stringify({ msg: "win model retrained", eventId: event.id, opportunityId, ...synced }));
  };
}

let lambda: ReturnType<typeof winModelHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= winModelHandler(awsRuntimeDeps()))(event);
