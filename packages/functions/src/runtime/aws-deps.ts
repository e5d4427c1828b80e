import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { createDb } from "@dealflow/core/db/service";
import { createEventBridgePublisher } from "@dealflow/core/bus/index";
import { readEnv } from "@dealflow/core/config";
import { systemClock } from "@dealflow/core/ports/clock";

/** Dependencies of every Lambda, built once per container from the environment SST binds. */
export function awsDeps() {
  const db = createDb(new DynamoDBClient({}), readEnv("tableName"));
  const publisher = createEventBridgePublisher({ client: new EventBridgeClient({}), busName: readEnv("eventBusName") });
  return { db, publisher, clock: systemClock };
}
