import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JavaMissingError } from "./dynamodb/dynamodb-local.ts";
import { startLocalRuntime } from "./runtime/local-runtime.ts";
import { localDataDir as dataDir } from "./runtime/running-stack.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const root = join(dataDir, "..");

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const t0 = Date.now();
  const runtime = await startLocalRuntime({ dataDir, fixedPorts: true, seed: true, webDist: join(root, "web/dist"), log: (l) => console.log(l) });
  writeFileSync(join(dataDir, "endpoints.json"), JSON.stringify(runtime.endpoints, null, 2) + "\n");
  const width = Math.max(...Object.keys(runtime.endpoints).map((k) => k.length));
  console.log(`\nDealflow is running locally (started in ${((Date.now() - t0) / 1000).toFixed(1)} s):`);
  for (const [name, url] of Object.entries(runtime.endpoints)) console.log(`  ${name.padEnd(width)}  ${url}`);
  console.log(`  ${"docs".padEnd(width)}  ${runtime.endpoints.api}/docs`);
  console.log(`\nSign in as admin@dealflow.dev, zhang.wei@dealflow.dev (manager) or li.na@dealflow.dev (rep).`);
  console.log(`Endpoints are in .local/endpoints.json. Data persists in .local/. Ctrl-C stops everything.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    console.log("stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof JavaMissingError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error(err instanceof Error ? err.stack : err);
  }
  process.exit(1);
});
