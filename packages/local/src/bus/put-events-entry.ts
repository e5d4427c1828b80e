import { randomUUID } from "node:crypto";
import type { BusEnvelope } from "@dealflow/core/ports/bus";

/** One `PutEvents` entry, shaped like the SDK's `PutEventsRequestEntry`. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: Date;
  EventBusName?: string;
  TraceHeader?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** A request-level rejection (AWS answers these with HTTP 400 and no per-entry results). */
export class BusValidationError extends Error {
  readonly code = "ValidationException";
  constructor(message: string) {
    super(message);
    this.name = "BusValidationError";
  }
}

export const MAX_ENTRIES_PER_CALL = 10;
const MAX_ENTRY_BYTES = 256 * 1024;

export interface EnvelopeContext {
  busName: string;
  /** Whether an omitted EventBusName or "default" reaches this bus (see LocalBusOptions.acceptDefaultBus). */
  acceptDefaultBus: boolean;
  account: string;
  region: string;
  now: Date;
}

type EntryError = { ErrorCode: string; ErrorMessage: string };

const invalid = (field: string, reason: string): EntryError => ({
  ErrorCode: "InvalidArgument",
  ErrorMessage: `Parameter ${field} is not valid. Reason: ${reason}`,
});

/** Validates one entry as EventBridge does and builds the envelope targets receive, or says why it failed. */
export function toEnvelope(entry: PutEventsEntry, ctx: EnvelopeContext): BusEnvelope | EntryError {
  const busError = checkBus(entry.EventBusName, ctx);
  if (busError) return busError;
  if (!nonEmptyString(entry.Source)) return invalid("Source", "Source is a required argument.");
  if (entry.Source.startsWith("aws.")) {
    return { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: `Not authorized for the source ${entry.Source}.` };
  }
  if (!nonEmptyString(entry.DetailType)) return invalid("DetailType", "DetailType is a required argument.");
  if (!nonEmptyString(entry.Detail)) return invalid("Detail", "Detail is a required argument.");
  const detail = parseDetail(entry.Detail);
  if (detail === undefined) return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((r) => typeof r === "string")) {
    return invalid("Resources", "Resources must be a list of strings.");
  }
  if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) {
    return invalid("Detail", "Entry size exceeds 256 KB.");
  }
  const time = entry.Time instanceof Date && !Number.isNaN(entry.Time.getTime()) ? entry.Time : ctx.now;
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: ctx.account,
    time: time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: ctx.region,
    resources,
    detail,
  };
}

export function isEntryError(value: BusEnvelope | EntryError): value is EntryError {
  return "ErrorCode" in value;
}

/** Accepts this bus by name or ARN; the default bus only when the bus was told to stand in for it. */
function checkBus(name: string | undefined, ctx: EnvelopeContext): EntryError | null {
  const bare = name?.startsWith("arn:") ? name.slice(name.lastIndexOf("/") + 1) : name;
  if (bare === ctx.busName) return null;
  if ((bare === undefined || bare === "" || bare === "default") && ctx.acceptDefaultBus) return null;
  return {
    ErrorCode: "ResourceNotFoundException",
    ErrorMessage: `Event bus ${bare || "default"} does not exist.`,
  };
}

/** Detail must be a JSON object: arrays, strings, numbers and null are rejected like AWS does. */
function parseDetail(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}
