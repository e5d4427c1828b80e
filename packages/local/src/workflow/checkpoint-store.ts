import type { HistoryEvent } from "./execution-history.ts";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
export const executionStatuses: readonly ExecutionStatus[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

/** The last top-level state an execution entered: enough to resume it there after a restart. */
export interface StateCheckpoint {
  stateName: string;
  /** JSON of the state's raw input. */
  input: string;
  enteredAt: string;
  /** entered: not started or unknown; dispatched: token handed out; completed: result recorded, do not re-run. */
  phase: "entered" | "dispatched" | "completed";
  /** Absolute time a wait fires or a task times out, so a resumed wait is not restarted from zero. */
  dueAt?: string;
  taskToken?: string;
  /** JSON of the task result, when completed. */
  result?: string;
  failure?: { error: string; cause: string };
}

export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
}

export interface ExecutionRecord extends ExecutionSummary {
  /** JSON strings, as the Step Functions API carries them. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Absolute execution timeout (the machine's top-level TimeoutSeconds). */
  deadline?: string;
  checkpoint?: StateCheckpoint;
  history: HistoryEvent[];
  version: number;
}

export interface CheckpointStore {
  /** Stores a new execution; when one with the same ARN exists, stores nothing and returns it. */
  create(record: ExecutionRecord): Promise<ExecutionRecord | undefined>;
  /** Replaces the record if the stored one still has `expectedVersion`; false when another writer got there first. */
  save(record: ExecutionRecord, expectedVersion: number): Promise<boolean>;
  get(executionArn: string): Promise<ExecutionRecord | undefined>;
  /** Every RUNNING execution: what `resumeAll()` restarts on boot. */
  listRunning(): Promise<ExecutionRecord[]>;
  /** Newest first. */
  list(stateMachineArn: string, status?: ExecutionStatus): Promise<ExecutionSummary[]>;
}
