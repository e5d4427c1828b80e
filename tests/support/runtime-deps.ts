import { afterAll } from "vitest";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createDb } from "@dealflow/core/db/service";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import { createSfnWorkflowEngine } from "@dealflow/core/workflow/index";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { assertValidEvents } from "@dealflow/core/events/index";
import { systemClock } from "@dealflow/core/ports/clock";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { localCredentials, localRegion } from "@dealflow/local/dynamodb/dynamodb-local";
import { startSmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { LocalWorkflowEngine, type LocalWorkflowEngineOptions } from "@dealflow/local/workflow/local-engine";
import { DynamoCheckpointStore } from "@dealflow/local/workflow/dynamo-checkpoint-store";
import { startStatesServer } from "@dealflow/local/workflow/states-server";
import { freePort } from "@dealflow/local/net";
import { testTable } from "./table.ts";

/**
 * RuntimeDeps for consumer and workflow tests, all real and on loopback: a fresh table, an SMTP capture to read
 * mail back from, and the local Step Functions engine behind its HTTP API (machines and tasks as given).
 * `events` records what was published (each checked against the event catalogue: invalid data throws).
 */
export async function testRuntimeDeps(opts: { machines?: LocalWorkflowEngineOptions["machines"]; tasks?: (deps: RuntimeDeps) => LocalWorkflowEngineOptions["tasks"]; stateMachineArns?: Record<string, string> } = {}) {
  const { client, tableName } = await testTable("runtime");
  const db = createDb(client, tableName);
  const mail = await startSmtpCapture();
  const events: DomainEvent[] = [];
  const statesPort = await freePort();
  const deps: RuntimeDeps = {
    db,
    publisher: {
      publish: async (batch) => {
        assertValidEvents(batch);
        events.push(...batch);
      },
    },
    clock: systemClock,
    mailer: createSmtpMailer({ url: mail.smtpUrl, from: "noreply@dealflow.test" }),
    workflow: createSfnWorkflowEngine(new SFNClient({ endpoint: `http://127.0.0.1:${statesPort}`, region: localRegion, credentials: localCredentials })),
    stateMachineArns: opts.stateMachineArns ?? {},
    appUrl: "http://127.0.0.1:5173",
  };
  const engine = new LocalWorkflowEngine({ machines: opts.machines ?? {}, tasks: opts.tasks?.(deps) ?? {}, store: new DynamoCheckpointStore(client, tableName) });
  const states = await startStatesServer(engine, { port: statesPort });
  afterAll(async () => {
    await engine.close();
    await states.close();
    await mail.close();
  });
  return { deps, events, mail, engine, statesUrl: states.url, client, tableName };
}
