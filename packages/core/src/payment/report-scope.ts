import { z } from "zod";
import type { Db } from "../db/service.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Order } from "../order/order.ts";
import { listTeam } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { getRecord } from "../records/record-writer.ts";
import { idSchema } from "../records/schema.ts";
import { teamKind, type Team } from "../team/team.ts";
import { dayAfter } from "./due-times.ts";
import type { Instalment, Payment } from "./order-facts.ts";

export const scopeQuery = { teamId: idSchema.optional(), ownerId: idSchema.optional() };

export interface ScopeTeam {
  teamId: string;
  name: string;
  timeZone: string;
}

/** Whose receivables a report covers: some teams, optionally one owner in them. */
export interface ReportScope {
  teams: ScopeTeam[];
  ownerId?: string | undefined;
}

/** Inclusive date range "YYYY-MM-DD"; either end may be open. */
export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

async function allTeams(db: Db): Promise<Team[]> {
  return (await db.entities.team.query.all({}).go({ pages: "all" })).data;
}

/**
 * Reps see their own receivables; managers their team's (one rep's with ownerId); admins any team's, or every
 * team's when they name none.
 */
export async function reportScope(ctx: Ctx, q: { teamId?: string | undefined; ownerId?: string | undefined }): Promise<ReportScope> {
  const p = ctx.actor;
  if (p.role === "rep" && q.ownerId && q.ownerId !== p.userId) throw new ForbiddenError("Reps see their own receivables only", "ownerId");
  const ownerId = p.role === "rep" ? p.userId : q.ownerId;
  let teams: Team[];
  if (p.role === "admin" && !q.teamId) teams = await allTeams(ctx.db);
  else {
    const teamId = listTeam(p, q.teamId);
    const team = (await getRecord(ctx.db, teamKind, teamId)) as Team | null;
    if (!team) throw new NotFoundError("team", teamId);
    teams = [team];
  }
  return { teams: teams.map((t) => ({ teamId: t.teamId, name: t.name, timeZone: t.timezone ?? "UTC" })), ownerId };
}

const inRange = (date: string, r: DateRange) => (!r.from || date >= r.from) && (!r.to || date <= r.to);
const low = (r: DateRange) => r.from ?? "0000-01-01";
// A partial sort key as the upper bound sorts before every item of that day: bound by the day after instead.
const high = (r: DateRange) => (r.to ? dayAfter(r.to) : "9999-12-31");

/** Live instalments due in the range, from the by-owner or by-team due-date index (never a scan). */
export async function instalmentsDue(db: Db, scope: ReportScope, r: DateRange = {}): Promise<Instalment[]> {
  const q = db.entities.instalment.query;
  const teamIds = new Set(scope.teams.map((t) => t.teamId));
  const found = scope.ownerId
    ? (await q.byOwnerDue({ ownerId: scope.ownerId }).between({ dueOn: low(r) }, { dueOn: high(r) }).go({ pages: "all" })).data
    : (await Promise.all(scope.teams.map(async (t) => (await q.byTeamDue({ teamId: t.teamId }).between({ dueOn: low(r) }, { dueOn: high(r) }).go({ pages: "all" })).data))).flat();
  return found.filter((i) => teamIds.has(i.teamId) && i.status !== "void" && inRange(i.dueOn, r));
}

/** Payments received in the range, from the by-owner or by-team value-date index. */
export async function paymentsReceived(db: Db, scope: ReportScope, r: DateRange = {}): Promise<Payment[]> {
  const q = db.entities.payment.query;
  const teamIds = new Set(scope.teams.map((t) => t.teamId));
  const found = scope.ownerId
    ? (await q.byOwnerReceived({ ownerId: scope.ownerId }).between({ receivedOn: low(r) }, { receivedOn: high(r) }).go({ pages: "all" })).data
    : (await Promise.all(scope.teams.map(async (t) => (await q.byTeamReceived({ teamId: t.teamId }).between({ receivedOn: low(r) }, { receivedOn: high(r) }).go({ pages: "all" })).data))).flat();
  return found.filter((p) => teamIds.has(p.teamId) && inRange(p.receivedOn, r));
}

/** The scope's orders, from the orders' by-owner or by-team index. */
export async function ordersInScope(db: Db, scope: ReportScope): Promise<Order[]> {
  const q = db.entities.order.query;
  const teamIds = new Set(scope.teams.map((t) => t.teamId));
  const found = scope.ownerId
    ? (await q.byOwner({ ownerId: scope.ownerId }).go({ pages: "all" })).data
    : (await Promise.all(scope.teams.map(async (t) => (await q.byTeam({ teamId: t.teamId }).go({ pages: "all" })).data))).flat();
  return found.filter((o) => teamIds.has(o.teamId));
}

/** Orders cancelled among these ids (one batch read): their instalments are no longer receivable. */
export async function cancelledOrders(db: Db, orderIds: string[]): Promise<Set<string>> {
  const unique = [...new Set(orderIds)];
  if (unique.length === 0) return new Set();
  const { data } = await db.entities.order.get(unique.map((orderId) => ({ orderId }))).go();
  return new Set(data.filter((o) => o.status === "cancelled").map((o) => o.orderId));
}

export const reportDate = z.iso.date();
