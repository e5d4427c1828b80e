export type StatesErrorType =
  | "ExecutionAlreadyExists"
  | "ExecutionDoesNotExist"
  | "StateMachineDoesNotExist"
  | "TaskDoesNotExist"
  | "TaskTimedOut"
  | "InvalidToken"
  | "InvalidName"
  | "InvalidArn"
  | "InvalidExecutionInput"
  | "InvalidOutput"
  | "ValidationException"
  | "UnknownOperationException"
  | "SerializationException";

/** An error the Step Functions API would return; `type` is its `__type`, `field` names the offending input. */
export class StatesApiError extends Error {
  constructor(
    readonly type: StatesErrorType,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = type;
  }
}
