/** Failures of the workflow engine a caller can act on; anything else propagates as the SDK raised it. */
export class WorkflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An execution with this name exists and is closed, or was started with a different input. */
export class WorkflowExecutionExistsError extends WorkflowError {}

/** The execution or state machine does not exist. */
export class WorkflowNotFoundError extends WorkflowError {}

/**
 * The task behind a token is no longer waiting (completed, timed out, or its execution ended). A consumer that
 * signals at least once can treat this as "already handled".
 */
export class WorkflowTaskClosedError extends WorkflowError {}

/** The token is not one the engine issued. */
export class InvalidTaskTokenError extends WorkflowError {}
