import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNServiceException,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { WorkflowEngine } from "../ports/workflow.ts";
import {
  InvalidTaskTokenError,
  WorkflowError,
  WorkflowExecutionExistsError,
  WorkflowNotFoundError,
  WorkflowTaskClosedError,
} from "./workflow-errors.ts";

type ErrorClass = new (code: string, message: string, options?: { cause?: unknown }) => WorkflowError;

const knownErrors: Record<string, ErrorClass> = {
  ExecutionAlreadyExists: WorkflowExecutionExistsError,
  ExecutionDoesNotExist: WorkflowNotFoundError,
  StateMachineDoesNotExist: WorkflowNotFoundError,
  TaskDoesNotExist: WorkflowTaskClosedError,
  TaskTimedOut: WorkflowTaskClosedError,
  InvalidToken: InvalidTaskTokenError,
};

/**
 * The WorkflowEngine port over Step Functions. The same adapter serves AWS and the local engine; only the
 * client's endpoint differs.
 *
 * @example
 * const workflows = createSfnWorkflowEngine(new SFNClient({ endpoint: statesUrl }));
 * await workflows.start(dealFlowArn, `deal-${dealId}`, { dealId });
 */
export function createSfnWorkflowEngine(client: SFNClient): WorkflowEngine {
  return {
    async start(stateMachineArn, name, input) {
      const out = await send(() => client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input ?? {}) })));
      if (!out.executionArn) throw new WorkflowError("InvalidResponse", `StartExecution for ${name} returned no executionArn`);
      return { executionArn: out.executionArn };
    },
    async sendTaskSuccess(taskToken, output) {
      await send(() => client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? {}) })));
    },
    async sendTaskFailure(taskToken, error, cause) {
      await send(() => client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
    },
    async stop(executionArn, cause) {
      await send(() => client.send(new StopExecutionCommand({ executionArn, cause })));
    },
  };
}

async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const Known = err instanceof SFNServiceException ? knownErrors[err.name] : undefined;
    if (Known && err instanceof Error) throw new Known(err.name, err.message, { cause: err });
    throw err;
  }
}
