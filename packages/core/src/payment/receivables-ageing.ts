import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { parse } from "../records/schema.ts";
import { daysBetween, localDate } from "./due-times.ts";
import type { Instalment } from "./order-facts.ts";
import { cancelledOrders, instalmentsDue, paymentsReceived, reportDate, reportScope, scopeQuery, type ReportScope } from "./report-scope.ts";

export const ageingQuery = z.object({ ...scopeQuery, asOf: reportDate.optional() });

export const ageingBuckets = ["current", "1-30", "31-60", "61-90", "90+"] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

/** Days past due → bucket: due today or later is current; a day late is 1–30. */
export function bucketOf(daysPastDue: number): AgeingBucket {
  if (daysPastDue <= 0) return "current";
  if (daysPastDue <= 30) return "1-30";
  if (daysPastDue <= 60) return "31-60";
  return daysPastDue <= 90 ? "61-90" : "90+";
}

export interface AgeingLine {
  orderId: string;
  orderNumber: string;
  instalmentId: string;
  seq: number;
  teamId: string;
  ownerId: string;
  currency: string;
  dueOn: string;
  outstandingCents: number;
  daysPastDue: number;
  bucket: AgeingBucket;
}

export interface AgeingRow {
  currency: string;
  buckets: Record<AgeingBucket, number>;
  totalCents: number;
  count: number;
}

export interface AgeingReport {
  asOf: string;
  teamIds: string[];
  ownerId: string | null;
  buckets: readonly AgeingBucket[];
  /** One row per currency: amounts are never added across currencies. */
  rows: AgeingRow[];
  /** What makes up the rows, most overdue first. */
  instalments: AgeingLine[];
}

const emptyBuckets = (): Record<AgeingBucket, number> => ({ current: 0, "1-30": 0, "31-60": 0, "61-90": 0, "90+": 0 });

/** Outstanding as of `asOf`: planned by then, less the payments received on or before it. */
async function outstandingAsOf(ctx: Ctx, scope: ReportScope, asOf: string): Promise<{ i: Instalment; outstandingCents: number }[]> {
  const zones = new Map(scope.teams.map((t) => [t.teamId, t.timeZone]));
  const planned = (await instalmentsDue(ctx.db, scope)).filter((i) => localDate(Date.parse(i.createdAt), zones.get(i.teamId) ?? "UTC") <= asOf);
  const paid = new Map<string, number>();
  for (const p of await paymentsReceived(ctx.db, scope, { to: asOf })) paid.set(p.instalmentId, (paid.get(p.instalmentId) ?? 0) + p.amountCents);
  const open = planned.map((i) => ({ i, outstandingCents: i.amountCents - (paid.get(i.instalmentId) ?? 0) })).filter((o) => o.outstandingCents > 0);
  const cancelled = await cancelledOrders(ctx.db, open.map((o) => o.i.orderId));
  return open.filter((o) => !cancelled.has(o.i.orderId));
}

/**
 * Receivables ageing: every instalment with money outstanding as of `asOf` (default today, team time), in
 * buckets by days past its due date: current, 1–30, 31–60, 61–90, 90+. Cancelled orders are not receivable.
 */
export async function receivablesAgeing(ctx: Ctx, raw: unknown): Promise<AgeingReport> {
  const q = parse(ageingQuery, raw);
  const scope = await reportScope(ctx, q);
  const asOf = q.asOf ?? localDate(ctx.clock.now().getTime(), scope.teams[0]?.timeZone ?? "UTC");
  const lines = (await outstandingAsOf(ctx, scope, asOf)).map(({ i, outstandingCents }): AgeingLine => {
    const daysPastDue = daysBetween(i.dueOn, asOf);
    const { orderId, orderNumber, instalmentId, seq, teamId, ownerId, currency, dueOn } = i;
    return { orderId, orderNumber, instalmentId, seq, teamId, ownerId, currency, dueOn, outstandingCents, daysPastDue, bucket: bucketOf(daysPastDue) };
  });
  const rows = new Map<string, AgeingRow>();
  for (const l of lines) {
    const row = rows.get(l.currency) ?? { currency: l.currency, buckets: emptyBuckets(), totalCents: 0, count: 0 };
    row.buckets[l.bucket] += l.outstandingCents;
    row.totalCents += l.outstandingCents;
    row.count += 1;
    rows.set(l.currency, row);
  }
  return {
    asOf, teamIds: scope.teams.map((t) => t.teamId), ownerId: scope.ownerId ?? null, buckets: ageingBuckets,
    rows: [...rows.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    instalments: lines.sort((a, b) => b.daysPastDue - a.daysPastDue || a.orderNumber.localeCompare(b.orderNumber) || a.seq - b.seq),
  };
}
