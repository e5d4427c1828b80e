import { StateMachine } from "aws-local-stepfunctions";
import type { Clock } from "@dealflow/core/ports/clock";
import "./promise-polyfill.ts";
import type { JsonValue, TaskContext } from "./asl-types.ts";
import type { ExecutionRecord, StateCheckpoint } from "./checkpoint-store.ts";
import { TaskStash, type HistoryRecorder, type LibraryEvent } from "./execution-history.ts";
import { buildLibraryDefinition } from "./library-definition.ts";
import type { MachineRuntime, StateInfo } from "./machine-runtime.ts";
import { failureOf, segmentContext } from "./segment-context.ts";
import { createStateHandlers } from "./segment-handlers.ts";
import { mintTaskToken, type TokenRegistry } from "./task-tokens.ts";
import { TimerSet } from "./timers.ts";

export type AbortReason = "stop" | "close" | "rearm" | "timeout" | "lost";
export type SegmentOutcome =
  | { kind: "succeeded"; output: JsonValue }
  | { kind: "failed"; error: string; cause: string }
  | { kind: "aborted"; reason: AbortReason };

export interface SegmentStart {
  stateName: string;
  input: JsonValue;
  /** The checkpoint being resumed: its state is not entered afresh (same token, same due time). */
  resume?: StateCheckpoint;
}

/** What a segment needs from the execution it runs for. */
export interface SegmentHost {
  readonly record: ExecutionRecord;
  readonly machine: MachineRuntime;
  readonly clock: Clock;
  readonly maxTimerMs: number;
  readonly tokens: TokenRegistry;
  readonly history: HistoryRecorder;
  checkpoint(checkpoint: StateCheckpoint): Promise<void>;
  rearm(): void;
}

export class SegmentAbortedError extends Error {
  constructor(readonly reason: AbortReason) {
    super(`execution segment aborted (${reason})`);
    this.name = "Engine.Aborted";
  }
}

interface PendingEntry {
  stateName: string;
  fields: Partial<StateCheckpoint>;
  confirm: (entry: number) => void;
}

/**
 * One aws-local-stepfunctions run of an execution, from its start or a checkpoint until it ends or is aborted
 * (stop, engine close, timeout, or a re-arm of a wait longer than one timer). The event consumer is the only
 * checkpoint writer, so checkpoints land in the order states were entered; a Task/Wait handler waits until its
 * own entry is durable before it acts.
 */
export class Segment {
  private abortReason?: AbortReason;
  private rejectAborted: (err: Error) => void = () => undefined;
  private readonly aborted = new Promise<never>((_, reject) => (this.rejectAborted = reject));
  private abortRun?: () => void;
  private pending?: PendingEntry;
  private current?: StateCheckpoint;
  private entrySeq = 0;
  private resume?: StateCheckpoint;
  private resumeToken?: string;
  private pendingToken?: string;
  private libraryTimeoutSeconds: number;
  private readonly timers: TimerSet;
  readonly stash = new TaskStash();

  constructor(
    readonly host: SegmentHost,
    private readonly start: SegmentStart,
  ) {
    this.aborted.catch(() => undefined);
    this.resume = start.resume;
    this.resumeToken = start.resume?.taskToken;
    this.libraryTimeoutSeconds = this.noTimeoutSeconds;
    this.timers = new TimerSet(host.clock);
  }

  get now(): number {
    return this.host.clock.now().getTime();
  }

  get isAborted(): boolean {
    return this.abortReason !== undefined;
  }

  get abortedFor(): AbortReason | undefined {
    return this.abortReason;
  }

  // Beyond any single timer: such waits are re-armed from their checkpoint before the library's timer fires.
  private get noTimeoutSeconds(): number {
    return Math.ceil(this.host.maxTimerMs / 1000) + 60;
  }

  async run(): Promise<SegmentOutcome> {
    const definition = buildLibraryDefinition(this.host.machine.definition, this.start.stateName, () => this.libraryTimeoutSeconds);
    const execution = new StateMachine(definition, { validationOptions: { noValidate: true } }).run(this.start.input, {
      overrides: { taskResourceLocalHandlers: createStateHandlers(this) },
      noThrowOnAbort: true,
      context: segmentContext(this.host.record, this.host.machine.name, () => this.peekToken()),
    });
    this.abortRun = execution.abort;
    if (this.abortReason) execution.abort();
    const consumed = this.consume(execution.eventLogs);
    const outcome = await execution.result.then(
      (output): SegmentOutcome => ({ kind: "succeeded", output: output ?? null }),
      (err: unknown): SegmentOutcome => ({ kind: "failed", ...failureOf(err) }),
    );
    await consumed;
    return this.abortReason ? { kind: "aborted", reason: this.abortReason } : outcome;
  }

