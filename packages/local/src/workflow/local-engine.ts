import { randomUUID } from "node:crypto";
import { systemClock, type Clock } from "@dealflow/core/ports/clock";
import type { JsonValue, MachineConfig, TaskHandler } from "./asl-types.ts";
import type { CheckpointStore, ExecutionRecord, ExecutionStatus, ExecutionSummary } from "./checkpoint-store.ts";
import { StatesApiError } from "./engine-errors.ts";
import { HistoryRecorder, type HistoryEvent } from "./execution-history.ts";
import { ExecutionRunner } from "./execution-runner.ts";
import { buildMachineRuntime, type MachineRuntime } from "./machine-runtime.ts";
import { TokenRegistry, tokenExecutionArn, type TokenOutcome } from "./task-tokens.ts";

export interface LocalWorkflowEngineOptions {
  /** By name; each runs its ASL definition and is addressed by its ARN. */
  machines: Record<string, MachineConfig>;
  /** Task handlers by state name or by Resource (state name wins). */
  tasks: Record<string, TaskHandler>;
  store: CheckpointStore;
  clock?: Clock;
  /** Longest single timer (default 20 days); longer waits re-arm from their checkpoint. Tests shorten it. */
  maxTimerMs?: number;
}

export type ExecutionDescription = Omit<ExecutionRecord, "checkpoint" | "history" | "version" | "deadline">;

// AWS: 1-80 characters, none of whitespace, brackets, wildcards, these punctuation marks or control characters.
const validName = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const maxPayloadChars = 262_144;

/**
 * Step Functions for the local runtime: runs the same ASL files with aws-local-stepfunctions, task tokens,
 * absolute waits and timeouts, and checkpoints every entered state so `resumeAll()` continues after a restart.
 */
export class LocalWorkflowEngine {
  private readonly machines = new Map<string, MachineRuntime>();
  private readonly runners = new Map<string, ExecutionRunner>();
  private readonly tokens = new TokenRegistry();
  private readonly store: CheckpointStore;
  private readonly clock: Clock;
  private readonly maxTimerMs: number;
  private closed = false;

  constructor(options: LocalWorkflowEngineOptions) {
    for (const [name, config] of Object.entries(options.machines)) {
      const machine = buildMachineRuntime(name, config, options.tasks);
      this.machines.set(machine.arn, machine);
    }
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.maxTimerMs = options.maxTimerMs ?? 20 * 24 * 3600 * 1000;
    // The library's task timer is set a minute past this, and Node timers overflow at 2^31-1 ms (~24.8 days).
    if (!(this.maxTimerMs > 0 && this.maxTimerMs <= 24 * 24 * 3600 * 1000)) throw new Error("maxTimerMs must be between 1 ms and 24 days");
  }

