import { executionStatuses, type ExecutionRecord, type ExecutionStatus, type ExecutionSummary, type StateCheckpoint } from "./checkpoint-store.ts";
import type { HistoryEvent } from "./execution-history.ts";

// DynamoDB items stop at 400 KB; the oldest history events go first (ExecutionStarted is kept).
const maxHistoryChars = 300_000;
// Closed executions expire like AWS's: 90 days after they stop.
const retentionSeconds = 90 * 24 * 3600;

export function toItem(record: ExecutionRecord): Record<string, unknown> {
  const { history, ...rest } = record;
  return {
    ...rest,
    pk: `WFEXEC#${record.executionArn}`,
    sk: "STATE",
    gsi1pk: `WFEXEC#${record.status}`,
    gsi1sk: `${record.stateMachineArn}#${record.startDate}#${record.name}`,
    entity: "WorkflowExecution",
    history: historyJson(history),
    expiresAt: record.stopDate ? Math.floor(Date.parse(record.stopDate) / 1000) + retentionSeconds : undefined,
  };
}

function historyJson(history: HistoryEvent[]): string {
  let events = history;
  let json = JSON.stringify(events);
  while (json.length > maxHistoryChars && events.length > 2) {
    events = [...events.slice(0, 1), ...events.slice(Math.ceil(events.length / 10) + 1)];
    json = JSON.stringify(events);
  }
  return json;
}

export function summaryFromItem(item: Record<string, unknown>): ExecutionSummary {
  return {
    executionArn: str(item, "executionArn"),
    stateMachineArn: str(item, "stateMachineArn"),
    name: str(item, "name"),
    status: status(item.status),
    startDate: str(item, "startDate"),
    stopDate: optStr(item, "stopDate"),
  };
}

export function fromItem(item: Record<string, unknown>): ExecutionRecord {
  const version = item.version;
  if (typeof version !== "number") throw new Error(`workflow execution item ${String(item.pk)} has no version`);
  return {
    ...summaryFromItem(item),
    input: str(item, "input"),
    output: optStr(item, "output"),
    error: optStr(item, "error"),
    cause: optStr(item, "cause"),
    deadline: optStr(item, "deadline"),
    checkpoint: isObject(item.checkpoint) ? checkpoint(item.checkpoint) : undefined,
    history: typeof item.history === "string" ? (JSON.parse(item.history) as HistoryEvent[]) : [],
    version,
  };
}

function checkpoint(item: Record<string, unknown>): StateCheckpoint {
  const phase = item.phase;
  if (phase !== "entered" && phase !== "dispatched" && phase !== "completed") throw new Error(`bad checkpoint phase ${String(phase)}`);
  const failure = isObject(item.failure) ? { error: str(item.failure, "error"), cause: str(item.failure, "cause") } : undefined;
  return {
    stateName: str(item, "stateName"),
    input: str(item, "input"),
    enteredAt: str(item, "enteredAt"),
    phase,
    dueAt: optStr(item, "dueAt"),
    taskToken: optStr(item, "taskToken"),
    result: optStr(item, "result"),
    failure,
  };
}

function status(value: unknown): ExecutionStatus {
  const found = executionStatuses.find((s) => s === value);
  if (!found) throw new Error(`unknown workflow execution status ${String(value)}`);
  return found;
}

function str(item: Record<string, unknown>, key: string): string {
  const value = item[key];
  if (typeof value !== "string") throw new Error(`workflow execution item field ${key} is missing`);
  return value;
}

function optStr(item: Record<string, unknown>, key: string): string | undefined {
  const value = item[key];
  return typeof value === "string" ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
