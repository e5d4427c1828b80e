export { createSfnWorkflowEngine } from "./sfn-workflow-engine.ts";
export {
  InvalidTaskTokenError,
  WorkflowError,
  WorkflowExecutionExistsError,
  WorkflowNotFoundError,
  WorkflowTaskClosedError,
} from "./workflow-errors.ts";
