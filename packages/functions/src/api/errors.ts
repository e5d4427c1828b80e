import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "@dealflow/core/errors";

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
}

/** The single error mapper: domain errors keep their status; anything unexpected is a 500 without internals. */
export function toErrorResponse(err: unknown, c: Context) {
  if (err instanceof DomainError) {
    const body: ErrorBody = { code: err.code, message: err.message, ...(err.field && { field: err.field }), ...(err.details !== undefined && { details: err.details }) };
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 400 ? "bad_request" : status === 413 ? "payload_too_large" : "http_error";
    return c.json({ code, message: err.message || "Bad request" } satisfies ErrorBody, status);
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled", path: c.req.path, error: err instanceof Error ? err.stack : String(err) }));
  return c.json({ code: "internal", message: "Something went wrong on our side; reload and try again" } satisfies ErrorBody, 500);
}
