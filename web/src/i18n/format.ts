import type { Locale } from "./locale.ts";

/** Locale-aware formatters, with Intl objects cached because a board formats hundreds of amounts. */
export function createFormatters(locale: Locale) {
  const cache = new Map<string, Intl.NumberFormat>();
  const numberFormat = (key: string, options: Intl.NumberFormatOptions) => {
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
    return f;
  };
  const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

  return {
    number: (n: number) => numberFormat("n", {}).format(n),
    percent: (value0to100: number) => numberFormat("%", { style: "percent", maximumFractionDigits: 1 }).format(value0to100 / 100),
    money: (amount: number, currency: string) => numberFormat(`m:${currency}`, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount),
    compactMoney: (amount: number, currency: string) =>
      numberFormat(`c:${currency}`, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(amount),
    /** A calendar date such as an expected close date (YYYY-MM-DD): no time zone may shift it by a day. */
    date: (isoDate: string) => {
      const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? isoDate : calendarDate.format(d);
    },
    /** A moment in time (createdAt), shown in the viewer's own time zone. */
    dateTime: (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : instant.format(d);
    },
  };
}

export type Formatters = ReturnType<typeof createFormatters>;
