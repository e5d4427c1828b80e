import type { StateMachineDefinition } from "aws-local-stepfunctions";
import type { AslDefinition, AslState } from "./asl-types.ts";

/** Wait states run as Tasks with this resource so the engine controls their (absolute, resumable) due time. */
export const WAIT_RESOURCE = "arn:aws:states:::local:wait";

/**
 * The definition handed to aws-local-stepfunctions for one run segment. The original stays the source of truth;
 * this copy adapts it to what the library cannot do:
 * - Task parameters are wrapped as `{ payload, timeoutSeconds?, heartbeatSeconds? }` so the handler sees the
 *   resolved *Path values, and `TimeoutSeconds` becomes a getter so every entry gets its exact remaining time
 *   (the library defaults to 60 s and its timer overflows past ~24.8 days).
 * - Wait states become Tasks run by the engine (the library's sleep is relative and overflows too).
 * - The execution timeout is enforced by the engine, across restarts.
 * - `$$.Execution.Input`/`StartTime` point at the original execution's values: the library resets them per run.
 */
export function buildLibraryDefinition(definition: AslDefinition, startAt: string, taskTimeoutSeconds: () => number): StateMachineDefinition {
  const copy = rewriteContextPaths(structuredClone(definition)) as AslDefinition;
  delete copy.TimeoutSeconds;
  const adapted = { ...copy, StartAt: startAt, States: rewriteStates(copy.States, taskTimeoutSeconds) };
  return adapted as unknown as StateMachineDefinition;
}

function rewriteStates(states: Record<string, AslState>, timeout: () => number): Record<string, AslState> {
  return Object.fromEntries(Object.entries(states).map(([name, state]) => [name, rewriteState(state, timeout)]));
}

function rewriteState(state: AslState, timeout: () => number): AslState {
  switch (state.Type) {
    case "Task":
      return withTimeoutGetter(taskState(state), timeout);
    case "Wait":
      return withTimeoutGetter(waitState(state), timeout);
    case "Parallel": {
      const branches = state.Branches as AslDefinition[];
      return { ...state, Branches: branches.map((b) => ({ ...b, States: rewriteStates(b.States, timeout) })) };
    }
    case "Map": {
      const key = state.ItemProcessor ? "ItemProcessor" : "Iterator";
      const processor = state[key] as AslDefinition;
      return { ...state, [key]: { ...processor, States: rewriteStates(processor.States, timeout) } };
    }
    default:
      return state;
  }
}

function taskState(state: AslState): AslState {
  const { TimeoutSeconds, TimeoutSecondsPath, HeartbeatSeconds, HeartbeatSecondsPath, Parameters, ...rest } = state;
  const params: Record<string, unknown> = Parameters === undefined ? { "payload.$": "$" } : { payload: Parameters };
  if (typeof TimeoutSecondsPath === "string") params["timeoutSeconds.$"] = TimeoutSecondsPath;
  if (typeof HeartbeatSecondsPath === "string") params["heartbeatSeconds.$"] = HeartbeatSecondsPath;
  return { ...rest, Parameters: params };
}

function waitState(state: AslState): AslState {
  const { Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
  const params: Record<string, unknown> = { "payload.$": "$" };
  if (Seconds !== undefined) params.seconds = Seconds;
  if (typeof SecondsPath === "string") params["seconds.$"] = SecondsPath;
  if (Timestamp !== undefined) params.timestamp = Timestamp;
  if (typeof TimestampPath === "string") params["timestamp.$"] = TimestampPath;
  return { ...rest, Type: "Task", Resource: WAIT_RESOURCE, Parameters: params };
}

function withTimeoutGetter(state: AslState, seconds: () => number): AslState {
  Object.defineProperty(state, "TimeoutSeconds", { get: seconds, enumerable: true, configurable: true });
  return state;
}

function rewriteContextPaths(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\$\.Execution\.(Input|StartTime)\b/g, (_whole, field: string) => `$$.Engine.Execution${field}`);
  }
  if (Array.isArray(value)) return value.map(rewriteContextPaths);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteContextPaths(v)]));
  }
  return value;
}
