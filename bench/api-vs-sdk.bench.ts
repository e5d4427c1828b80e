import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDb } from "@dealflow/core/db/service";
import { systemClock } from "@dealflow/core/ports/clock";
import { startDynamoLocal, ensureTable } from "@dealflow/local/dynamodb/dynamodb-local";
import { startApiServer } from "@dealflow/local/api/api-server";
import { seedDemo } from "@dealflow/local/seed/demo-seed";
import { meterCapacity } from "./capacity-meter.ts";
import { fmt, percentile, timeIt } from "./stats.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const N = Number(process.env.BENCH_N ?? 300);

/**
 * `npm run bench`: latency of get / list / create through the API (HTTP on loopback, JWT check, user lookup,
 * ElectroDB, audit + transaction) next to the raw SDK call for the same item, and capacity units per route.
 * DynamoDB Local's latencies are not DynamoDB's: compare the columns with each other, not with AWS.
 */
/**
 * A deal moved back and forth between the first two stages of the default pipeline (neither has a gate), each call
 * sending the version it got back: a stage move with its history stays, audit entry and events.
 */
async function stageMover(url: string, headers: Record<string, string>) {
  const accounts = (await (await fetch(`${url}/accounts?limit=1`, { headers })).json()) as { items: { accountId: string }[] };
  const body = JSON.stringify({ name: "Bench deal", accountId: accounts.items[0]?.accountId, amount: 10000 });
  let deal = (await (await fetch(`${url}/opportunities`, { method: "POST", headers, body })).json()) as { opportunityId: string; version: number; stage: string };
  return async () => {
    const stage = deal.stage === "initial_contact" ? "needs_analysis" : "initial_contact";
    const res = await fetch(`${url}/opportunities/${deal.opportunityId}`, { method: "PATCH", headers, body: JSON.stringify({ version: deal.version, stage }) });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    deal = (await res.json()) as typeof deal;
  };
}

async function main() {
  const ddb = await startDynamoLocal();
  await ensureTable(ddb.client, "bench");
  const meter = meterCapacity(ddb.client);
  const db = createDb(ddb.client, "bench");
  const publisher = { publish: async () => {} };
  await seedDemo({ db, publisher, leadsPerTeam: 100, dealsPerTeam: 20 });
  const api = await startApiServer({ db, publisher, clock: systemClock }, { devTokenSecret: "bench" });
  const { token } = (await (await fetch(`${api.url}/auth/dev-login`, { method: "POST", body: JSON.stringify({ email: "li.na@dealflow.dev" }), headers: { "content-type": "application/json" } })).json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const first = (await (await fetch(`${api.url}/leads?limit=1`, { headers })).json()) as { items: { leadId: string; teamId: string }[] };
  const lead = first.items[0];
  if (!lead) throw new Error("no seeded lead");
  const key = { pk: `$dealflow#leadid_${lead.leadId}`, sk: "$lead_1" };

  const rows: [string, number[], number, number][] = [];
  const measure = async (name: string, fn: (i: number) => Promise<unknown>) => {
    await fn(-1); // warm-up
    meter.reset();
    await fn(-2);
    const { units, gsiUnits } = meter;
    rows.push([name, await timeIt(N, fn), units, gsiUnits]);
  };
  const ok = async (res: Response) => {
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return res.json();
  };

  await measure("API  GET /leads/{id}", () => fetch(`${api.url}/leads/${lead.leadId}`, { headers }).then(ok));
  await measure("SDK  GetItem (same item)", () => db.doc.send(new GetCommand({ TableName: "bench", Key: key })));
  await measure("API  GET /leads?limit=50", () => fetch(`${api.url}/leads?limit=50`, { headers }).then(ok));
  await measure("SDK  Query gsi1 limit 50", () => db.doc.send(new QueryCommand({ TableName: "bench", IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": `$dealflow#teamid_${lead.teamId}` }, Limit: 50 })));
  await measure("API  POST /leads", (i) => fetch(`${api.url}/leads`, { method: "POST", headers, body: JSON.stringify({ source: "api", name: `Bench ${i}`, email: `bench${i}@example.com` }) }).then(ok));
  await measure("API  PATCH stage move", await stageMover(api.url, headers));
  await measure("SDK  PutItem (one item)", (i) => db.doc.send(new PutCommand({ TableName: "bench", Item: { pk: `bench#${i}`, sk: "x", name: `Bench ${i}` } })));

  console.log(`\nDealflow API vs raw SDK on DynamoDB Local (${N} sequential calls each, ms)\n`);
  console.log(`${"route".padEnd(28)}${"p50".padStart(8)}${"p99".padStart(8)}   capacity units / call (of which GSIs)`);
  for (const [name, lat, units, gsi] of rows) console.log(`${name.padEnd(28)}${fmt(percentile(lat, 50))}${fmt(percentile(lat, 99))}   ${units} (${gsi})`);
  console.log("\nAPI rows include the per-request user lookup (an eventually consistent GetItem, 0.5 RCU); writes are transactions (2x WCU) with an audit entry.");
  await api.close();
  await ddb.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
