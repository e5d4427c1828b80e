import { syncForecastLine } from "@dealflow/core/forecast/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { dealEventOf } from "./deal-event.ts";

/** Rule ForecastLines → the deal's forecast line follows its amount, category, close month and status. */
export function forecastLinesHandler(deps: Pick<RuntimeDeps, "db">) {
  return async (event: BusEnvelope) => {
    const { opportunityId } = dealEventOf(event);
    const wrote = await syncForecastLine(deps.db, opportunityId);
    console.log(JSON.stringify({ msg: wrote ? "forecast line synced" : "forecast line already current", eventId: event.id, opportunityId }));
  };
}

let lambda: ReturnType<typeof forecastLinesHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= forecastLinesHandler(awsRuntimeDeps()))(event);
