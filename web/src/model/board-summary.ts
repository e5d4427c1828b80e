import type { Opportunity } from "../api/api-types.ts";

export interface CurrencyTotal {
  currency: string;
  total: number;
  weighted: number;
}

/**
 * Totals per currency: deals in CNY and USD cannot be added without an exchange rate the API does not have,
 * so each currency is summed on its own, the largest first.
 */
export function totalsByCurrency(deals: readonly Opportunity[]): CurrencyTotal[] {
  const sums = new Map<string, CurrencyTotal>();
  for (const d of deals) {
    const t = sums.get(d.currency) ?? { currency: d.currency, total: 0, weighted: 0 };
    t.total += d.amount;
    t.weighted += (d.amount * d.probability) / 100;
    sums.set(d.currency, t);
  }
  return [...sums.values()].sort((a, b) => b.total - a.total);
}

export function groupByStage(deals: readonly Opportunity[]): Map<string, Opportunity[]> {
  const groups = new Map<string, Opportunity[]>();
  for (const d of deals) groups.set(d.stage, [...(groups.get(d.stage) ?? []), d]);
  return groups;
}

/** Today's calendar date in the viewer's time zone, comparable with an expectedCloseDate string. */
export function todayIsoDate(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
