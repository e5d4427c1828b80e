import type { JsonValue } from "./asl-types.ts";
import { executionStatuses, type ExecutionStatus } from "./checkpoint-store.ts";
import { StatesApiError, type StatesErrorType } from "./engine-errors.ts";
import type { HistoryEvent } from "./execution-history.ts";

export type Body = Record<string, unknown>;

/** awsJson timestamps are epoch seconds. */
export function epoch(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso) / 1000;
}

export function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value.length === 0) {
    throw new StatesApiError("ValidationException", `1 validation error detected: '${field}' must be a non-empty string`, field);
  }
  return value;
}

const arnPatterns = {
  execution: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/,
  stateMachine: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/,
};

export function requireArn(body: Body, field: string, kind: keyof typeof arnPatterns): string {
  const value = requireString(body, field);
  if (!arnPatterns[kind].test(value)) throw new StatesApiError("InvalidArn", `Invalid Arn: '${value}' is not a ${kind} ARN`, field);
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new StatesApiError("ValidationException", `'${field}' must be a string`, field);
  return value;
}

export function parseJsonField(text: string, type: StatesErrorType, field: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new StatesApiError(type, `Invalid ${field}: not valid JSON`, field);
  }
}

export function statusFilter(body: Body): ExecutionStatus | undefined {
  const value = optionalString(body, "statusFilter");
  if (value === undefined) return undefined;
  const status = executionStatuses.find((s) => s === value);
  if (!status) throw new StatesApiError("ValidationException", `'statusFilter' must be one of ${executionStatuses.join(", ")}`, "statusFilter");
  return status;
}

/** One page of `items`; the token is an opaque offset. */
export function page<T>(items: T[], body: Body): { items: T[]; nextToken?: string } {
  const max = body.maxResults === undefined || body.maxResults === 0 ? 100 : body.maxResults;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 0 || max > 1000) {
    throw new StatesApiError("ValidationException", "'maxResults' must be an integer from 0 to 1000", "maxResults");
  }
  const token = optionalString(body, "nextToken");
  const offset = token === undefined ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new StatesApiError("InvalidToken", "Invalid Token: bad nextToken", "nextToken");
  const end = offset + max;
  const nextToken = end < items.length ? Buffer.from(String(end)).toString("base64url") : undefined;
  return { items: items.slice(offset, end), nextToken };
}

export function historyEventOnWire(event: HistoryEvent): Body {
  const wire: Body = { id: event.id, previousEventId: event.previousEventId, timestamp: epoch(event.timestamp), type: event.type };
  if (event.details) wire[detailsMember(event.type)] = event.details;
  return wire;
}

function detailsMember(type: string): string {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}
