import { z } from "zod";
import type { Db } from "../db/service.ts";
import type { Ctx } from "../records/context.ts";
import { parse } from "../records/schema.ts";
import { findUser } from "../user/user.ts";
import { toCsv } from "./csv.ts";
import { localDate } from "./due-times.ts";
import { ordersInScope, paymentsReceived, reportDate, reportScope, scopeQuery } from "./report-scope.ts";

export const exportQuery = z.object({ ...scopeQuery, from: reportDate.optional(), to: reportDate.optional() });

async function namesOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  const users = await Promise.all(unique.map((id) => findUser(db, id)));
  return new Map(unique.map((id, n) => [id, users[n]?.name ?? ""]));
}

const orderHeader = ["order_number", "order_id", "signed_on", "status", "team_id", "owner_id", "owner_name", "account_id", "opportunity_id", "quote_id", "currency", "subtotal", "discount", "tax", "total", "paid", "outstanding", "finance_email", "lines"];

/** The scope's orders signed in [from, to] (team time), oldest first, amounts as decimals of their currency. */
export async function exportOrdersCsv(ctx: Ctx, raw: unknown): Promise<string> {
  const q = parse(exportQuery, raw);
  const scope = await reportScope(ctx, q);
  const zones = new Map(scope.teams.map((t) => [t.teamId, t.timeZone]));
  const rows = (await ordersInScope(ctx.db, scope))
    .map((o) => ({ o, signedOn: localDate(Date.parse(o.createdAt), zones.get(o.teamId) ?? "UTC") }))
    .filter(({ signedOn }) => (!q.from || signedOn >= q.from) && (!q.to || signedOn <= q.to))
    .sort((a, b) => a.o.createdAt.localeCompare(b.o.createdAt));
  const names = await namesOf(ctx.db, rows.flatMap(({ o }) => (o.ownerId ? [o.ownerId] : [])));
  return toCsv(orderHeader, rows.map(({ o, signedOn }) => {
    const paid = o.paidCents ?? 0;
    const lines = (o.lines ?? []).map((l) => `${l.quantity} × ${l.sku} ${l.name}`).join("; ");
    return [
      o.orderNumber, o.orderId, signedOn, o.status, o.teamId, o.ownerId, names.get(o.ownerId ?? "") ?? "", o.accountId, o.opportunityId, o.quoteId, o.currency,
      { amountCents: o.subtotalCents }, { amountCents: o.discountCents }, { amountCents: o.taxCents }, { amountCents: o.totalCents }, { amountCents: paid },
      { amountCents: o.status === "cancelled" ? 0 : o.totalCents - paid }, o.financeEmail, lines,
    ];
  }));
}

const paymentHeader = ["payment_id", "order_number", "order_id", "instalment", "received_on", "currency", "amount", "method", "reference", "team_id", "owner_id", "owner_name", "recorded_by", "recorded_at"];

/** The scope's payments received in [from, to], by value date. */
export async function exportPaymentsCsv(ctx: Ctx, raw: unknown): Promise<string> {
  const q = parse(exportQuery, raw);
  const scope = await reportScope(ctx, q);
  const payments = (await paymentsReceived(ctx.db, scope, { from: q.from, to: q.to })).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.createdAt.localeCompare(b.createdAt));
  const names = await namesOf(ctx.db, payments.map((p) => p.ownerId));
  return toCsv(paymentHeader, payments.map((p) => [
    p.paymentId, p.orderNumber, p.orderId, p.instalmentSeq, p.receivedOn, p.currency, { amountCents: p.amountCents }, p.method, p.reference,
    p.teamId, p.ownerId, names.get(p.ownerId) ?? "", p.recordedBy, p.createdAt,
  ]));
}
