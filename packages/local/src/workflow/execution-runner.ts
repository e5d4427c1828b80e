import type { Clock } from "@dealflow/core/ports/clock";
import type { JsonValue } from "./asl-types.ts";
import type { CheckpointStore, ExecutionRecord, ExecutionStatus, StateCheckpoint } from "./checkpoint-store.ts";
import { HistoryRecorder } from "./execution-history.ts";
import { Segment, type AbortReason, type SegmentHost, type SegmentStart } from "./execution-segment.ts";
import type { MachineRuntime } from "./machine-runtime.ts";
import type { TokenRegistry } from "./task-tokens.ts";
import { scheduleAt } from "./timers.ts";

export interface RunnerDeps {
  machine: MachineRuntime;
  store: CheckpointStore;
  clock: Clock;
  tokens: TokenRegistry;
  maxTimerMs: number;
  /** Called once the execution no longer needs this runner (closed, or lost to another writer). */
  onDone(executionArn: string): void;
}

type Outcome = { output?: string; error?: string; cause?: string };

const closingEvents: Record<Exclude<ExecutionStatus, "RUNNING">, string> = {
  SUCCEEDED: "ExecutionSucceeded",
  FAILED: "ExecutionFailed",
  TIMED_OUT: "ExecutionTimedOut",
  ABORTED: "ExecutionAborted",
};

/** One execution in memory: runs its segments, serialises its writes, and closes it exactly once. */
export class ExecutionRunner implements SegmentHost {
  readonly history: HistoryRecorder;
  private segment?: Segment;
  private writes: Promise<void> = Promise.resolve();
  private closing?: Promise<void>;
  private detached = false;
  private cancelDeadline: () => void = () => undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private resolveSettled: () => void = () => undefined;
  /** Resolves when the execution has closed and its final status is stored. */
  readonly settled = new Promise<void>((resolve) => (this.resolveSettled = resolve));

  constructor(
    private readonly deps: RunnerDeps,
    public record: ExecutionRecord,
  ) {
    this.history = new HistoryRecorder(deps.machine, deps.clock, [...record.history]);
  }

  get machine(): MachineRuntime {
    return this.deps.machine;
  }
  get clock(): Clock {
    return this.deps.clock;
  }
  get tokens(): TokenRegistry {
    return this.deps.tokens;
  }
  get maxTimerMs(): number {
    return this.deps.maxTimerMs;
  }

  start(): void {
    this.loopDone = this.loop().catch((err: unknown) => console.error(`workflow execution ${this.record.executionArn} crashed`, err));
    if (this.record.deadline) {
      const cause = `Execution exceeded its TimeoutSeconds of ${this.machine.timeoutSeconds ?? "?"}`;
      this.cancelDeadline = scheduleAt(this.clock, Date.parse(this.record.deadline), () => {
        this.close("TIMED_OUT", { error: "States.Timeout", cause }, "timeout").catch(() => undefined);
      });
    }
  }

  checkpoint(checkpoint: StateCheckpoint): Promise<void> {
    return this.persist((r) => (r.checkpoint = checkpoint));
  }

  rearm(): void {
    if (!this.closing && !this.detached) this.segment?.abort("rearm");
  }

  stop(error?: string, cause?: string): Promise<void> {
    return this.close("ABORTED", { error, cause }, "stop");
  }

  /** Engine shutdown: stops running without changing what is stored, so a new engine can resume it. */
  async detach(): Promise<void> {
    this.detached = true;
    this.cancelDeadline();
    this.segment?.abort("close");
    this.tokens.removeExecution(this.record.executionArn);
    await this.loopDone;
    await this.writes;
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.closing || this.detached) return;
      this.segment = new Segment(this, this.startPoint());
      const outcome = await this.segment.run();
      if (outcome.kind === "succeeded") return this.close("SUCCEEDED", { output: JSON.stringify(outcome.output) });
      if (outcome.kind === "failed") return this.close("FAILED", { error: outcome.error, cause: outcome.cause });
      if (outcome.reason !== "rearm") return;
    }
  }

  private startPoint(): SegmentStart {
    const checkpoint = this.record.checkpoint;
    if (!checkpoint) return { stateName: this.machine.definition.StartAt, input: JSON.parse(this.record.input) as JsonValue };
    return { stateName: checkpoint.stateName, input: JSON.parse(checkpoint.input) as JsonValue, resume: checkpoint };
  }

  private close(status: Exclude<ExecutionStatus, "RUNNING">, outcome: Outcome, abort?: AbortReason): Promise<void> {
    if (this.closing) return this.closing;
    if (this.detached) return Promise.resolve();
    if (abort) this.segment?.abort(abort);
    this.cancelDeadline();
    this.tokens.removeExecution(this.record.executionArn);
    this.history.add(closingEvents[status], outcome);
    const stopDate = this.clock.now().toISOString();
    this.closing = this.persist((r) => Object.assign(r, { status, stopDate }, outcome)).then(() => {
      this.resolveSettled();
      this.deps.onDone(this.record.executionArn);
    });
    return this.closing;
  }

  private persist(mutate: (record: ExecutionRecord) => void): Promise<void> {
    const write = this.writes.then(async () => {
      if (this.detached) return;
      const { history: _stored, ...current } = this.record;
      const next: ExecutionRecord = { ...structuredClone(current), history: [...this.history.events] };
      mutate(next);
      next.version = this.record.version + 1;
      if (!(await this.deps.store.save(next, this.record.version))) {
        throw new Error(`workflow execution ${this.record.executionArn} was written by another engine; this one lets go of it`);
      }
      this.record = next;
    });
    this.writes = write.catch((err: unknown) => {
      // Without a durable checkpoint the execution cannot go on here; what is stored stays resumable.
      console.error(String(err));
      this.detached = true;
      this.segment?.abort("lost");
      this.deps.onDone(this.record.executionArn);
    });
    return write;
  }
}
