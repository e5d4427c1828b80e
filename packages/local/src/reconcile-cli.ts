import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { localStateMachineArn, stateMachines } from "@dealflow/infra";
import { createEventBridgePublisher } from "@dealflow/core/bus/index";
import { createDb } from "@dealflow/core/db/service";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import { systemClock } from "@dealflow/core/ports/clock";
import { createSfnWorkflowEngine } from "@dealflow/core/workflow/index";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { reconcileDealFlowsWith } from "@dealflow/functions/workflows/deal-flow-reconcile";
import { localCredentials, localDynamoClient, localRegion } from "./dynamodb/dynamodb-local.ts";
import { LOCAL_BUS, LOCAL_TABLE, type Endpoints } from "./runtime/local-runtime.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const dataDir = join(resolve(import.meta.dirname, "../../.."), ".local");

async function reachable(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
}

/**
 * `npm run reconcile`: against the running `npm start` stack, starts a deal-flow execution for every open deal
 * that has none and stops executions of deals that are closed or gone. (`npm start` also does this at boot.)
 */
async function main() {
  const file = join(dataDir, "endpoints.json");
  const running: Endpoints = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Endpoints) : {};
  const { dynamodb, states, events, smtp, web, api } = running;
  if (!dynamodb || !states || !events || !smtp || !(await reachable(states)) || !(await reachable(dynamodb))) {
    console.error("npm start is not running (no reachable endpoints in .local/endpoints.json): start it first; it reconciles at boot.");
    process.exit(1);
  }
  const aws = { region: localRegion, credentials: localCredentials };
  const sfn = new SFNClient({ ...aws, endpoint: states });
  const deps: RuntimeDeps = {
    db: createDb(localDynamoClient(dynamodb), LOCAL_TABLE),
    publisher: createEventBridgePublisher({ client: new EventBridgeClient({ ...aws, endpoint: events }), busName: LOCAL_BUS }),
    clock: systemClock,
    mailer: createSmtpMailer({ url: smtp, from: "noreply@dealflow.local" }),
    workflow: createSfnWorkflowEngine(sfn),
    stateMachineArns: Object.fromEntries(stateMachines.map((m) => [m.name, localStateMachineArn(m.name)])),
    appUrl: web ?? api ?? "http://127.0.0.1:5173",
  };
  const report = await reconcileDealFlowsWith(deps, sfn);
  console.log(`Deal flows reconciled: ${report.started.length} started, ${report.stopped.length} stopped.`);
  for (const id of report.started) console.log(`  started  deal ${id}`);
  for (const arn of report.stopped) console.log(`  stopped  ${arn}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
