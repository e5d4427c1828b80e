import type { RuntimeDeps } from "../runtime/deps.ts";
import { dealFlowTaskRegistry } from "./deal-flow-tasks.ts";
import { taskReminderTask } from "./task-reminder.ts";
import { leadSlaTaskRegistry } from "./lead-sla-tasks.ts";
import { instalmentCollectionTaskRegistry } from "./instalment-collection-tasks.ts";

/** A state-machine task, run by Lambda in AWS and in-process by the local engine. */
export type WorkflowTask = (input: unknown, ctx: { taskToken?: string | undefined }) => Promise<unknown>;

/** Task handlers by state name (or Resource), built from the runtime's dependencies. */
export const workflowTasks: Record<string, (deps: RuntimeDeps) => WorkflowTask> = {
  ...dealFlowTaskRegistry,
  SendTaskReminder: taskReminderTask,
  ...leadSlaTaskRegistry,
  ...instalmentCollectionTaskRegistry,
};
