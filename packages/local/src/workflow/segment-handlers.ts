import type { JsonValue } from "./asl-types.ts";
import type { StateCheckpoint } from "./checkpoint-store.ts";
import type { Segment } from "./execution-segment.ts";
import type { StateInfo } from "./machine-runtime.ts";
import type { TokenOutcome } from "./task-tokens.ts";

type LocalHandler = (input: JsonValue) => Promise<JsonValue>;

/** One local handler per Task and (rewritten) Wait state, keyed by state name as the library expects. */
export function createStateHandlers(seg: Segment): Record<string, LocalHandler> {
  const handlers: Record<string, LocalHandler> = {};
  for (const info of seg.host.machine.states.values()) {
    if (info.type === "Task") handlers[info.name] = (input) => runTask(seg, info, input);
    if (info.type === "Wait") handlers[info.name] = (input) => runWait(seg, info, input);
  }
  return handlers;
}

// Everything before the first await runs in the tick the library calls us, before it reads TimeoutSeconds.
async function runTask(seg: Segment, info: StateInfo, raw: JsonValue): Promise<JsonValue> {
  if (seg.isAborted) return seg.whenAborted();
  const params = objectOf(raw);
  const payload = params.payload ?? null;
  seg.stash.parameters.set(info.name, payload);
  const resume = seg.takeResume(info.name);
  const now = seg.now;
  const dueAt = resume ? optTime(resume.dueAt) : taskDueAt(info, params, now);
  const token = info.waitForToken ? seg.takeToken() : undefined;
  seg.setTaskDueAt(dueAt);
  const fresh: Partial<StateCheckpoint> = { enteredAt: iso(now), phase: "entered", dueAt: optIso(dueAt), taskToken: token };
  const entry = info.topLevel ? await seg.enter(info.name, resume ?? fresh) : -1;
  if (resume?.phase === "completed") return replay(seg, info, resume);
  if (token === undefined) return complete(seg, info, entry, await invoke(seg, info, payload));
  return awaitToken(seg, info, { payload, token, dueAt, entry, dispatched: resume?.phase === "dispatched" });
}

async function runWait(seg: Segment, info: StateInfo, raw: JsonValue): Promise<JsonValue> {
  if (seg.isAborted) return seg.whenAborted();
  const params = objectOf(raw);
  const resume = seg.takeResume(info.name);
  const now = seg.now;
  const resumedDue = optTime(resume?.dueAt);
  const dueAt = resumedDue ?? waitDueAt(params, now);
  seg.setTaskDueAt(undefined);
  if (info.topLevel) await seg.enter(info.name, resume ?? { enteredAt: iso(now), phase: "entered", dueAt: iso(dueAt) });
  await seg.sleepUntil(dueAt);
  return params.payload ?? null;
}

async function invoke(seg: Segment, info: StateInfo, payload: JsonValue, token?: string): Promise<JsonValue> {
  const handler = info.handler;
  if (!handler) throw namedError("States.Runtime", `no local task handler for state ${info.name}`);
  const input = info.lambdaInvoke && isObject(payload) && "Payload" in payload ? (payload.Payload ?? null) : payload;
  let result: unknown;
  try {
    result = await seg.guard(handler(input, seg.taskContext(info, token)));
  } catch (err) {
    throw seg.isAborted ? err : asTaskError(err);
  }
  const json = result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
  // Like the lambda:invoke integration, whose output wraps the function's return value.
  return info.lambdaInvoke && token === undefined ? { ExecutedVersion: "$LATEST", Payload: json, StatusCode: 200 } : json;
}

async function complete(seg: Segment, info: StateInfo, entry: number, result: JsonValue): Promise<JsonValue> {
  seg.stash.results.set(info.name, result);
  if (info.topLevel) await seg.update(entry, { phase: "completed", result: JSON.stringify(result) });
  return result;
}

function replay(seg: Segment, info: StateInfo, checkpoint: StateCheckpoint): JsonValue {
  if (checkpoint.failure) throw namedError(checkpoint.failure.error, checkpoint.failure.cause);
  const result = JSON.parse(checkpoint.result ?? "null") as JsonValue;
  seg.stash.results.set(info.name, result);
  return result;
}

interface TokenWait {
  payload: JsonValue;
  token: string;
  dueAt?: number;
  entry: number;
  dispatched: boolean;
}

async function awaitToken(seg: Segment, info: StateInfo, wait: TokenWait): Promise<JsonValue> {
  let settle: (outcome: TokenOutcome) => void = () => undefined;
  const outcome = new Promise<TokenOutcome>((resolve) => (settle = resolve));
  let persisted: { resolve: () => void; reject: (err: unknown) => void } = { resolve: () => undefined, reject: () => undefined };
  const durable = new Promise<void>((resolve, reject) => (persisted = { resolve, reject }));
  durable.catch(() => undefined);
  const { token, dueAt } = wait;
  seg.host.tokens.add({ token, executionArn: seg.host.record.executionArn, stateName: info.name, dueAt, settle: (o) => (settle(o), durable) });
  const cancelRearm = (dueAt ?? Infinity) - seg.now > seg.host.maxTimerMs ? seg.rearmLater() : () => undefined;
  try {
    if (!wait.dispatched) {
      await invoke(seg, info, wait.payload, token);
      if (info.topLevel) await seg.update(wait.entry, { phase: "dispatched" });
    }
    const result = await seg.guard(outcome);
    const patch: Partial<StateCheckpoint> =
      result.kind === "success" ? { result: JSON.stringify(result.output) } : { failure: { error: result.error, cause: result.cause } };
    if (info.topLevel) await seg.update(wait.entry, { phase: "completed", ...patch });
    persisted.resolve();
    if (result.kind === "failure") throw namedError(result.error, result.cause);
    seg.stash.results.set(info.name, result.output);
    return result.output;
  } catch (err) {
    persisted.reject(err);
    throw err;
  } finally {
    if (seg.abortedFor === "rearm") seg.host.tokens.park(token);
    else seg.host.tokens.remove(token);
    cancelRearm();
  }
}

function taskDueAt(info: StateInfo, params: Record<string, JsonValue>, now: number): number | undefined {
  const limits = [info.timeoutSeconds ?? params.timeoutSeconds, info.heartbeatSeconds ?? params.heartbeatSeconds].filter(
    (n): n is number => typeof n === "number" && n > 0,
  );
  return limits.length > 0 ? now + Math.min(...limits) * 1000 : undefined;
}

function waitDueAt(params: Record<string, JsonValue>, now: number): number {
  const { seconds, timestamp } = params;
  if (typeof seconds === "number" && seconds >= 0) return now + seconds * 1000;
  const at = typeof timestamp === "string" ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(at)) throw namedError("States.Runtime", `Wait needs non-negative Seconds or an ISO-8601 Timestamp, got ${JSON.stringify(seconds ?? timestamp ?? null)}`);
  return at;
}

function asTaskError(err: unknown): Error {
  if (!(err instanceof Error)) return namedError("Error", String(err));
  // Lambda reports the error's class as its type; a plain `throw new Error()` stays "Error".
  const name = err.name !== "Error" ? err.name : err.constructor.name;
  return namedError(name, err.message);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function objectOf(value: JsonValue): Record<string, JsonValue> {
  return isObject(value) ? value : {};
}

function isObject(value: JsonValue): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const iso = (ms: number) => new Date(ms).toISOString();
const optIso = (ms: number | undefined) => (ms === undefined ? undefined : iso(ms));
const optTime = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value));
