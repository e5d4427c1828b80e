import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { localStateMachineArn, rules, stateMachines } from "@dealflow/infra";
import { createDb, type Db } from "@dealflow/core/db/service";
import { createEventBridgePublisher } from "@dealflow/core/bus/index";
import { systemClock } from "@dealflow/core/ports/clock";
import { eventHandlers } from "@dealflow/functions/events/index";
import { workflowTasks } from "@dealflow/functions/workflows/index";
import { LocalWorkflowEngine } from "../workflow/local-engine.ts";
import { DynamoCheckpointStore } from "../workflow/dynamo-checkpoint-store.ts";
import { startStatesServer } from "../workflow/states-server.ts";
import type { AslDefinition } from "../workflow/asl-types.ts";
import { startMailInbox } from "../mail/mail-inbox.ts";
import { ensureTable, localCredentials, localRegion, startDynamoLocal } from "../dynamodb/dynamodb-local.ts";
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
  /** Seed demo data when the table is empty. */
  seed?: boolean;
  webDist?: string;
  log?: (line: string) => void;
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

/**
 * The whole system on loopback: DynamoDB Local, the local bus (EventBridge API), the local Step Functions, the
 * mail inbox, the API and the web client.
 * Every part is stopped, newest first, by `stop()`.
 */
export async function startLocalRuntime(opts: LocalRuntimeOptions = {}) {
  const log = opts.log ?? (() => {});
  const port = (e: Endpoint) => pickPort(opts.fixedPorts ? preferredPorts[e] : undefined);
  const stops: (() => Promise<void>)[] = [];
  const endpoints: Endpoints = {};
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`stop failed: ${String(err)}`));
  };
  try {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const dynamo = await startDynamoLocal({ port: await port("dynamodb"), ...(opts.dataDir && { dataDir: join(opts.dataDir, "dynamodb") }) });
    stops.push(dynamo.stop);
    endpoints.dynamodb = dynamo.endpoint;
    if (await ensureTable(dynamo.client, LOCAL_TABLE)) log(`created table ${LOCAL_TABLE}`);
    const db = createDb(dynamo.client, LOCAL_TABLE);

    // The app publishes through the same EventBridge SDK client it uses in AWS, pointed at the local bus.
    const busPort = await port("events");
    const eventsUrl = `http://127.0.0.1:${busPort}`;
    const publisher = createEventBridgePublisher({ client: new EventBridgeClient({ endpoint: eventsUrl, region: localRegion, credentials: localCredentials }), busName: LOCAL_BUS });
    const deps = { db, publisher, clock: systemClock };
    const targets = Object.fromEntries(Object.entries(eventHandlers).map(([name, make]) => [name, make(deps)]));
    const bus = new LocalBus({ busName: LOCAL_BUS, rules, targets, ...(opts.dataDir && { dlqFile: join(opts.dataDir, "bus-dlq.jsonl") }) });
    const busServer = await startBusServer(bus, { port: busPort });
    stops.push(async () => {
      await bus.idle();
      await busServer.close();
    });
    endpoints.events = busServer.url;

    const engine = new LocalWorkflowEngine({
      machines: Object.fromEntries(stateMachines.map((m) => [m.name, { arn: localStateMachineArn(m.name), definition: JSON.parse(readFileSync(join(infraDir, m.aslFile), "utf8")) as AslDefinition }])),
      tasks: Object.fromEntries(Object.entries(workflowTasks).map(([name, make]) => [name, make(deps)])),
      store: new DynamoCheckpointStore(dynamo.client, LOCAL_TABLE),
    });
    const states = await startStatesServer(engine, { port: await port("states") });
    stops.push(async () => {
      await engine.close();
      await states.close();
    });
    endpoints.states = states.url;
    const resumed = await engine.resumeAll();
    if (resumed.length) log(`resumed ${resumed.length} workflow executions`);

    const inbox = await startMailInbox({ smtpPort: await port("smtp"), webPort: await port("mail"), ...(opts.dataDir && { dataDir: join(opts.dataDir, "mail") }) });
    stops.push(inbox.close);
    endpoints.smtp = inbox.smtpUrl;
    endpoints.mail = inbox.webUrl;

    const api = await startApiServer(deps, { devTokenSecret: devSecret(opts.dataDir), port: await port("api") });
    stops.push(api.close);
    endpoints.api = api.url;

    if (opts.webDist) {
      const web = await startWebServer({ distDir: opts.webDist, apiUrl: api.url, port: await port("web") });
      stops.push(web.close);
      endpoints.web = web.url;
    }

    let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
    if (opts.seed && (await isEmpty(db))) {
      log("first start: loading demo data…");
      seeded = await seedDemo({ db, publisher, onProgress: (s) => log(`  seeded ${s}`) });
      await bus.idle();
    }
    return { endpoints, db, bus, seeded, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type LocalRuntime = Awaited<ReturnType<typeof startLocalRuntime>>;
