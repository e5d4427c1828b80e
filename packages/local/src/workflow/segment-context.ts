import type { JsonValue } from "./asl-types.ts";
import type { ExecutionRecord } from "./checkpoint-store.ts";

/**
 * The `$$` context object. The library copies its top level per run, so `Task.Token` is a getter on a nested
 * object: it is read while a state's Parameters resolve, in the same tick the state's handler then runs.
 */
export function segmentContext(record: ExecutionRecord, machineName: string, peekToken: () => string) {
  const account = record.stateMachineArn.split(":")[4] ?? "000000000000";
  return {
    Execution: { Id: record.executionArn, Name: record.name, RoleArn: `arn:aws:iam::${account}:role/local-stepfunctions` },
    StateMachine: { Id: record.stateMachineArn, Name: machineName },
    Task: {
      get Token() {
        return peekToken();
      },
    },
    // Where `$$.Execution.Input`/`StartTime` are redirected (see library-definition.ts).
    Engine: { ExecutionInput: JSON.parse(record.input) as JsonValue, ExecutionStartTime: record.startDate },
  };
}

/** The error and cause of a failed library run (an ExecutionError wrapping the state's error). */
export function failureOf(err: unknown): { error: string; cause: string } {
  const inner = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (!(inner instanceof Error)) return { error: "States.Runtime", cause: String(inner) };
  const detail: unknown = inner.cause;
  return { error: inner.name, cause: typeof detail === "string" ? detail : inner.message };
}
