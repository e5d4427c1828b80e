import { describe, expect, it } from "vitest";
import { addBusinessSeconds, businessDaySeconds, businessSecondsBetween, type BusinessCalendar } from "./business-time.ts";

const officeHours = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  timeZone, workingDays: [1, 2, 3, 4, 5], workStart: "09:00", workEnd: "18:00", holidays, twentyFourSeven: false,
});
const hours = (h: number) => h * 3600;
const due = (start: string, seconds: number, cal: BusinessCalendar) => addBusinessSeconds(new Date(start), seconds, cal).toISOString();

describe("business time over a team calendar", () => {
  it("counts within the working day when the hours fit", () => {
    // Wednesday 10:00 in Shanghai (UTC+8) plus 2 business hours is 12:00 local.
    expect(due("2025-03-12T02:00:00Z", hours(2), officeHours("Asia/Shanghai"))).toBe("2025-03-12T04:00:00.000Z");
  });

  it("carries what is left of the day overnight into the next morning", () => {
    // Wednesday 17:00 local: one hour today, one from 09:00 Thursday.
    expect(due("2025-03-12T09:00:00Z", hours(2), officeHours("Asia/Shanghai"))).toBe("2025-03-13T02:00:00.000Z");
  });

  it("starts at opening time when assigned before it or in the evening", () => {
    // 20:30 Wednesday local → Thursday 09:00 + 2h = 11:00 local.
    expect(due("2025-03-12T12:30:00Z", hours(2), officeHours("Asia/Shanghai"))).toBe("2025-03-13T03:00:00.000Z");
    // 07:00 Thursday local.
    expect(due("2025-03-12T23:00:00Z", hours(2), officeHours("Asia/Shanghai"))).toBe("2025-03-13T03:00:00.000Z");
  });

  it("skips the weekend", () => {
    // Friday 17:30 local: 30 minutes Friday, 90 minutes from Monday 09:00 → Monday 10:30 local.
    expect(due("2025-03-14T09:30:00Z", hours(2), officeHours("Asia/Shanghai"))).toBe("2025-03-17T02:30:00.000Z");
    // Saturday noon → Monday 11:00.
    expect(due("2025-03-15T04:00:00Z", hours(2), officeHours("Asia/Shanghai"))).toBe("2025-03-17T03:00:00.000Z");
  });

  it("skips holidays in the team's zone", () => {
    // Thursday 1 May 2025 is a holiday: Wednesday 17:00 + 2h → Friday 10:00 local.
    const cal = officeHours("Asia/Shanghai", ["2025-05-01"]);
    expect(due("2025-04-30T09:00:00Z", hours(2), cal)).toBe("2025-05-02T02:00:00.000Z");
  });

  it("keeps local opening hours across a DST change (America/New_York)", () => {
    const ny = officeHours("America/New_York");
    // Friday 7 March 2025 17:00 EST (UTC-5); DST starts Sunday 9 March; Monday opens 09:00 EDT (UTC-4).
    expect(due("2025-03-07T22:00:00Z", hours(2), ny)).toBe("2025-03-10T14:00:00.000Z");
    // Friday 31 October 2025 17:00 EDT; DST ends Sunday 2 November; Monday opens 09:00 EST (UTC-5).
    expect(due("2025-10-31T21:00:00Z", hours(2), ny)).toBe("2025-11-03T15:00:00.000Z");
  });

  it("is plain wall-clock time for a 24x7 team, weekends and holidays included", () => {
    const cal = { ...officeHours("Asia/Shanghai", ["2025-03-15"]), twentyFourSeven: true };
    expect(due("2025-03-15T04:00:00Z", hours(2), cal)).toBe("2025-03-15T06:00:00.000Z");
    expect(due("2025-03-15T04:00:00Z", 3, cal)).toBe("2025-03-15T04:00:03.000Z");
    expect(businessDaySeconds(cal)).toBe(86_400);
  });

  it("measures business seconds between two instants, the inverse of adding them", () => {
    const cal = officeHours("America/New_York");
    const start = new Date("2025-03-07T21:30:00Z"); // Friday 16:30 EST
    const end = addBusinessSeconds(start, hours(3), cal);
    expect(businessSecondsBetween(start, end, cal)).toBe(hours(3));
    expect(businessSecondsBetween(end, start, cal)).toBe(0);
    expect(businessDaySeconds(cal)).toBe(hours(9));
  });

  it("refuses a calendar without any working day instead of looping", () => {
    const cal = { ...officeHours("UTC"), workingDays: [] };
    expect(() => addBusinessSeconds(new Date("2025-03-12T00:00:00Z"), 60, cal)).toThrow(/no working time/);
  });
});
