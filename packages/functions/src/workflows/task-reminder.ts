import { remindTask } from "@dealflow/core/notification/task-reminders";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import type { WorkflowTask } from "./index.ts";

/** State SendTaskReminder of the task-reminder machine: reminds the task's author if it is still open and due. */
export function taskReminderTask(deps: RuntimeDeps): WorkflowTask {
  return async (input) => remindTask(deps, input);
}

let lambda: WorkflowTask | undefined;
/** Lambda entry: lambda:invoke hands over the state's Payload as the event. */
export const handler = (event: unknown) => (lambda ??= taskReminderTask(awsRuntimeDeps()))(event, {});
