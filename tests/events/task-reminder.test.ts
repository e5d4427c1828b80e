import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Activity, Notification } from "@dealflow/core";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { localStateMachineArn } from "@dealflow/infra";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { activityTaskRemindersHandler } from "@dealflow/functions/events/activity-task-reminders";
import { workflowTasks } from "@dealflow/functions/workflows/index";
import type { SmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { readAslFile } from "@dealflow/local/workflow/asl-validation";
import type { LocalWorkflowEngine } from "@dealflow/local/workflow/local-engine";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { collabWorld, envelopeOf, lastEvent, updateTask } from "./collab-fixtures.ts";

const machineArn = localStateMachineArn("task-reminder");
const executionArn = (name: string) => `${machineArn.replace(":stateMachine:", ":execution:")}:${name}`;
let deps: RuntimeDeps;
let events: DomainEvent[];
let mail: SmtpCapture;
let engine: LocalWorkflowEngine;
let world: Awaited<ReturnType<typeof collabWorld>>;

beforeAll(async () => {
  ({ deps, events, mail, engine } = await testRuntimeDeps({
    machines: { "task-reminder": { arn: machineArn, definition: readAslFile(join(import.meta.dirname, "../../infra/state-machines/task-reminder.asl.json")) } },
    tasks: (d) => Object.fromEntries(Object.entries(workflowTasks).map(([name, make]) => [name, make(d)])),
    stateMachineArns: { "task-reminder": machineArn },
  }));
  world = await collabWorld(deps);
});

const eventFor = (name: string, activityId: string) => lastEvent(events, name, (e) => (e.data as { activityId: string }).activityId === activityId);

async function newTask(title: string, dueInMs: number) {
  const task = await Activity.createActivity(world.as(world.wang), { subjectType: "opportunity", subjectId: world.deal.opportunityId, type: "task", title, dueAt: new Date(Date.now() + dueInMs).toISOString() });
  await activityTaskRemindersHandler(deps)(envelopeOf(eventFor("activity.created", task.activityId)));
  return task;
}

describe("task reminders", () => {
  it("reminds the author once, in the app and by email, when the task falls due", async () => {
    const task = await newTask("Send the revised quote", 1500);
    await activityTaskRemindersHandler(deps)(envelopeOf(eventFor("activity.created", task.activityId)));
    expect(mail.messages().some((m) => m.subject.includes("Send the revised quote"))).toBe(false);

    const message = await mail.waitFor((m) => m.subject === "Task due: Send the revised quote", 8000);
    const done = await engine.waitForExecution(executionArn(task.activityId));

    expect(message.to).toEqual(["wang@dealflow.test"]);
    expect(message.text).toContain(`/#/deals/${world.deal.opportunityId}`);
    expect(done.status).toBe("SUCCEEDED");
    expect(mail.messages().filter((m) => m.subject === "Task due: Send the revised quote")).toHaveLength(1);
    const inbox = await Notification.listMyNotifications(world.as(world.wang), { limit: 10 });
    expect(inbox.items.filter((n) => n.kind === "task_due")).toHaveLength(1);
  });

  it("stops the reminder when the task is done before it is due, and sends nothing", async () => {
    const task = await newTask("Book the demo room", 1500);
    const updated = await updateTask(world.as(world.wang), task, { done: true });
    await activityTaskRemindersHandler(deps)(envelopeOf(eventFor("activity.updated", updated.activityId)));

    const stopped = await engine.describeExecution(executionArn(task.activityId));
    await new Promise((r) => setTimeout(r, 2500));

    expect(stopped.status).toBe("ABORTED");
    expect(mail.messages().some((m) => m.subject.includes("Book the demo room"))).toBe(false);
  });

  it("moves the reminder to the new due time when the task is rescheduled", async () => {
    const task = await newTask("Chase the signature", 60_000);
    const dueAt = new Date(Date.now() + 1500).toISOString();
    const updated = await updateTask(world.as(world.wang), task, { dueAt });
    await activityTaskRemindersHandler(deps)(envelopeOf(eventFor("activity.updated", updated.activityId)));

    const message = await mail.waitFor((m) => m.subject === "Task due: Chase the signature", 8000);

    expect(message.text).toContain(dueAt);
    expect((await engine.describeExecution(executionArn(task.activityId))).status).toBe("ABORTED");
  });
});
