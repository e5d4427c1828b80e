import { z } from "zod";
import type { Db } from "../db/service.ts";
import { ValidationError } from "../errors.ts";
import { listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { isoDateTime, parse } from "../records/schema.ts";
import type { LeadSlaItem } from "./sla-store.ts";

export const slaViewQuery = z.object({ teamId: z.string().min(1).optional(), from: isoDateTime.optional(), to: isoDateTime.optional() }).strict();

export interface OpenBreach {
  leadId: string;
  leadName: string;
  ownerId: string;
  ownerName: string | null;
  /** 0 while the reminder is still on its way, then 1 reminded, 2 escalated. */
  level: number;
  assignedAt: string;
  dueAt: string;
  overdueSeconds: number;
}

export interface Compliance {
  met: number;
  missed: number;
  total: number;
  /** met / total in percent (one decimal); null when nothing was decided in the period. */
  percent: number | null;
}

const maxPeriodDays = 366;
const tally = (items: LeadSlaItem[]): Compliance => {
  const met = items.filter((i) => i.met === true).length;
  const total = items.length;
  return { met, missed: total - met, total, percent: total ? Math.round((met / total) * 1000) / 10 : null };
};

async function names(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  const users = await Promise.all(unique.map(async (userId) => (await db.entities.user.get({ userId }).go()).data));
  return new Map(users.flatMap((u) => (u ? [[u.userId, u.name] as const] : [])));
}

/** Assignments still waiting whose due time has passed, and those already in breach, most overdue first. */
async function openBreaches(db: Db, teamId: string, now: Date): Promise<LeadSlaItem[]> {
  const nowIso = now.toISOString();
  const [overdue, breached] = await Promise.all([
    db.entities.leadSla.query.byTeamState({ teamId, state: "waiting" }).lt({ dueAt: nowIso }).go({ pages: "all" }),
    db.entities.leadSla.query.byTeamState({ teamId, state: "breached" }).go({ pages: "all" }),
  ]);
  return [...overdue.data, ...breached.data].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * The manager's SLA view of a team: open breaches now, and compliance over [from, to) by rep and for the team —
 * assignments due in the period whose outcome is decided (first contact in time = met; a breach = missed).
 */
export async function slaView(ctx: Ctx, raw: z.input<typeof slaViewQuery>) {
  const q = parse(slaViewQuery, raw);
  requireRole(ctx.actor, "manager", "admin");
  const teamId = listTeam(ctx.actor, q.teamId);
  const now = ctx.clock.now();
  const to = q.to ?? now.toISOString();
  const from = q.from ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  if (Date.parse(from) >= Date.parse(to)) throw new ValidationError("from must be before to", "from");
  if (Date.parse(to) - Date.parse(from) > maxPeriodDays * 86_400_000) throw new ValidationError(`The period may span at most ${maxPeriodDays} days`, "to");
  const [open, due] = await Promise.all([
    openBreaches(ctx.db, teamId, now),
    ctx.db.entities.leadSla.query.byTeamDue({ teamId }).between({ dueAt: new Date(from).toISOString() }, { dueAt: new Date(to).toISOString() }).go({ pages: "all" }),
  ]);
  const decided = due.data.filter((i) => i.met !== undefined && i.dueAt < new Date(to).toISOString());
  const who = await names(ctx.db, [...open, ...decided].map((i) => i.ownerId));
  const byOwner = new Map<string, LeadSlaItem[]>();
  for (const i of decided) byOwner.set(i.ownerId, [...(byOwner.get(i.ownerId) ?? []), i]);
  return {
    teamId, from, to, now: now.toISOString(),
    openBreaches: open.map((i): OpenBreach => ({
      leadId: i.leadId, leadName: i.leadName, ownerId: i.ownerId, ownerName: who.get(i.ownerId) ?? null, level: i.breachLevel,
      assignedAt: i.assignedAt, dueAt: i.dueAt, overdueSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(i.dueAt)) / 1000)),
    })),
    compliance: {
      team: tally(decided),
      byRep: [...byOwner.entries()].map(([ownerId, items]) => ({ ownerId, ownerName: who.get(ownerId) ?? null, ...tally(items) })).sort((a, b) => (a.ownerName ?? "").localeCompare(b.ownerName ?? "")),
    },
  };
}
