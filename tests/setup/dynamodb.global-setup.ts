import type { TestProject } from "vitest/node";
import { startDynamoLocal } from "@dealflow/local/dynamodb/dynamodb-local";

/** One in-memory DynamoDB Local for the whole run; each test file makes its own table (see tests/support/table.ts). */
export default async function setup(project: TestProject) {
  const ddb = await startDynamoLocal();
  project.provide("dynamoEndpoint", ddb.endpoint);
  return () => ddb.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
