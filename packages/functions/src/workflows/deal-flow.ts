import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import { dealFlowTasks } from "./deal-flow-tasks.ts";
import type { WorkflowTask } from "./index.ts";

let tasks: Record<string, WorkflowTask> | undefined;

/**
 * The Lambda behind every task of the deal-flow machine: the ASL passes `task` (the state) and, for the stage
 * wait, `taskToken` in the payload.
 */
export const handler = async (event: { task?: unknown; taskToken?: unknown }) => {
  tasks ??= dealFlowTasks(awsRuntimeDeps());
  const task = typeof event.task === "string" ? tasks[event.task] : undefined;
  if (!task) throw new Error(`Unknown deal-flow task ${JSON.stringify(event.task)}`);
  return task(event, { taskToken: typeof event.taskToken === "string" ? event.taskToken : undefined });
};
