import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { StatesApiError } from "./engine-errors.ts";
import type { LocalWorkflowEngine } from "./local-engine.ts";
import { statesOperations } from "./states-api.ts";

export interface StatesServer {
  url: string;
  close(): Promise<void>;
}

const targetPrefix = "AWSStepFunctions.";
const maxBodyBytes = 1024 * 1024;

/**
 * Serves the engine over the Step Functions JSON 1.0 protocol on loopback, so the ordinary SFNClient with an
 * endpoint override talks to it.
 */
export async function startStatesServer(engine: LocalWorkflowEngine, options: { port?: number } = {}): Promise<StatesServer> {
  const server = createServer((req, res) => void respond(engine, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("states server has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function respond(engine: LocalWorkflowEngine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const target = req.headers["x-amz-target"];
    const name = typeof target === "string" && target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : "";
    const operation = req.method === "POST" && Object.hasOwn(statesOperations, name) ? statesOperations[name] : undefined;
    if (!operation) throw new StatesApiError("UnknownOperationException", `Unknown operation ${String(target ?? req.method)}`, "X-Amz-Target");
    send(res, 200, await operation(engine, await readBody(req)));
  } catch (err) {
    if (err instanceof StatesApiError) return send(res, 400, { __type: err.type, message: err.message, code: err.type, field: err.field });
    console.error("states server: unexpected error", err);
    send(res, 500, { __type: "InternalFailure", message: "The local Step Functions engine failed; see its log", code: "InternalFailure" });
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw new StatesApiError("ValidationException", "Request body exceeds 1 MB");
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new StatesApiError("SerializationException", "Request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new StatesApiError("SerializationException", "Request body must be a JSON object");
  return body as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": randomUUID(), "content-length": Buffer.byteLength(text) });
  res.end(text);
}
