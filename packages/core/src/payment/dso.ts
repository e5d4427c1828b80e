import { z } from "zod";
import { ValidationError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { parse } from "../records/schema.ts";
import { daysBetween, localDate } from "./due-times.ts";
import { ordersInScope, paymentsReceived, reportDate, reportScope, scopeQuery } from "./report-scope.ts";

export const dsoQuery = z.object({ ...scopeQuery, from: reportDate, to: reportDate });

export interface DsoRow {
  currency: string;
  /** Owed at the end of `to`: totals of orders signed by then, less payments received by then. */
  receivablesCents: number;
  /** Totals of orders signed in [from, to] (all orders are on credit: paid after signing). */
  creditSalesCents: number;
  days: number;
  /** receivables ÷ credit sales × days, one decimal; null without credit sales in the period. */
  dso: number | null;
}

export const dsoFormula = "DSO = receivables at the end of the period / credit sales in the period × days in the period (from and to inclusive); cancelled orders count in neither";

/** Days sales outstanding over [from, to], per currency, from the orders' and payments' indexes. */
export async function daysSalesOutstanding(ctx: Ctx, raw: unknown) {
  const q = parse(dsoQuery, raw);
  if (q.from > q.to) throw new ValidationError("to: must not be before from", "to");
  const scope = await reportScope(ctx, q);
  const zones = new Map(scope.teams.map((t) => [t.teamId, t.timeZone]));
  const signedOn = (o: { createdAt: string; teamId: string }) => localDate(Date.parse(o.createdAt), zones.get(o.teamId) ?? "UTC");
  const orders = (await ordersInScope(ctx.db, scope)).filter((o) => o.status !== "cancelled" && signedOn(o) <= q.to);
  const orderIds = new Set(orders.map((o) => o.orderId));
  const paid = (await paymentsReceived(ctx.db, scope, { to: q.to })).filter((p) => orderIds.has(p.orderId));
  const days = daysBetween(q.from, q.to) + 1;
  const rows = new Map<string, DsoRow>();
  const row = (currency: string) => rows.get(currency) ?? rows.set(currency, { currency, receivablesCents: 0, creditSalesCents: 0, days, dso: null }).get(currency) as DsoRow;
  for (const o of orders) {
    row(o.currency).receivablesCents += o.totalCents;
    if (signedOn(o) >= q.from) row(o.currency).creditSalesCents += o.totalCents;
  }
  for (const p of paid) row(p.currency).receivablesCents -= p.amountCents;
  for (const r of rows.values()) r.dso = r.creditSalesCents > 0 ? Math.round((r.receivablesCents * days * 10) / r.creditSalesCents) / 10 : null;
  return { from: q.from, to: q.to, formula: dsoFormula, rows: [...rows.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
