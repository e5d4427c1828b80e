import { describe, expect, it } from "vitest";
import { daysBetween, dueTimesOf } from "./due-times.ts";
import { bucketOf } from "./receivables-ageing.ts";

describe("ageing buckets", () => {
  it("puts each boundary day where finance expects it: due today is current, day 30 is still 1-30, day 91 is 90+", () => {
    const cases: [number, string][] = [[-10, "current"], [0, "current"], [1, "1-30"], [30, "1-30"], [31, "31-60"], [60, "31-60"], [61, "61-90"], [90, "61-90"], [91, "90+"], [400, "90+"]];
    expect(cases.map(([days]) => [days, bucketOf(days)])).toEqual(cases);
  });

  it("counts calendar days past due across month ends and leap days", () => {
    expect(daysBetween("2026-03-15", "2026-06-30")).toBe(107);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2026-06-30", "2026-06-30")).toBe(0);
  });

  it("makes a due date due by the end of that day in the team's zone, reminders and grace counted from then", () => {
    expect(dueTimesOf("2026-03-31", "Asia/Shanghai", "3d", "1d")).toEqual({
      dueOn: "2026-03-31", dueAt: "2026-03-31T16:00:00.000Z", remindAt: "2026-03-28T16:00:00.000Z", collectAt: "2026-04-01T16:00:00.000Z",
    });
    expect(dueTimesOf("2026-03-31T20:00:00Z", "Asia/Shanghai", "30s", "0d")).toMatchObject({ dueOn: "2026-04-01", remindAt: "2026-03-31T19:59:30.000Z" });
  });
});
