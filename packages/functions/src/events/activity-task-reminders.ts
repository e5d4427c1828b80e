import { reminderPlan, TASK_REMINDER_MACHINE } from "@dealflow/core/notification/task-reminders";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import type { WorkflowEngine } from "@dealflow/core/ports/workflow";
import { WorkflowExecutionExistsError, WorkflowNotFoundError } from "@dealflow/core/workflow/index";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { activityEventDetail } from "./activity-event-detail.ts";

/** Executions are addressed by name under their machine, as Step Functions builds their ARNs. */
function executionArn(machineArn: string, name: string): string {
  return `${machineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

async function stopQuietly(workflow: WorkflowEngine, arn: string): Promise<void> {
  try {
    await workflow.stop(arn, "The task was done or rescheduled");
  } catch (err) {
    // Never started, or already over: nothing is waiting any more, which is what stopping wants.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** Starts the execution; one of that name that already ran means this delivery was seen, or the name is spent. */
async function startOnce(workflow: WorkflowEngine, machineArn: string, start: NonNullable<ReturnType<typeof reminderPlan>["start"]>): Promise<string> {
  try {
    return (await workflow.start(machineArn, start.name, start.input)).executionArn;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionExistsError)) throw err;
    try {
      return (await workflow.start(machineArn, start.fallbackName, start.input)).executionArn;
    } catch (again) {
      if (again instanceof WorkflowExecutionExistsError) return executionArn(machineArn, start.fallbackName);
      throw again;
    }
  }
}

/**
 * Rule TaskReminders (activity.created / activity.updated of tasks) → one task-reminder execution per task,
 * waiting until it is due; stopped when the task is done or rescheduled. No polling anywhere.
 */
export function activityTaskRemindersHandler(deps: RuntimeDeps) {
  return async (event: BusEnvelope) => {
    const detail = activityEventDetail(event);
    const plan = reminderPlan(detail.name, detail.data, deps.clock.now());
    if (!plan.start && plan.stop.length === 0) return;
    const machineArn = deps.stateMachineArns[TASK_REMINDER_MACHINE];
    if (!machineArn) throw new Error(`No ARN for state machine ${TASK_REMINDER_MACHINE}: check STATE_MACHINE_ARNS`);
    for (const name of plan.stop) await stopQuietly(deps.workflow, executionArn(machineArn, name));
    const started = plan.start ? await startOnce(deps.workflow, machineArn, plan.start) : undefined;
    console.log(JSON.stringify({ msg: "activity-task-reminders", eventId: detail.id, stopped: plan.stop, started }));
  };
}

let lambda: ReturnType<typeof activityTaskRemindersHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= activityTaskRemindersHandler(awsRuntimeDeps()))(event);
