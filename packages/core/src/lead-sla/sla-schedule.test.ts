import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "./business-time.ts";
import { byUrgency, type QueueItem } from "./lead-queue.ts";
import { durationSeconds, slaTimesOf } from "./sla-schedule.ts";
import { executionNameOf, stepOf, waitTimestamp } from "./sla-step.ts";
import type { LeadSlaItem } from "./sla-store.ts";

const shanghai: BusinessCalendar = { timeZone: "Asia/Shanghai", workingDays: [1, 2, 3, 4, 5], workStart: "09:00", workEnd: "18:00", holidays: [], twentyFourSeven: false };

describe("the SLA ladder of an assignment", () => {
  it("reads durations in business time, a day being one working day", () => {
    expect([durationSeconds("45s", shanghai), durationSeconds("30m", shanghai), durationSeconds("2h", shanghai), durationSeconds("1d", shanghai)]).toEqual([45, 1800, 7200, 9 * 3600]);
    expect(() => durationSeconds("2 hours", shanghai)).toThrow(/Not a duration/);
  });

  it("puts due, escalation and pool times on the calendar: Friday 17:00 → Monday 10:00, 12:00, Tuesday 12:00", () => {
    const times = slaTimesOf("2025-03-14T09:00:00.000Z", { calendar: shanghai, responseTime: "2h", escalateAfter: "2h", poolAfter: "1d" });
    expect(times).toEqual({ dueAt: "2025-03-17T02:00:00.000Z", escalateAt: "2025-03-17T04:00:00.000Z", poolAt: "2025-03-18T04:00:00.000Z" });
  });

  it("steps through remind, escalate, pool from the stored breach level, and ends when closed", () => {
    const item = { leadId: "l1", assignedAt: "2025-03-14T09:00:00.000Z", dueAt: "2025-03-17T02:00:00.250Z", escalateAt: "2025-03-17T04:00:00.000Z", poolAt: "2025-03-18T04:00:00.000Z", state: "waiting", breachLevel: 0 } as LeadSlaItem;
    const key = { leadId: "l1", assignedAt: item.assignedAt };
    expect(stepOf(key, item)).toEqual({ ...key, next: "remind", at: "2025-03-17T02:00:01Z" });
    expect(stepOf(key, { ...item, state: "breached", breachLevel: 1 })).toMatchObject({ next: "escalate", at: "2025-03-17T04:00:00Z" });
    expect(stepOf(key, { ...item, state: "breached", breachLevel: 2 })).toMatchObject({ next: "pool", at: "2025-03-18T04:00:00Z" });
    expect(stepOf(key, { ...item, state: "closed", breachLevel: 0 })).toEqual({ ...key, next: "done" });
    expect(stepOf(key, undefined)).toEqual({ ...key, next: "done" });
    expect(waitTimestamp("2025-03-17T02:00:00.000Z")).toBe("2025-03-17T02:00:00Z");
  });

  it("names each assignment's execution apart, within Step Functions' 80 characters", () => {
    const a = executionNameOf("evt-5f1c2a3e-8a8b-4c1d-9e2f-0a1b2c3d4e5f", "2025-03-14T09:00:00.000Z");
    const b = executionNameOf("evt-5f1c2a3e-8a8b-4c1d-9e2f-0a1b2c3d4e5f", "2025-03-14T09:00:00.001Z");
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(80);
  });
});

describe("the rep's queue order", () => {
  const item = (leadId: string, slaDueAt: string | null, totalScore: number): QueueItem => ({ leadId, name: leadId, companyName: null, status: "assigned", totalScore, grade: null, slaDueAt, breachLevel: 0, overdue: false });

  it("puts outstanding first contacts first, earliest due first, then the rest by score", () => {
    const items = [item("cold", null, 10), item("later", "2025-03-17T05:00:00Z", 1), item("hot", null, 90), item("breached", "2025-03-17T01:00:00Z", 5), item("same-due-higher", "2025-03-17T05:00:00Z", 40)];
    expect(items.sort(byUrgency).map((i) => i.leadId)).toEqual(["breached", "same-due-higher", "later", "hot", "cold"]);
  });
});
