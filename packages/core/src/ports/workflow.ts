/** The Step Functions calls the app makes; one adapter (SFN client) serves both AWS and the local engine. */
export interface WorkflowEngine {
  start(stateMachineArn: string, name: string, input: unknown): Promise<{ executionArn: string }>;
  sendTaskSuccess(taskToken: string, output: unknown): Promise<void>;
  sendTaskFailure(taskToken: string, error: string, cause?: string): Promise<void>;
  stop(executionArn: string, cause?: string): Promise<void>;
}