  /** Idempotent like AWS: the same name and input while running returns the running execution. */
  async startExecution(request: { stateMachineArn: string; name?: string; input?: JsonValue }): Promise<{ executionArn: string; startDate: string }> {
    this.assertOpen();
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine) throw new StatesApiError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${request.stateMachineArn}'`, "stateMachineArn");
    const name = request.name ?? randomUUID();
    if (!validName.test(name)) throw new StatesApiError("InvalidName", `Invalid Name: '${name}'`, "name");
    const input = JSON.stringify(request.input ?? {});
    if (input.length > maxPayloadChars) throw new StatesApiError("InvalidExecutionInput", "Execution input exceeds 256 KB", "input");
    const record = this.newRecord(machine, name, input);
    const existing = await this.store.create(record);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input) return { executionArn: existing.executionArn, startDate: existing.startDate };
      throw new StatesApiError("ExecutionAlreadyExists", `Execution Already Exists: '${existing.executionArn}'`, "name");
    }
    this.launch(machine, record);
    return { executionArn: record.executionArn, startDate: record.startDate };
  }

  sendTaskSuccess(taskToken: string, output: JsonValue): Promise<void> {
    return this.settleTask(taskToken, { kind: "success", output });
  }

  sendTaskFailure(taskToken: string, error = "", cause = ""): Promise<void> {
    return this.settleTask(taskToken, { kind: "failure", error, cause });
  }

  async stopExecution(executionArn: string, reason: { error?: string; cause?: string } = {}): Promise<{ stopDate: string }> {
    this.assertOpen();
    const record = await this.load(executionArn);
    // Closing twice is harmless: the first stop (or end) wins and its date is returned.
    if (record.status === "RUNNING") {
      const runner = this.runners.get(executionArn) ?? this.runnerFor(record);
      await runner.stop(reason.error, reason.cause);
      return { stopDate: runner.record.stopDate ?? this.clock.now().toISOString() };
    }
    return { stopDate: record.stopDate ?? record.startDate };
  }

  async describeExecution(executionArn: string): Promise<ExecutionDescription> {
    const { checkpoint: _c, history: _h, version: _v, deadline: _d, ...description } = await this.load(executionArn);
    return description;
  }

  listExecutions(stateMachineArn: string, status?: ExecutionStatus): Promise<ExecutionSummary[]> {
    if (!this.machines.has(stateMachineArn)) {
      throw new StatesApiError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${stateMachineArn}'`, "stateMachineArn");
    }
    return this.store.list(stateMachineArn, status);
  }

  async getExecutionHistory(executionArn: string): Promise<HistoryEvent[]> {
    const runner = this.runners.get(executionArn);
    return runner ? [...runner.history.events] : (await this.load(executionArn)).history;
  }

  /** Resolves when the execution has closed (for the local runtime's tools and tests; the API has no such call). */
  async waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    await this.runners.get(executionArn)?.settled;
    return this.describeExecution(executionArn);
  }

  /** On boot: restarts every RUNNING execution of a known machine from its last checkpoint. Returns their ARNs. */
  async resumeAll(): Promise<string[]> {
    this.assertOpen();
    const resumed: string[] = [];
    for (const record of await this.store.listRunning()) {
      const machine = this.machines.get(record.stateMachineArn);
      if (!machine || this.runners.has(record.executionArn)) continue;
      this.launch(machine, record);
      resumed.push(record.executionArn);
    }
    return resumed;
  }

  /** Stops running executions without recording anything, so they resume on the next boot. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.runners.values()].map((r) => r.detach()));
    this.runners.clear();
  }

  private async settleTask(taskToken: string, outcome: TokenOutcome): Promise<void> {
    this.assertOpen();
    const executionArn = tokenExecutionArn(taskToken);
    const waiter = this.tokens.get(taskToken);
    if (!waiter || (waiter.dueAt !== undefined && this.clock.now().getTime() >= waiter.dueAt)) {
      const known = this.runners.get(executionArn)?.record ?? (await this.store.get(executionArn));
      if (!known) throw new StatesApiError("TaskDoesNotExist", "Task Does Not Exist: no execution issued this token", "taskToken");
      throw new StatesApiError("TaskTimedOut", "Task Timed Out: the task for this token is closed", "taskToken");
    }
    this.tokens.remove(taskToken);
    await waiter.settle(outcome).catch(() => {
      throw new StatesApiError("TaskTimedOut", "Task Timed Out: the task closed before its result was recorded", "taskToken");
    });
  }

  private newRecord(machine: MachineRuntime, name: string, input: string): ExecutionRecord {
    const now = this.clock.now();
    const executionArn = `${machine.arn.replace(":stateMachine:", ":execution:")}:${name}`;
    const started = new HistoryRecorder(machine, this.clock);
    started.add("ExecutionStarted", { input, roleArn: `arn:aws:iam::${machine.arn.split(":")[4] ?? ""}:role/local-stepfunctions` });
    const deadline = machine.timeoutSeconds ? new Date(now.getTime() + machine.timeoutSeconds * 1000).toISOString() : undefined;
    return { executionArn, stateMachineArn: machine.arn, name, status: "RUNNING", input, startDate: now.toISOString(), deadline, history: started.events, version: 1 };
  }

  private launch(machine: MachineRuntime, record: ExecutionRecord): void {
    const runner = this.runnerFor(record, machine);
    this.runners.set(record.executionArn, runner);
    runner.start();
  }

  private runnerFor(record: ExecutionRecord, machine = this.machines.get(record.stateMachineArn)): ExecutionRunner {
    if (!machine) throw new StatesApiError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${record.stateMachineArn}'`);
    const deps = { machine, store: this.store, clock: this.clock, tokens: this.tokens, maxTimerMs: this.maxTimerMs };
    return new ExecutionRunner({ ...deps, onDone: (arn) => this.runners.delete(arn) }, record);
  }

  private async load(executionArn: string): Promise<ExecutionRecord> {
    const record = this.runners.get(executionArn)?.record ?? (await this.store.get(executionArn));
    if (!record) throw new StatesApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`, "executionArn");
    return record;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("the local workflow engine is closed");
  }
}
