export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A state of an Amazon States Language definition, loosely typed: asl-validator checks the details. */
export interface AslState {
  Type: string;
  [field: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: string;
  Version?: string;
}

export interface TaskContext {
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateName: string;
  resource: string;
  /** Set for `.waitForTaskToken` tasks: hand it to whoever will call SendTaskSuccess/SendTaskFailure. */
  taskToken?: string;
}

/**
 * Runs a Task state in-process. For `arn:aws:states:::lambda:invoke` it receives `Payload` and its result is
 * wrapped like Lambda's (`{ Payload, StatusCode }`); for `.waitForTaskToken` tasks its result is ignored.
 */
export type TaskHandler = (input: JsonValue, ctx: TaskContext) => Promise<unknown>;

export interface MachineConfig {
  definition: AslDefinition;
  arn: string;
}
