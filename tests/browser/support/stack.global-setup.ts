import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startLocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { buildWebIfStale } from "./web-build.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * `npm start`'s stack, once for every browser test file: DynamoDB Local, the bus with every rule, the local Step
 * Functions, the mail inbox, the API and the built web client, seeded with a smaller demo data set. Tests create the
 * records they change through the API (support/api.ts), so files do not step on each other's data.
 */
export default async function setup(project: TestProject) {
  await buildWebIfStale(repoRoot);
  const runtime = await startLocalRuntime({ seed: { leadsPerTeam: 24, dealsPerTeam: 14 }, webDist: `${repoRoot}web/dist` });
  const { web, api, mail } = runtime.endpoints;
  if (!web || !api || !mail) throw new Error("the local runtime started without its web, API or mail endpoint");
  project.provide("webUrl", web);
  project.provide("apiUrl", api);
  project.provide("mailUrl", mail);
  return () => runtime.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    mailUrl: string;
  }
}
