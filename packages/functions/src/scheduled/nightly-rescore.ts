import { rescoreAllTeams } from "@dealflow/core/scoring/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { systemPrincipal } from "@dealflow/core/records/context";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

/**
 * Schedule NightlyLeadRescore: interest decays with time but stored scores only move when an event arrives, so
 * once a night every team's open leads are re-scored under today's decay and the team's current rules.
 */
export function nightlyRescoreHandler(deps: Pick<RuntimeDeps, "db" | "publisher" | "clock">) {
  return async (event: BusEnvelope) => {
    const reports = await rescoreAllTeams({ db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal });
    const total = (k: "scanned" | "rescored" | "qualified") => reports.reduce((s, r) => s + r[k], 0);
    console.log(JSON.stringify({ msg: "nightly lead re-score", eventId: event.id, teams: reports.length, scanned: total("scanned"), rescored: total("rescored"), qualified: total("qualified") }));
  };
}

let lambda: ReturnType<typeof nightlyRescoreHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= nightlyRescoreHandler(awsRuntimeDeps()))(event);
