import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createDb } from "@dealflow/core/db/service";
import { createEventBridgePublisher } from "@dealflow/core/bus/index";
import { createSesMailer } from "@dealflow/core/mail/index";
import { createSfnWorkflowEngine } from "@dealflow/core/workflow/index";
import { readEnv, readOptionalEnv } from "@dealflow/core/config";
import { systemClock } from "@dealflow/core/ports/clock";
import type { RuntimeDeps } from "./deps.ts";

/** Storage, bus and clock: what the API Lambda needs, built once per container from the environment SST binds. */
export function awsDeps() {
  const db = createDb(new DynamoDBClient({}), readEnv("tableName"));
  const publisher = createEventBridgePublisher({ client: new EventBridgeClient({}), busName: readEnv("eventBusName") });
  return { db, publisher, clock: systemClock };
}

/** Everything consumers and workflow tasks use: the above plus SES, Step Functions and the machines' ARNs. */
export function awsRuntimeDeps(): RuntimeDeps {
  return {
    ...awsDeps(),
    mailer: createSesMailer({ client: new SESv2Client({}), from: readEnv("mailFrom") }),
    workflow: createSfnWorkflowEngine(new SFNClient({})),
    stateMachineArns: JSON.parse(readOptionalEnv("stateMachineArns") ?? "{}") as Record<string, string>,
    appUrl: readEnv("appUrl"),
  };
}
