import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { localStateMachineArn, rules, stateMachines } from "@dealflow/infra";
import { createDb, type Db } from "@dealflow/core/db/service";
import { createEventBridgePublisher } from "@dealflow/core/bus/index";
import { systemClock } from "@dealflow/core/ports/clock";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import { createSfnWorkflowEngine } from "@dealflow/core/workflow/index";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { eventHandlers } from "@dealflow/functions/events/index";
import { workflowTasks } from "@dealflow/functions/workflows/index";
import { reconcileDealFlowsWith } from "@dealflow/functions/workflows/deal-flow-reconcile";
import { reconcileLeadSlasWith } from "@dealflow/functions/workflows/lead-sla-reconcile";
import { LocalWorkflowEngine } from "../workflow/local-engine.ts";
import { DynamoCheckpointStore } from "../workflow/dynamo-checkpoint-store.ts";
import { startStatesServer } from "../workflow/states-server.ts";
import type { AslDefinition } from "../workflow/asl-types.ts";
import { startMailInbox } from "../mail/mail-inbox.ts";
import { ensureTable, localCredentials, localRegion, startDynamoLocal, type DynamoLocal } from "../dynamodb/dynamodb-local.ts";
import { LocalBus } from "../bus/local-bus.ts";
import { startBusServer } from "../bus/bus-server.ts";
import { startApiServer } from "../api/api-server.ts";
import { startWebServer } from "../web/web-server.ts";
import { seedDemo } from "../seed/demo-seed.ts";
import { pickPort, preferredPorts, type Endpoint } from "./ports.ts";

export const LOCAL_TABLE = "dealflow-local";
export const LOCAL_BUS = "dealflow-local";
const infraDir = join(import.meta.dirname, "../../../../infra");

export interface LocalRuntimeOptions {
  /** Where DynamoDB data, the dev token secret and the bus DLQ live; omit for an in-memory runtime (tests). */
  dataDir?: string;
  /** Use the preferred fixed ports (npm start) or random free ones (tests). */
  fixedPorts?: boolean;
  /** Seed demo data when the table is empty; a size seeds fewer records (browser tests). */
  seed?: boolean | { leadsPerTeam: number; dealsPerTeam: number };
  webDist?: string;
  log?: (line: string) => void;
  /** Sees every event the local bus accepts (tests follow a flow through it). */
  onEvent?: (envelope: BusEnvelope) => void;
}

export type Endpoints = Partial<Record<Endpoint, string>>;

function devSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString("hex");
  const file = join(dataDir, "dev-token-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function isEmpty(db: Db): Promise<boolean> {
  const { data } = await db.entities.team.query.all({}).go({ limit: 1 });
  return data.length === 0;
}

type Stops = (() => Promise<void>)[];
type PortOf = (e: Endpoint) => Promise<number>;

/** Consumers and tasks get the same adapters as in AWS: SMTP instead of SES, SDK clients pointed at loopback. */
export function runtimeDeps(db: Db, urls: { events: string; states: string; smtp: string; web: string }): RuntimeDeps {
  const aws = { region: localRegion, credentials: localCredentials };
  return {
    db,
    publisher: createEventBridgePublisher({ client: new EventBridgeClient({ ...aws, endpoint: urls.events }), busName: LOCAL_BUS }),
    clock: systemClock,
    mailer: createSmtpMailer({ url: urls.smtp, from: "noreply@dealflow.local" }),
    workflow: createSfnWorkflowEngine(new SFNClient({ ...aws, endpoint: urls.states })),
    stateMachineArns: Object.fromEntries(stateMachines.map((m) => [m.name, localStateMachineArn(m.name)])),
    appUrl: urls.web,
  };
}

async function startBus(deps: RuntimeDeps, port: number, opts: LocalRuntimeOptions, stops: Stops) {
  const targets = Object.fromEntries(Object.entries(eventHandlers).map(([name, make]) => [name, make(deps)]));
  const bus = new LocalBus({ busName: LOCAL_BUS, rules, targets, ...(opts.dataDir && { dlqFile: join(opts.dataDir, "bus-dlq.jsonl") }), ...(opts.onEvent && { onAccepted: opts.onEvent }) });
  const server = await startBusServer(bus, { port });
  stops.push(async () => {
    await bus.idle();
    await server.close();
  });
  return { bus, url: server.url };
}

