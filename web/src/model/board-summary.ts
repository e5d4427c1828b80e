import { isApiError } from "../api/api-error.ts";
import type { Opportunity } from "../api/api-types.ts";

export interface CurrencyTotal {
  currency: string;
  total: number;
  weighted: number;
}

/** What a column's header shows: one figure in one currency, or one line per currency when they cannot be added. */
export interface ColumnTotals {
  /** "native": every deal is in this currency; "converted": mixed, all converted to the reporting currency. */
  kind: "none" | "native" | "converted" | "split";
  lines: CurrencyTotal[];
}

export interface RateTable {
  reportingCurrency: string;
  rates: Record<string, number>;
}

/**
 * Totals per currency, the largest first: CNY and USD are never added as one number without a rate.
 * Weighted = Σ amount × probability.
 */
export function totalsByCurrency(deals: readonly Pick<Opportunity, "amount" | "currency" | "probability">[]): CurrencyTotal[] {
  const sums = new Map<string, CurrencyTotal>();
  for (const d of deals) {
    let t = sums.get(d.currency);
    if (!t) sums.set(d.currency, (t = { currency: d.currency, total: 0, weighted: 0 }));
    t.total += d.amount;
    t.weighted += (d.amount * d.probability) / 100;
  }
  return [...sums.values()].sort((a, b) => b.total - a.total);
}

/**
 * A column's totals: in its deals' currency when they share one; when they mix currencies, in the company's
 * reporting currency if `/settings/currency` has a rate for each; otherwise one line per currency.
 */
export function columnTotals(deals: readonly Pick<Opportunity, "amount" | "currency" | "probability">[], rates: RateTable | undefined): ColumnTotals {
  const lines = totalsByCurrency(deals);
  if (lines.length === 0) return { kind: "none", lines };
  if (lines.length === 1) return { kind: "native", lines };
  const rate = (c: string) => (rates && c === rates.reportingCurrency ? 1 : rates?.rates[c]);
  if (!rates || lines.some((l) => rate(l.currency) === undefined)) return { kind: "split", lines };
  const sum = { currency: rates.reportingCurrency, total: 0, weighted: 0 };
  for (const l of lines) {
    const r = rate(l.currency) ?? 0;
    sum.total += l.total * r;
    sum.weighted += l.weighted * r;
  }
  return { kind: "converted", lines: [sum] };
}

export function groupByStage<T extends { stage: string }>(deals: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const d of deals) {
    const list = groups.get(d.stage);
    if (list) list.push(d);
    else groups.set(d.stage, [d]);
  }
  return groups;
}

/** Today's calendar date in the viewer's time zone, comparable with an expectedCloseDate string. */
export function todayIsoDate(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** When the deal's stay in its stage runs out: entered + the stage's SLA days; none without either. */
export function stageDueAt(stageEnteredAt: string | undefined, slaDays: number | undefined): string | undefined {
  if (!stageEnteredAt || !slaDays || slaDays <= 0) return undefined;
  const entered = Date.parse(stageEnteredAt);
  return Number.isNaN(entered) ? undefined : new Date(entered + slaDays * 86_400_000).toISOString();
}

export interface BoardFilters {
  owner?: string | undefined;
  /** YYYY-MM of the expected close date. */
  month?: string | undefined;
  /** Matched case-insensitively against the deal's and its account's names. */
  q?: string | undefined;
  /** A stage to bring into view and mark (links from the dashboard's funnel and stage SLA); it hides no deal. */
  stage?: string | undefined;
}

/** The deals the filters keep; `accountName` resolves an account id to its name for the text search. */
export function filterDeals<T extends Pick<Opportunity, "name" | "ownerId" | "expectedCloseDate" | "accountId">>(
  deals: readonly T[],
  f: BoardFilters,
  accountName: (id: string) => string | undefined,
): T[] {
  const q = f.q?.trim().toLocaleLowerCase();
  if (!f.owner && !f.month && !q) return deals as T[];
  return deals.filter(
    (d) =>
      (!f.owner || (f.owner === "none" ? !d.ownerId : d.ownerId === f.owner)) &&
      (!f.month || (d.expectedCloseDate ?? "").startsWith(f.month)) &&
      (!q || d.name.toLocaleLowerCase().includes(q) || (accountName(d.accountId) ?? "").toLocaleLowerCase().includes(q)),
  );
}

/** The unmet requirements of a gate refusal (422 gate_blocked), from the error's `details.unmet`. */
export function unmetFromError(error: unknown): string[] {
  const details = isApiError(error) ? (error.details as { unmet?: { message?: unknown }[] } | undefined) : undefined;
  return Array.isArray(details?.unmet) ? details.unmet.map((u) => String(u.message ?? "")).filter(Boolean) : [];
}
