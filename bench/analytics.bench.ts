import { rules } from "@dealflow/infra";
import { createDb } from "@dealflow/core/db/service";
import { systemClock } from "@dealflow/core/ports/clock";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { rebuildWinModel, refreshWinModels } from "@dealflow/core/win-model/index";
import { forecastLinesHandler } from "@dealflow/functions/events/forecast-lines";
import { startDynamoLocal, ensureTable } from "@dealflow/local/dynamodb/dynamodb-local";
import { matchesPattern } from "@dealflow/local/bus/pattern-matcher";
import { startApiServer } from "@dealflow/local/api/api-server";
import { seedDemo } from "@dealflow/local/seed/demo-seed";
import { bulkLeads } from "./bulk-leads.ts";
import { meterCapacity } from "./capacity-meter.ts";
import { fmt, percentile, timeIt, seededRandom } from "./stats.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const N = Number(process.env.BENCH_N ?? 50);
const LEADS = Number(process.env.BENCH_LEADS_PER_TEAM ?? 1000);
const DEALS = Number(process.env.BENCH_DEALS_PER_TEAM ?? 150);
/** Leads written in bulk on top of the seeded ones (see bulk-leads.ts), for the 20,000-lead figures. */
const BULK_LEADS = Number(process.env.BENCH_BULK_LEADS_PER_TEAM ?? 0);

/**
 * `npm run bench:analytics`: each report endpoint's p50/p99 and read units on a seeded team, and the win
 * model's rebuild time. The seed's events go through the real ForecastLines rule pattern and consumer, so the
 * forecast lines are built the way the bus builds them; the win model's rows come from its nightly pass.
 */
async function main() {
  const ddb = await startDynamoLocal();
  await ensureTable(ddb.client, "bench");
  const db = createDb(ddb.client, "bench");
  const events: DomainEvent[] = [];
  const publisher = { publish: async (batch: DomainEvent[]) => void events.push(...batch) };
  const quiet = console.log;
  console.log = () => {}; // the consumers log one line per event
  const started = Date.now();
  const seeded = await seedDemo({ db, publisher, leadsPerTeam: LEADS, dealsPerTeam: DEALS });
  const seededIn = (Date.now() - started) / 1000;
  const bulk = await bulkLeads(db, BULK_LEADS, new Date(), seededRandom(42));
  const handlers: Record<string, ReturnType<typeof forecastLinesHandler>> = { "forecast-lines": forecastLinesHandler({ db }) };
  const consumers = rules.map((r) => ({ r, handle: handlers[r.target.handler] }));
  for (const event of events) {
    const { name, ...detail } = event;
    const envelope = { version: "0" as const, id: event.id, "detail-type": name, source: "dealflow", account: "0", time: event.occurredAt, region: "local", resources: [], detail };
    for (const { r, handle } of consumers) if (handle && matchesPattern(r.pattern, envelope)) await handle(envelope);
  }
  await refreshWinModels(db, new Date().toISOString());
  console.log = quiet;
  const meter = meterCapacity(ddb.client);
  const api = await startApiServer({ db, publisher, clock: systemClock }, { devTokenSecret: "bench" });
  const { token } = (await (await fetch(`${api.url}/auth/dev-login`, { method: "POST", body: JSON.stringify({ email: "zhang.wei@dealflow.dev" }), headers: { "content-type": "application/json" } })).json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path: string) => {
    const res = await fetch(`${api.url}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const me = await get("/me");
  const deal = ((await get("/opportunities?limit=1")).items as { opportunityId: string }[])[0];
  const today = new Date().toISOString().slice(0, 10);
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const year = `from=${Number(today.slice(0, 4)) - 1}${today.slice(4)}&to=${today}`;
  const routes = [
    `/analytics/funnel?${year}`, `/analytics/velocity?${year}`, `/analytics/win-loss?${year}`, `/analytics/stage-sla?${year}`,
    `/analytics/lead-sources?${year}`, `/analytics/response-sla?${year}`, `/forecast?period=${quarter}`, `/opportunities/${deal?.opportunityId}/win-probability`, "/analytics/win-model",
  ];
  const rows: [string, number[], number][] = [];
  for (const path of routes) {
    await get(path);
    meter.reset();
    await get(path);
    const units = meter.units;
    const label = (path.split("?")[0] ?? path).replace(deal?.opportunityId ?? "-", "{id}");
    rows.push([label, await timeIt(N, () => get(path)), units]);
  }
  const rebuild = await timeIt(10, () => rebuildWinModel(db, String(me.teamId), new Date().toISOString()));

  console.log(`\nReports on DynamoDB Local: ${seeded.leads + bulk} leads (${bulk} written in bulk), ${seeded.opportunities} deals (2 teams; the manager's team), ${N} calls each, ms; seeding took ${seededIn.toFixed(0)} s\n`);
  console.log(`${"route".padEnd(44)}${"p50".padStart(8)}${"p99".padStart(8)}   read units / call`);
  for (const [name, lat, units] of rows) console.log(`${name.padEnd(44)}${fmt(percentile(lat, 50))}${fmt(percentile(lat, 99))}   ${units}`);
  console.log(`${"win model rebuild (one team)".padEnd(44)}${fmt(percentile(rebuild, 50))}${fmt(percentile(rebuild, 99))}`);
  await api.close();
  await ddb.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
