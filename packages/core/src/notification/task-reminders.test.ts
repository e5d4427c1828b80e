import { describe, expect, it } from "vitest";
import { reminderPlan } from "./task-reminders.ts";

const now = new Date("2026-03-01T08:00:00.000Z");
const due = "2026-03-02T09:30:00+08:00";
const dueUtc = "2026-03-02T01:30:00.000Z";
const task = (extra: Record<string, unknown> = {}) => ({ activityId: "a1", version: 3, type: "task", dueAt: due, done: false, ...extra });

describe("reminderPlan", () => {
  it("starts one execution named by the task for a new task due later, with the due time in UTC", () => {
    expect(reminderPlan("activity.created", { record: task({ version: 1 }) }, now)).toEqual({ stop: [], start: { name: "a1", fallbackName: "a1-v1", input: { activityId: "a1", dueAt: dueUtc } } });
  });

  it("schedules nothing for other activities, tasks without or past their due time, or tasks created done", () => {
    expect(reminderPlan("activity.created", { record: task({ type: "call" }) }, now)).toEqual({ stop: [] });
    expect(reminderPlan("activity.created", { record: task({ dueAt: undefined }) }, now)).toEqual({ stop: [] });
    expect(reminderPlan("activity.created", { record: task({ dueAt: "2026-02-01T00:00:00Z" }) }, now)).toEqual({ stop: [] });
    expect(reminderPlan("activity.created", { record: task({ done: true }) }, now)).toEqual({ stop: [] });
  });

  it("stops the waiting execution when the task is marked done", () => {
    const plan = reminderPlan("activity.updated", { record: task({ done: true }), changes: [{ field: "done", old: false, new: true }] }, now);
    expect(plan).toEqual({ stop: ["a1", `a1-${Date.parse(due)}`] });
  });

  it("moves the reminder when the due time changes, and restarts it when a task is reopened", () => {
    const later = "2026-03-05T00:00:00.000Z";
    const moved = reminderPlan("activity.updated", { record: task({ dueAt: later }), changes: [{ field: "dueAt", old: due, new: later }] }, now);
    expect(moved.stop).toEqual(["a1", `a1-${Date.parse(due)}`]);
    expect(moved.start).toMatchObject({ name: `a1-${Date.parse(later)}`, input: { dueAt: later } });
    const reopened = reminderPlan("activity.updated", { record: task(), changes: [{ field: "done", old: true, new: false }] }, now);
    expect(reopened).toMatchObject({ stop: [], start: { name: `a1-${Date.parse(due)}`, fallbackName: `a1-${Date.parse(due)}-v3` } });
  });

  it("ignores edits that touch neither the due time nor done", () => {
    expect(reminderPlan("activity.updated", { record: task(), changes: [{ field: "title", old: "x", new: "y" }] }, now)).toEqual({ stop: [] });
  });
});
