import { z } from "zod";
import { ValidationError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { parse } from "../records/schema.ts";
import { findUser } from "../user/user.ts";
import { cancelledOrders, instalmentsDue, paymentsReceived, reportDate, reportScope, scopeQuery } from "./report-scope.ts";

export const collectionsQuery = z.object({ ...scopeQuery, from: reportDate, to: reportDate, groupBy: z.enum(["rep", "team"]).default("rep") });

export interface MonthFigures {
  month: string;
  plannedCents: number;
  collectedCents: number;
}

export interface CollectionsRow {
  /** The rep's user id or the team id. */
  key: string;
  name: string;
  currency: string;
  months: MonthFigures[];
  plannedCents: number;
  collectedCents: number;
  /** Collected as a % of planned, one decimal; null when nothing was planned. */
  collectedPct: number | null;
}

/** "YYYY-MM" of every month the range touches. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (const end = to.slice(0, 7); ; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > end) return out;
    out.push(month);
  }
}

type Add = { key: string; currency: string; month: string; planned?: number; collected?: number };

/**
 * Collected vs planned by month: planned = instalments falling due in the month (cancelled orders left out),
 * collected = payments received in the month; per rep (the order's owner) or per team, one row per currency.
 */
export async function collectionsReport(ctx: Ctx, raw: unknown) {
  const q = parse(collectionsQuery, raw);
  if (q.from > q.to) throw new ValidationError("to: must not be before from", "to");
  if (monthsOf(q.from, q.to).length > 36) throw new ValidationError("to: at most 36 months per report", "to");
  const scope = await reportScope(ctx, q);
  const range = { from: q.from, to: q.to };
  const due = await instalmentsDue(ctx.db, scope, range);
  const cancelled = await cancelledOrders(ctx.db, due.map((i) => i.orderId));
  const keyOf = (r: { ownerId: string; teamId: string }) => (q.groupBy === "rep" ? r.ownerId : r.teamId);
  const adds: Add[] = [
    ...due.filter((i) => !cancelled.has(i.orderId)).map((i) => ({ key: keyOf(i), currency: i.currency, month: i.dueOn.slice(0, 7), planned: i.amountCents })),
    ...(await paymentsReceived(ctx.db, scope, range)).map((p) => ({ key: keyOf(p), currency: p.currency, month: p.receivedOn.slice(0, 7), collected: p.amountCents })),
  ];
  const months = monthsOf(q.from, q.to);
  const rows = new Map<string, CollectionsRow>();
  for (const a of adds) {
    const id = `${a.key}\u0000${a.currency}`;
    const row = rows.get(id) ?? { key: a.key, name: a.key, currency: a.currency, months: months.map((month) => ({ month, plannedCents: 0, collectedCents: 0 })), plannedCents: 0, collectedCents: 0, collectedPct: null };
    const cell = row.months.find((m) => m.month === a.month);
    if (cell) {
      cell.plannedCents += a.planned ?? 0;
      cell.collectedCents += a.collected ?? 0;
    }
    row.plannedCents += a.planned ?? 0;
    row.collectedCents += a.collected ?? 0;
    rows.set(id, row);
  }
  const teamNames = new Map(scope.teams.map((t) => [t.teamId, t.name]));
  for (const row of rows.values()) {
    row.name = q.groupBy === "team" ? (teamNames.get(row.key) ?? row.key) : ((await findUser(ctx.db, row.key))?.name ?? row.key);
    row.collectedPct = row.plannedCents > 0 ? Math.round((row.collectedCents * 1000) / row.plannedCents) / 10 : null;
  }
  return { from: q.from, to: q.to, groupBy: q.groupBy, months, rows: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)) };
}
