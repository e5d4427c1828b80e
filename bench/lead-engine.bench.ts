import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { Activity, Team, User, systemPrincipal, type Ctx } from "@dealflow/core";
import { slasOf, updateSlaSettings } from "@dealflow/core/lead-sla/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { startLocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { entered, eventually, historyOf, sfnClient } from "../tests/workflows/deal-flow-fixture.ts";
import { executionArn } from "../tests/workflows/lead-sla-fixture.ts";
import { meterCapacity } from "./capacity-meter.ts";
import { percentile } from "./stats.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const LEADS = Number(process.env.BENCH_LEADS ?? 300);
const PER_PUT = 10;
const SOLO = 5;
const TRANSITION_USD = 0.000025; // Step Functions Standard, per state transition (us-east-1)

/**
 * `npm run bench:leads`: the lead engine on the whole local runtime (bus, consumers, state machine, DynamoDB
 * Local). Marketing "Lead Captured" events go in over the plain AWS SDK; a lead is through once its
 * `lead.assigned` is on the bus (captured → scored → assigned, and its SLA execution being started). Prints
 * leads/s, capture-to-assignment latency, capacity units per lead, and state transitions per lead's SLA.
 */
async function main() {
  const quiet = console.log;
  console.log = () => {}; // consumers log one line per event
  const assignedAt = new Map<string, number>();
  const rt = await startLocalRuntime({
    onEvent: (e: BusEnvelope) => {
      if (e["detail-type"] === "lead.assigned") assignedAt.set(String((e.detail as { data: { leadId: string } }).data.leadId), Date.now());
    },
  });
  const sys: Ctx = { db: rt.deps.db, publisher: rt.deps.publisher, clock: rt.deps.clock, actor: systemPrincipal };
  const meter = meterCapacity(rt.dynamoClient, (input) => JSON.stringify(input).includes("WFEXEC#"));
  const client = new EventBridgeClient({ endpoint: rt.endpoints.events, region: "us-east-1", credentials: { accessKeyId: "any", secretAccessKey: "any" } });
  try {
    const fast = await benchTeam(sys, "Throughput", "APAC", "1h");
    /** Puts `count` marketing leads, PER_PUT per call, and waits until each is assigned: send time per lead id. */
    const sendLeads = async (first: number, count: number) => {
      const sentAt = new Map<string, number>();
      for (let i = first; i < first + count; i += PER_PUT) {
        const entries = Array.from({ length: Math.min(PER_PUT, first + count - i) }, (_, k) => ({
          Source: "marketing.bench", DetailType: "Lead Captured", EventBusName: "dealflow-local",
          Detail: JSON.stringify({ name: `Bench Lead ${i + k}`, email: `lead${i + k}@bench.example`, title: "CTO", company: { name: `Bench Co ${i + k}`, industry: "software", size: "1000+", region: "APAC" } }),
        }));
        const out = await client.send(new PutEventsCommand({ Entries: entries }));
        for (const e of out.Entries ?? []) sentAt.set(`evt-${e.EventId}`, Date.now());
      }
      await eventually("every lead is assigned", async () => [...sentAt.keys()].every((id) => assignedAt.has(id)), 600_000);
      await rt.bus.idle();
      return { sentAt, latency: [...sentAt].map(([id, t]) => (assignedAt.get(id) ?? t) - t).sort((a, b) => a - b) };
    };
    // One lead at a time first: what a single lead waits when nothing queues ahead of it.
    const solo: number[] = [];
    for (let i = 0; i < SOLO; i++) solo.push(...(await sendLeads(LEADS + i, 1)).latency);

    meter.reset();
    const deliveriesBefore = rt.bus.stats.deliveries;
    const started = Date.now();
    const { sentAt, latency } = await sendLeads(0, LEADS);
    const seconds = (Date.now() - started) / 1000;
    const deliveries = (rt.bus.stats.deliveries - deliveriesBefore) / LEADS;
    const units = { all: meter.units / LEADS, writes: meter.writeUnits / LEADS, gsi: meter.gsiUnits / LEADS };
    const owners = new Set((await Promise.all([...sentAt.keys()].map(async (id) => (await rt.db.entities.lead.get({ leadId: id }).go()).data?.ownerId))));

    const transitions = await slaTransitions(sys, rt, client);
    console.log = quiet;
    console.log(`\nLead engine on the local runtime: ${LEADS} marketing leads, ${PER_PUT} per PutEvents, into one team of ${fast.reps} reps\n`);
    console.log(`leads/s captured → scored → assigned        ${(LEADS / seconds).toFixed(1)}  (${seconds.toFixed(1)} s for all; ${owners.size} reps got leads)`);
    console.log(`PutEvents → lead.assigned, ms p50 / p99     ${percentile(latency, 50).toFixed(0)} / ${percentile(latency, 99).toFixed(0)}  (the burst queues)`);
    console.log(`one lead alone, ms p50 / max of ${SOLO}         ${percentile(solo.sort((a, b) => a - b), 50).toFixed(0)} / ${Math.max(...solo).toFixed(0)}`);
    console.log(`bus deliveries per lead                     ${deliveries.toFixed(1)}`);
    console.log(`capacity units per lead (all / write / GSI) ${units.all.toFixed(1)} / ${units.writes.toFixed(1)} / ${units.gsi.toFixed(1)}`);
    console.log(`\nResponse-SLA state transitions per lead (states entered, what Standard workflows bill)`);
    for (const [label, n] of transitions) console.log(`${label.padEnd(56)}${String(n).padStart(4)}   $${((n * TRANSITION_USD * 1000).toFixed(3))} per 1000 leads`);
  } finally {
    console.log = quiet;
    client.destroy();
    await rt.stop();
  }
}

