/** Periods as the forecast API spells them: a month "2026-11" or a quarter "2026-Q4". */
export type PeriodKind = "month" | "quarter";

const monthRe = /^(\d{4})-(0[1-9]|1[0-2])$/;
const quarterRe = /^(\d{4})-Q([1-4])$/;

export function isPeriod(value: string | null): value is string {
  return value !== null && (monthRe.test(value) || quarterRe.test(value));
}

export function kindOf(period: string): PeriodKind {
  return quarterRe.test(period) ? "quarter" : "month";
}

export function currentPeriod(kind: PeriodKind, today = new Date()): string {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  return kind === "month" ? `${y}-${String(m + 1).padStart(2, "0")}` : `${y}-Q${Math.floor(m / 3) + 1}`;
}

/** The months of a period, "2026-Q4" → ["2026-10", "2026-11", "2026-12"]. */
export function monthsOf(period: string): string[] {
  const q = quarterRe.exec(period);
  if (!q) return [period];
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${q[1]}-${String(first + i).padStart(2, "0")}`);
}

/** First and last day (inclusive) of the period, for the cohort reports' `from` / `to`. */
export function periodRange(period: string): { from: string; to: string } {
  const months = monthsOf(period);
  const first = months[0] ?? period;
  const last = months.at(-1) ?? period;
  const [y, m] = last.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${first}-01`, to: `${last}-${String(lastDay).padStart(2, "0")}` };
}

/** The period `steps` months or quarters away. */
export function shiftPeriod(period: string, steps: number): string {
  const q = quarterRe.exec(period);
  if (q) {
    const index = Number(q[1]) * 4 + Number(q[2]) - 1 + steps;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  }
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + m - 1 + steps;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The choices a picker offers: a year of months or two years of quarters back, and a little ahead (forecasts). */
export function periodChoices(kind: PeriodKind, selected: string, today = new Date()): string[] {
  const now = currentPeriod(kind, today);
  const [back, ahead] = kind === "month" ? [11, 6] : [7, 4];
  const list: string[] = [];
  for (let i = ahead; i >= -back; i--) list.push(shiftPeriod(now, i));
  return list.includes(selected) ? list : [selected, ...list];
}

/** "2026-Q4" → "Q4 2026" / "2026年第4季度"; "2026-11" → "Nov 2026" / "2026年11月". */
export function periodLabel(period: string, locale: string): string {
  const q = quarterRe.exec(period);
  if (q) return locale === "zh-CN" ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  return monthLabel(period, locale);
}

export function monthLabel(month: string, locale: string, style: "long" | "short" = "long"): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const options: Intl.DateTimeFormatOptions = style === "long" ? { year: "numeric", month: "short", timeZone: "UTC" } : { month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(new Date(Date.UTC(y, m - 1, 1)));
}