  abort(reason: AbortReason): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.timers.cancelAll();
    this.rejectAborted(new SegmentAbortedError(reason));
    this.abortRun?.();
  }

  whenAborted(): Promise<never> {
    return this.aborted;
  }

  /** Settles with `promise`, or rejects as soon as the segment is aborted. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.aborted]);
  }

  takeResume(stateName: string): StateCheckpoint | undefined {
    const resume = this.resume;
    this.resume = undefined;
    return resume?.stateName === stateName ? resume : undefined;
  }

  /** `$$.Task.Token`: read while the state's Parameters resolve, then taken by its handler in the same tick. */
  peekToken(): string {
    this.pendingToken ??= this.resumeToken ?? mintTaskToken(this.host.record.executionArn);
    this.resumeToken = undefined;
    return this.pendingToken;
  }

  takeToken(): string {
    const token = this.peekToken();
    this.pendingToken = undefined;
    return token;
  }

  /** Called synchronously by a handler before the library reads the state's TimeoutSeconds. */
  setTaskDueAt(dueAt: number | undefined): void {
    const remaining = dueAt === undefined ? Infinity : dueAt - this.now;
    this.libraryTimeoutSeconds = remaining > this.host.maxTimerMs ? this.noTimeoutSeconds : Math.max(remaining, 1) / 1000;
  }

  /** Registers a top-level entry; resolves with its sequence number once the consumer has checkpointed it. */
  enter(stateName: string, fields: Partial<StateCheckpoint>): Promise<number> {
    return this.guard(new Promise<number>((confirm) => (this.pending = { stateName, fields, confirm })));
  }

  /** Updates the checkpoint of entry `seq`, unless the execution has already moved past it. */
  update(seq: number, patch: Partial<StateCheckpoint>): Promise<void> {
    if (seq !== this.entrySeq || !this.current || this.abortReason) return Promise.resolve();
    this.current = { ...this.current, ...patch };
    return this.guard(this.host.checkpoint(this.current));
  }

  sleepUntil(dueAt: number): Promise<void> {
    if (dueAt - this.now > this.host.maxTimerMs) {
      this.rearmLater();
      return this.aborted;
    }
    return this.guard(new Promise<void>((resolve) => this.timers.add(dueAt, resolve)));
  }

  /** For a wait longer than one timer: restart from the checkpoint before the library's own timer would fire. */
  rearmLater(): () => void {
    return this.timers.add(this.now + this.host.maxTimerMs, () => this.host.rearm());
  }

  taskContext(info: StateInfo, taskToken?: string): TaskContext {
    const { executionArn, name, stateMachineArn } = this.host.record;
    return { executionArn, executionName: name, stateMachineArn, stateName: info.name, resource: info.resource ?? "", taskToken };
  }

  private async consume(events: AsyncGenerator<LibraryEvent>): Promise<void> {
    let skipEntry = this.start.resume !== undefined;
    for await (const event of events) {
      const resumedEntry = skipEntry && event.type === "StateEntered";
      if (event.type === "StateEntered") skipEntry = false;
      // Recorded before the checkpoint write, so the stored history includes the state the execution stopped in;
      // stamped with the event's own time, as the consumer may lag behind a write.
      const at = this.now - (Date.now() - event.timestamp);
      if (!resumedEntry && !this.abortReason) this.host.history.record(event, this.stash, at);
      if (event.type === "StateEntered" || event.type === "StateRetried") await this.onEntry(event.state.name, event.state.input, at);
    }
  }

  private async onEntry(stateName: string, input: JsonValue, at: number): Promise<void> {
    if (!this.host.machine.states.get(stateName)?.topLevel || this.abortReason) return;
    const pending = this.pending?.stateName === stateName ? this.pending : undefined;
    if (pending) this.pending = undefined;
    const seq = ++this.entrySeq;
    this.current = { stateName, input: JSON.stringify(input), enteredAt: new Date(at).toISOString(), phase: "entered", ...pending?.fields };
    // A failed write aborts the segment (see the runner), which releases the waiting handler.
    await this.host.checkpoint(this.current).then(() => pending?.confirm(seq), () => undefined);
  }
}
