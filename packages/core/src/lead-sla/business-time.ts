/**
 * Business-time arithmetic over a team calendar: pure, with time zones through Intl (no library), so the same
 * due time comes out in a Lambda, a test and the local runtime. Working hours are the same on every working
 * day and lie within one local day (no overnight shifts).
 */
export interface BusinessCalendar {
  /** IANA zone the working hours and holidays are in. */
  timeZone: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** Local "HH:MM", start inclusive, end exclusive. */
  workStart: string;
  workEnd: string;
  /** Local dates "YYYY-MM-DD" with no working hours. */
  holidays: readonly string[];
  /** Every second counts: working days, hours and holidays are ignored. */
  twentyFourSeven: boolean;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// A calendar with no working day at all would loop for ever; ten years without a working second is an error.
const maxDays = 3660;

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(timeZone).formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock time names; across a DST change the offset of the result itself is used. */
export function zonedTimeToUtc(date: LocalDate, minutes: number, timeZone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return second;
}

export function parseClock(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`Not a time of day (HH:MM): ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const isoDate = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
const isoWeekday = (d: LocalDate) => ((new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7) + 1;

function nextDate(d: LocalDate): LocalDate {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** The working window of one local date as instants, or undefined on a day off. */
function windowOf(d: LocalDate, cal: BusinessCalendar): { start: number; end: number } | undefined {
  if (!cal.workingDays.includes(isoWeekday(d)) || cal.holidays.includes(isoDate(d))) return undefined;
  return { start: zonedTimeToUtc(d, parseClock(cal.workStart), cal.timeZone), end: zonedTimeToUtc(d, parseClock(cal.workEnd), cal.timeZone) };
}

/** Walks working windows from `from` on, handing each one's usable part to `visit` until it returns true. */
function walkWindows(from: number, cal: BusinessCalendar, visit: (start: number, end: number) => boolean): void {
  const w = wallClock(from, cal.timeZone);
  let date: LocalDate = { year: w.year, month: w.month, day: w.day };
  for (let i = 0; i < maxDays; i++, date = nextDate(date)) {
    const window = windowOf(date, cal);
    if (window && window.end > from && visit(Math.max(window.start, from), window.end)) return;
  }
  throw new RangeError("The calendar has no working time in the next ten years");
}

/** The instant `seconds` of business time after `start` (at the end of a window when it lands exactly there). */
export function addBusinessSeconds(start: Date, seconds: number, cal: BusinessCalendar): Date {
  if (cal.twentyFourSeven) return new Date(start.getTime() + seconds * 1000);
  let remaining = seconds * 1000;
  let result = start.getTime();
  walkWindows(start.getTime(), cal, (from, end) => {
    if (remaining <= end - from) {
      result = from + remaining;
      return true;
    }
    remaining -= end - from;
    return false;
  });
  return new Date(result);
}

/** Business seconds between two instants (0 when `to` is not after `from`). */
export function businessSecondsBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (cal.twentyFourSeven) return (to.getTime() - from.getTime()) / 1000;
  let total = 0;
  walkWindows(from.getTime(), cal, (start, end) => {
    if (start >= to.getTime()) return true;
    total += Math.min(end, to.getTime()) - start;
    return end >= to.getTime();
  });
  return total / 1000;
}

/** Length of one working day in seconds: what a duration in business days ("1d") is worth. */
export function businessDaySeconds(cal: BusinessCalendar): number {
  return cal.twentyFourSeven ? 86_400 : (parseClock(cal.workEnd) - parseClock(cal.workStart)) * 60;
}
