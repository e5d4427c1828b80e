import type { PutEventsEntry } from "./put-events-entry.ts";

/** A malformed request, described the way the AWS JSON protocol reports it (plus the offending field). */
export interface RequestError {
  code: string;
  message: string;
  field?: string;
}

const STRING_FIELDS = ["Source", "DetailType", "Detail", "EventBusName", "TraceHeader"] as const;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Turns a PutEvents JSON 1.1 body into entries; types are checked here, AWS's business rules in the bus. */
export function parsePutEventsBody(body: string): { entries: PutEventsEntry[] } | RequestError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { code: "SerializationException", message: "Request body is not valid JSON" };
  }
  if (!isRecord(parsed)) return { code: "SerializationException", message: "Request body must be a JSON object" };
  const raw = parsed.Entries;
  if (raw === undefined || raw === null) {
    return {
      code: "ValidationException",
      message: "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
      field: "Entries",
    };
  }
  if (!Array.isArray(raw)) return { code: "SerializationException", message: "Entries must be a list", field: "Entries" };
  const entries: PutEventsEntry[] = [];
  for (const [index, item] of raw.entries()) {
    const entry = parseEntry(item, `Entries.${index}`);
    if ("code" in entry) return entry;
    entries.push(entry);
  }
  return { entries };
}

function parseEntry(item: unknown, path: string): PutEventsEntry | RequestError {
  if (!isRecord(item)) return { code: "SerializationException", message: `${path} must be an object`, field: path };
  const entry: PutEventsEntry = {};
  for (const name of STRING_FIELDS) {
    const value = item[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return typeError(`${path}.${name}`, "a string");
    entry[name] = value;
  }
  if (item.Resources !== undefined && item.Resources !== null) {
    const resources = item.Resources;
    if (!Array.isArray(resources) || !resources.every((r) => typeof r === "string")) {
      return typeError(`${path}.Resources`, "a list of strings");
    }
    entry.Resources = resources;
  }
  if (item.Time !== undefined && item.Time !== null) {
    const time = parseTime(item.Time);
    if (!time) return typeError(`${path}.Time`, "epoch seconds or an ISO 8601 timestamp");
    entry.Time = time;
  }
  return entry;
}

/** The SDK sends timestamps as epoch seconds (possibly fractional); hand-written clients often send ISO strings. */
function parseTime(value: unknown): Date | null {
  const date =
    typeof value === "number" ? new Date(value * 1000)
    : typeof value === "string" ? (/^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value))
    : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function typeError(field: string, expected: string): RequestError {
  return { code: "SerializationException", message: `${field} must be ${expected}`, field };
}
