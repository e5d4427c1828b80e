import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalBus } from "./local-bus.ts";
import { BusValidationError } from "./put-events-entry.ts";
import { parsePutEventsBody, type RequestError } from "./put-events-request.ts";

export interface BusServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPES = ["application/x-amz-json-1.1", "application/json"];

/**
 * Serves the bus over the EventBridge JSON 1.1 protocol on loopback, so the plain SDK `EventBridgeClient` (endpoint
 * = url) can PutEvents. Credentials and signatures are not checked. `GET /dlq` lists dead letters for the local UI.
 */
export async function startBusServer(bus: LocalBus, opts: { port?: number } = {}): Promise<BusServer> {
  const server = createServer((req, res) => {
    handle(bus, req, res).catch((err: unknown) => {
      sendError(res, 500, { code: "InternalException", message: err instanceof Error ? err.message : String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // SDK clients keep sockets alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function handle(bus: LocalBus, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/dlq") return sendJson(res, 200, bus.dlq());
  if (req.method !== "POST" || path !== "/") {
    return sendError(res, 404, { code: "NotFound", message: `${req.method} ${path} is not served; use POST / or GET /dlq` });
  }
  const target = headerValue(req, "x-amz-target");
  if (target !== "AWSEvents.PutEvents") return sendError(res, 400, unsupported(target));
  const contentType = (headerValue(req, "content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!JSON_TYPES.includes(contentType)) {
    return sendError(res, 400, {
      code: "SerializationException",
      message: `Content-Type must be application/x-amz-json-1.1, got "${contentType}"`,
      field: "Content-Type",
    });
  }
  const body = await readBody(req);
  if (body === null) {
    return sendError(res, 413, { code: "RequestEntityTooLargeException", message: `Request body exceeds ${MAX_BODY_BYTES} bytes` });
  }
  const parsed = parsePutEventsBody(body);
  if ("code" in parsed) return sendError(res, 400, parsed);
  try {
    sendJson(res, 200, bus.putEvents(parsed.entries));
  } catch (err) {
    if (!(err instanceof BusValidationError)) throw err;
    sendError(res, 400, { code: err.code, message: err.message, field: "Entries" });
  }
}

function unsupported(target: string | undefined): RequestError {
  if (!target) return { code: "UnknownOperationException", message: "Missing X-Amz-Target header", field: "X-Amz-Target" };
  return {
    code: "UnknownOperationException",
    message: `${target} is not supported by the local bus: only AWSEvents.PutEvents is served (rules come from infra/)`,
    field: "X-Amz-Target",
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Resolves null once the body passes the size limit (the rest is drained, not buffered). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    // The local UI reads /dlq from another loopback port.
    "access-control-allow-origin": "*",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** AWS-shaped (`__type`, `message`, x-amzn-errortype) so SDKs raise the named exception; `code`/`field` for people. */
function sendError(res: ServerResponse, status: number, error: RequestError): void {
  if (res.headersSent) return void res.end();
  sendJson(res, status, { __type: error.code, ...error }, { "x-amzn-errortype": error.code });
}
