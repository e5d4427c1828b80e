import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { refreshWinModels } from "@dealflow/core/win-model/index";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

/**
 * Schedule NightlyWinModelRebuild: every team's training rows are checked against its closed deals (a close
 * whose event was dead-lettered is caught here) and its model retrained on the team's chosen features.
 */
export function nightlyWinModelHandler(deps: Pick<RuntimeDeps, "db" | "clock">) {
  return async (event: BusEnvelope) => {
    const reports = await refreshWinModels(deps.db, deps.clock.now().toISOString());
    const total = (k: "written" | "removed" | "rows") => reports.reduce((s, r) => s + r[k], 0);
    console.log(JSON.stringify({ msg: "nightly win model rebuild", eventId: event.id, teams: reports.length, written: total("written"), removed: total("removed"), rows: total("rows") }));
  };
}

let lambda: ReturnType<typeof nightlyWinModelHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= nightlyWinModelHandler(awsRuntimeDeps()))(event);