async function startWorkflows(deps: RuntimeDeps, dynamo: DynamoLocal, port: number, stops: Stops, log: (l: string) => void) {
  const engine = new LocalWorkflowEngine({
    machines: Object.fromEntries(stateMachines.map((m) => [m.name, { arn: localStateMachineArn(m.name), definition: JSON.parse(readFileSync(join(infraDir, m.aslFile), "utf8")) as AslDefinition }])),
    tasks: Object.fromEntries(Object.entries(workflowTasks).map(([name, make]) => [name, make(deps)])),
    store: new DynamoCheckpointStore(dynamo.client, LOCAL_TABLE),
  });
  const server = await startStatesServer(engine, { port });
  stops.push(async () => {
    await engine.close();
    await server.close();
  });
  const resumed = await engine.resumeAll();
  if (resumed.length) log(`resumed ${resumed.length} workflow executions`);
  return server.url;
}

async function startStorage(port: PortOf, dataDir: string | undefined, stops: Stops, log: (l: string) => void) {
  const dynamo = await startDynamoLocal({ port: await port("dynamodb"), ...(dataDir && { dataDir: join(dataDir, "dynamodb") }) });
  stops.push(dynamo.stop);
  if (await ensureTable(dynamo.client, LOCAL_TABLE)) log(`created table ${LOCAL_TABLE}`);
  return dynamo;
}

/**
 * The whole system on loopback: DynamoDB Local, the mail inbox, the local bus (EventBridge API), the local Step
 * Functions, the API and the web client. Every part is stopped, newest first, by `stop()`.
 */
export async function startLocalRuntime(opts: LocalRuntimeOptions = {}) {
  const log = opts.log ?? (() => {});
  const port: PortOf = (e) => pickPort(opts.fixedPorts ? preferredPorts[e] : undefined);
  const stops: Stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`stop failed: ${String(err)}`));
  };
  try {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const dynamo = await startStorage(port, opts.dataDir, stops, log);
    const db = createDb(dynamo.client, LOCAL_TABLE);
    const inbox = await startMailInbox({ smtpPort: await port("smtp"), webPort: await port("mail"), ...(opts.dataDir && { dataDir: join(opts.dataDir, "mail") }) });
    stops.push(inbox.close);
    const [eventsPort, statesPort, apiPort, webPort] = [await port("events"), await port("states"), await port("api"), await port("web")];
    const url = (p: number) => `http://127.0.0.1:${p}`;
    const deps = runtimeDeps(db, { events: url(eventsPort), states: url(statesPort), smtp: inbox.smtpUrl, web: url(webPort) });
    const { bus } = await startBus(deps, eventsPort, opts, stops);
    await startWorkflows(deps, dynamo, statesPort, stops, log);
    // After resumeAll: executions lost while stopped are started, those of deals closed meanwhile stopped.
    const reconciled = await reconcileDealFlowsWith(deps, new SFNClient({ region: localRegion, credentials: localCredentials, endpoint: url(statesPort) }));
    if (reconciled.started.length + reconciled.stopped.length > 0) log(`deal flows reconciled: ${reconciled.started.length} started, ${reconciled.stopped.length} stopped`);
    const api = await startApiServer(deps, { devTokenSecret: devSecret(opts.dataDir), port: apiPort });
    stops.push(api.close);
    const endpoints: Endpoints = { dynamodb: dynamo.endpoint, events: url(eventsPort), states: url(statesPort), smtp: inbox.smtpUrl, mail: inbox.webUrl, api: api.url };
    if (opts.webDist) {
      const web = await startWebServer({ distDir: opts.webDist, apiUrl: api.url, port: webPort });
      stops.push(web.close);
      endpoints.web = web.url;
    }

    let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
    if (opts.seed && (await isEmpty(db))) {
      log("first start: loading demo data…");
      seeded = await seedDemo({ db, publisher: deps.publisher, onProgress: (s) => log(`  seeded ${s}`), ...(typeof opts.seed === "object" && opts.seed) });
      await bus.idle();
    }
    // After seeding, so demo leads assigned in the last two days get their SLA (older ones would only mail at once).
    const slasReconciled = await reconcileLeadSlasWith(deps, new SFNClient({ region: localRegion, credentials: localCredentials, endpoint: url(statesPort) }));
    if (slasReconciled.started.length + slasReconciled.stopped.length > 0) log(`lead SLAs reconciled: ${slasReconciled.started.length} started, ${slasReconciled.stopped.length} stopped`);
    return { endpoints, db, dynamoClient: dynamo.client, bus, deps, seeded, reconciled, slasReconciled, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type LocalRuntime = Awaited<ReturnType<typeof startLocalRuntime>>;
