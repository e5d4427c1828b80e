import { parseArgs } from "node:util";
import { createDb } from "@dealflow/core/db/service";
import { systemPrincipal } from "@dealflow/core/records/context";
import { rescoreAllTeams, rescoreTeamLeads, type RescoreReport } from "@dealflow/core/scoring/index";
import { localDynamoClient } from "./dynamodb/dynamodb-local.ts";
import { LOCAL_TABLE, runtimeDeps } from "./runtime/local-runtime.ts";
import { lastEndpoints, reachable } from "./runtime/running-stack.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const usage = "Usage: npm run rescore [-- --team <teamId>]   (re-scores the open leads of one team, or of every team)";

/**
 * `npm run rescore`: against the running `npm start` stack, applies each team's current scoring rules and
 * today's decay to its open leads (what the nightly schedule does in AWS). Scores are published on the local
 * bus, so leads that now qualify reach assignment like any other.
 */
async function main() {
  const { values } = parseArgs({ options: { team: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) return console.log(usage);
  const { dynamodb, events, states, smtp, web, api } = lastEndpoints();
  if (!dynamodb || !events || !(await reachable(dynamodb)) || !(await reachable(events))) {
    console.error("npm start is not running (no reachable endpoints in .local/endpoints.json): start it first.");
    process.exit(1);
  }
  const deps = runtimeDeps(createDb(localDynamoClient(dynamodb), LOCAL_TABLE), { events, states: states ?? events, smtp: smtp ?? "smtp://127.0.0.1:1025", web: web ?? api ?? "http://127.0.0.1:5173" });
  const ctx = { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal };
  if (values.team && !(await deps.db.entities.team.get({ teamId: values.team }).go()).data) {
    console.error(`No team ${values.team}.\n${usage}`);
    process.exit(1);
  }
  const reports: RescoreReport[] = values.team ? [await rescoreTeamLeads(ctx, values.team)] : await rescoreAllTeams(ctx);
  for (const r of reports) console.log(`team ${r.teamId}: ${r.scanned} open leads, ${r.rescored} re-scored, ${r.unchanged} unchanged, ${r.qualified} at or above the threshold`);
  console.log(`Re-scored ${reports.reduce((s, r) => s + r.rescored, 0)} leads in ${reports.length} team(s).`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
