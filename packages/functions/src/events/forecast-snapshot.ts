import { takeForecastSnapshots } from "@dealflow/core/forecast/index";
import { systemPrincipal } from "@dealflow/core/records/context";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

/** Schedule WeeklyForecastSnapshot → every team's month and quarter forecast stored immutably. */
export function forecastSnapshotHandler(deps: Pick<RuntimeDeps, "db" | "publisher" | "clock">) {
  return async (event: BusEnvelope) => {
    const result = await takeForecastSnapshots({ db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal });
    console.log(JSON.stringify({ msg: "forecast snapshots taken", eventId: event.id, ...result }));
  };
}

let lambda: ReturnType<typeof forecastSnapshotHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= forecastSnapshotHandler(awsRuntimeDeps()))(event);