type Runtime = Awaited<ReturnType<typeof startLocalRuntime>>;

async function benchTeam(sys: Ctx, name: string, region: string, response: string, ladder = { escalate: "1h", pool: "1d" }) {
  const team = await Team.createTeam(sys, { name, regions: [region] });
  const manager = await User.createUser(sys, { email: `manager@${name.toLowerCase()}.bench`, name: `${name} Manager`, role: "manager", teamId: team.teamId });
  const reps = [];
  for (let i = 0; i < 5; i++) reps.push(await User.createUser(sys, { email: `rep${i}@${name.toLowerCase()}.bench`, name: `${name} Rep ${i}`, role: "rep", teamId: team.teamId, capacity: 10_000 }));
  await Team.updateTeam(sys, team.teamId, { version: team.version, managerId: manager.userId });
  const as = (u: { userId: string; email: string; role: "manager" | "rep" }): Ctx => ({ ...sys, actor: { userId: u.userId, email: u.email, role: u.role, teamId: team.teamId } });
  await updateSlaSettings(as({ ...manager, role: "manager" }), team.teamId, { twentyFourSeven: true, responseTime: response, escalateAfter: ladder.escalate, poolAfter: ladder.pool });
  return { teamId: team.teamId, reps: reps.length, as };
}

/** One lead per case on a team whose ladder runs in seconds; counts states entered over all its executions. */
async function slaTransitions(sys: Ctx, rt: Runtime, client: EventBridgeClient): Promise<[string, number][]> {
  const team = await benchTeam(sys, "Ladder", "EMEA", "2s", { escalate: "2s", pool: "2s" });
  const sfn = sfnClient(rt.endpoints.states ?? "");
  const capture = async (name: string) => {
    const email = `${name.toLowerCase().replace(/\W+/g, ".")}@ladder.example`;
    const out = await client.send(new PutEventsCommand({ Entries: [{ Source: "marketing.bench", DetailType: "Lead Captured", EventBusName: "dealflow-local", Detail: JSON.stringify({ name, email, company: { name: `${name} AG`, region: "EMEA" } }) }] }));
    const id = `evt-${out.Entries?.[0]?.EventId}`;
    await eventually(`${name} has an SLA`, async () => (await slasOf(rt.db, id)).length > 0, 20_000);
    return id;
  };
  const contact = async (leadId: string) => {
    const lead = (await rt.db.entities.lead.get({ leadId }).go({ consistent: true })).data;
    await Activity.createActivity(team.as({ userId: lead?.ownerId ?? "", email: "rep@ladder.bench", role: "rep" }), { subjectType: "lead", subjectId: leadId, type: "call", title: "First call" });
    await eventually(`${leadId} is met`, async () => (await slasOf(rt.db, leadId)).some((s) => s.outcome === "met" || s.outcome === "late"), 20_000);
  };
  const statesOf = async (leadId: string) => {
    await rt.bus.idle();
    const slas = await slasOf(rt.db, leadId);
    const counts = await Promise.all(slas.map(async (s) => entered(await historyOf(sfn, executionArn(s.executionName))).length));
    return counts.reduce((a, b) => a + b, 0);
  };
  const onTime = await capture("On Time");
  await contact(onTime);
  const afterReminder = await capture("After Reminder");
  await eventually("the reminder", async () => (await slasOf(rt.db, afterReminder)).at(-1)?.breachLevel === 1, 20_000);
  await contact(afterReminder);
  const never = await capture("Never Called");
  await eventually("the pool and the next owner's SLA", async () => (await slasOf(rt.db, never)).length === 2, 30_000);
  await contact(never);
  return [
    ["first contact before the due time", await statesOf(onTime)],
    ["first contact after the reminder (breach 1)", await statesOf(afterReminder)],
    ["reminder, escalation, pool; next rep calls in time", await statesOf(never)],
  ];
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
