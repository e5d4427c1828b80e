import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { WorkflowTask } from "./index.ts";
import { instalmentCollectionTasks } from "./instalment-collection-tasks.ts";

let tasks: Record<string, WorkflowTask> | undefined;

/** The Lambda behind every task of the instalment-collection machine: the ASL passes the state's name as `task`. */
export const handler = async (event: { task?: unknown }) => {
  tasks ??= instalmentCollectionTasks(awsRuntimeDeps());
  const task = typeof event.task === "string" ? tasks[event.task] : undefined;
  if (!task) throw new Error(`Unknown instalment-collection task ${JSON.stringify(event.task)}`);
  return task(event, {});
};
