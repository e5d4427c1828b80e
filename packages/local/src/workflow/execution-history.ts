import type { StateMachine } from "aws-local-stepfunctions";
import type { Clock } from "@dealflow/core/ports/clock";
import type { JsonValue } from "./asl-types.ts";
import type { MachineRuntime, StateInfo } from "./machine-runtime.ts";

export type LibraryEvent = ReturnType<StateMachine["run"]>["eventLogs"] extends AsyncGenerator<infer E> ? E : never;

/** One entry of GetExecutionHistory; `details` becomes the `<kind>EventDetails` member on the wire. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: string;
  details?: Record<string, string | number>;
}

/** What task handlers saw and returned, which the library's own events do not carry. */
export class TaskStash {
  readonly parameters = new Map<string, JsonValue>();
  readonly results = new Map<string, JsonValue>();
}

/** Builds an AWS-shaped history from the library's event log plus the engine's execution-level events. */
export class HistoryRecorder {
  constructor(
    private readonly machine: MachineRuntime,
    private readonly clock: Clock,
    readonly events: HistoryEvent[] = [],
  ) {}

  add(type: string, details?: Record<string, string | number | undefined>, at = this.clock.now().getTime()): void {
    const id = this.events.length + 1;
    const clean = details ? (Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as Record<string, string | number>) : undefined;
    this.events.push({ id, previousEventId: id - 1, timestamp: new Date(at).toISOString(), type, details: clean });
  }

  /** `at` is when the library raised the event, on the engine's clock. */
  record(event: LibraryEvent, stash: TaskStash, at: number): void {
    switch (event.type) {
      case "StateEntered":
        return this.entered(event.state.name, event.state.input, stash, at);
      case "StateRetried":
        return this.scheduled(this.info(event.state.name), stash, at);
      case "StateExited":
        return this.exited(event.state.name, event.state.output ?? null, stash, at);
      case "StateFailed":
        return this.failed(event.state.name, event.Error, event.Cause, at);
      case "MapIterationStarted":
      case "MapIterationSucceeded":
      case "MapIterationFailed":
        return this.add(event.type, { name: event.parentState.name, index: event.index }, at);
      default:
        return;
    }
  }

  private info(name: string): StateInfo {
    return this.machine.states.get(name) ?? { name, type: "Pass", topLevel: false, waitForToken: false, lambdaInvoke: false };
  }

  private entered(name: string, input: JsonValue, stash: TaskStash, at: number): void {
    const info = this.info(name);
    this.add(`${info.type}StateEntered`, { name, input: JSON.stringify(input) }, at);
    if (info.type === "Task") this.scheduled(info, stash, at);
  }

  private scheduled(info: StateInfo, stash: TaskStash, at: number): void {
    if (info.type !== "Task") return;
    const parameters = stash.parameters.get(info.name);
    const details = {
      ...resourceDetails(info),
      region: this.machine.region,
      parameters: parameters === undefined ? undefined : JSON.stringify(parameters),
      timeoutInSeconds: info.timeoutSeconds,
      heartbeatInSeconds: info.heartbeatSeconds,
    };
    this.add("TaskScheduled", details, at);
    this.add("TaskStarted", resourceDetails(info), at);
  }

  private exited(name: string, output: JsonValue, stash: TaskStash, at: number): void {
    const info = this.info(name);
    if (info.type === "Task") this.add("TaskSucceeded", { ...resourceDetails(info), output: JSON.stringify(stash.results.get(name) ?? output) }, at);
    if (info.type !== "Fail") this.add(`${info.type}StateExited`, { name, output: JSON.stringify(output) }, at);
  }

  private failed(name: string, error: string, cause: unknown, at: number): void {
    const info = this.info(name);
    if (info.type !== "Task") return;
    const type = error === "States.Timeout" ? "TaskTimedOut" : "TaskFailed";
    this.add(type, { ...resourceDetails(info), error, cause: typeof cause === "string" ? cause : JSON.stringify(cause) }, at);
  }
}

function resourceDetails(info: StateInfo): { resourceType: string; resource: string } {
  const resource = info.resource ?? "";
  const integration = /^arn:aws[a-z-]*:states:::([^:]+):(.+)$/.exec(resource);
  if (integration?.[1] && integration[2]) return { resourceType: integration[1], resource: integration[2] };
  return { resourceType: resource.includes(":lambda:") ? "lambda" : "activity", resource };
}
