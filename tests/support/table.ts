import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { ensureTable, localDynamoClient } from "@dealflow/local/dynamodb/dynamodb-local";

/**
 * A fresh table on the run's DynamoDB Local. Refuses anything but a loopback endpoint, so a test can never
 * touch real AWS.
 */
export async function testTable(prefix = "test") {
  const endpoint = inject("dynamoEndpoint");
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(endpoint)) throw new Error(`refusing non-local DynamoDB endpoint ${endpoint}`);
  const client = localDynamoClient(endpoint);
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { endpoint, client, tableName };
}
