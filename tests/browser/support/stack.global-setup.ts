import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startLocalRuntime } from "@dealflow/local/runtime/local-runtime";

const webDir = fileURLToPath(new URL("../../../web", import.meta.url));
const run = promisify(execFile);

/**
 * `npm start`'s stack, once for every browser test file: DynamoDB Local, the bus with every rule, the local Step
 * Functions, the mail inbox, the API and the web client built from the current sources (into a folder of this run's
 * own, so runs side by side never serve each other's half-written build), seeded with a smaller demo data set.
 * Tests create the records they change through the API (support/stack.ts), so files do not step on each other's data.
 */
export default async function setup(project: TestProject) {
  const dist = mkdtempSync(join(tmpdir(), "dealflow-web-"));
  await run("npx", ["vite", "build", "--outDir", dist, "--emptyOutDir", "--logLevel", "warn"], { cwd: webDir, maxBuffer: 16 * 1024 * 1024 });
  const runtime = await startLocalRuntime({ seed: { leadsPerTeam: 24, dealsPerTeam: 14 }, webDist: dist });
  const { web, api, mail } = runtime.endpoints;
  if (!web || !api || !mail) throw new Error("the local runtime started without its web, API or mail endpoint");
  project.provide("webUrl", web);
  project.provide("apiUrl", api);
  project.provide("mailUrl", mail);
  project.provide("webDist", dist);
  return async () => {
    await runtime.stop();
    rmSync(dist, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    mailUrl: string;
    /** The built client this run serves (the web bench reads its sizes). */
    webDist: string;
  }
}
