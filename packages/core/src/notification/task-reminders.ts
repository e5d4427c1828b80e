import { z } from "zod";
import { isoDateTime, parse } from "../records/schema.ts";
import { findUser } from "../user/user.ts";
import { deliverNotification, notificationId, type NotifyDeps } from "./notification.ts";
import { subjectName, subjectPath, taskDueText } from "./notification-text.ts";

/** Name of the machine in infra/state-machines.ts; its ARN comes from RuntimeDeps.stateMachineArns. */
export const TASK_REMINDER_MACHINE = "task-reminder";

export const taskReminderInput = z.object({ activityId: z.string().min(1), dueAt: isoDateTime });
export type TaskReminderInput = z.infer<typeof taskReminderInput>;

const activityEventData = z.object({
  record: z.object({ activityId: z.string().min(1), version: z.number().optional(), type: z.string(), dueAt: isoDateTime.optional(), done: z.boolean().optional() }),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })).optional(),
});

export interface ReminderPlan {
  /** Executions (by name) that may be waiting for a due time that no longer holds. */
  stop: string[];
  /** `fallbackName` is used when `name` already ran (a task rescheduled back to an earlier due time). */
  start?: { name: string; fallbackName: string; input: TaskReminderInput };
}

const utc = (at: string) => new Date(at).toISOString();
// The first schedule is named by the activity alone; later ones carry their due time so each can be stopped.
const rescheduledName = (activityId: string, dueAt: string) => `${activityId}-${Date.parse(dueAt)}`;

function startFor(activityId: string, dueAt: string | undefined, name: string, version: number | undefined, now: Date): ReminderPlan["start"] {
  if (!dueAt || Date.parse(dueAt) <= now.getTime()) return undefined;
  return { name, fallbackName: `${name}-v${version ?? 0}`, input: { activityId, dueAt: utc(dueAt) } };
}

/**
 * What an `activity.created` / `activity.updated` event means for a task's reminder execution: start one when a
 * task with a future due time appears, reopens or is rescheduled; stop it when the task is done or rescheduled.
 * A reminder that slips through (events out of order) is harmless: the task step re-checks the task.
 */
export function reminderPlan(eventName: string, data: unknown, now: Date): ReminderPlan {
  const { record, changes = [] } = parse(activityEventData, data);
  if (record.type !== "task") return { stop: [] };
  const id = record.activityId;
  if (eventName === "activity.created") {
    const start = record.done ? undefined : startFor(id, record.dueAt, id, record.version, now);
    return { stop: [], ...(start && { start }) };
  }
  const changed = (field: string) => changes.find((c) => c.field === field);
  const dueChange = changed("dueAt");
  const doneChange = changed("done");
  const previousDue = typeof dueChange?.old === "string" ? dueChange.old : record.dueAt;
  const stop = dueChange || doneChange?.new === true ? [id, ...(previousDue ? [rescheduledName(id, previousDue)] : [])] : [];
  const reopened = doneChange?.new === false;
  const start = !record.done && (dueChange || reopened) && record.dueAt ? startFor(id, record.dueAt, rescheduledName(id, record.dueAt), record.version, now) : undefined;
  return { stop, ...(start && { start }) };
}

/**
 * The task step of the reminder machine: reminds the task's author (in-app + email) if the task is still open and
 * still due at the time the execution waited for. Idempotent per (task, due time, user).
 */
export async function remindTask(deps: NotifyDeps, raw: unknown): Promise<{ reminded: string[]; skipped?: string }> {
  const input = parse(taskReminderInput, raw);
  const { data: task } = await deps.db.entities.activity.get({ activityId: input.activityId }).go();
  if (!task || task.type !== "task") return { reminded: [], skipped: "not_a_task" };
  if (task.done) return { reminded: [], skipped: "done" };
  if (!task.dueAt || Date.parse(task.dueAt) !== Date.parse(input.dueAt)) return { reminded: [], skipped: "rescheduled" };
  const author = await findUser(deps.db, task.authorId);
  if (!author || author.active === false || (author.role !== "admin" && author.teamId !== task.teamId)) return { reminded: [], skipped: "no_recipient" };
  const subject = await subjectName(deps.db, task.subjectType, task.subjectId);
  const words = taskDueText(author, { title: task.title, subject, dueAt: utc(task.dueAt) });
  await deliverNotification(
    deps,
    {
      notificationId: notificationId("task_due", task.activityId, utc(task.dueAt), author.userId),
      userId: author.userId, teamId: task.teamId, kind: "task_due", text: words.text, link: subjectPath(task.subjectType, task.subjectId),
      subjectType: task.subjectType, subjectId: task.subjectId,
    },
    { to: author.email, subject: words.mailSubject, paragraphs: words.paragraphs, linkLabel: words.linkLabel },
  );
  return { reminded: [author.userId] };
}
