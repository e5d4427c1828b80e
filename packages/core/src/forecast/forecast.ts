import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { listTeam, requireRole } from "../records/access.ts";
import { ValidationError } from "../errors.ts";
import { periodMonths, rollup, type LineFacts } from "./rollup.ts";
import { convertAll, currencyTable } from "../currency/currency.ts";

const period = z.string().refine((p) => periodMonths(p) !== null, "Use a month (2026-11) or a quarter (2026-Q4)");
export const forecastQuery = z.object({ teamId: z.string().min(1).optional(), ownerId: z.string().min(1).optional(), period }).strict();
export const setQuotaSchema = z
  .object({
    teamId: z.string().min(1).optional(),
    /** A rep's user id; omit for the team's quota. */
    userId: z.string().min(1).optional(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-11"),
    amount: z.number().nonnegative().max(1e13),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  })
  .strict();

function monthsOf(p: string): string[] {
  const months = periodMonths(p);
  if (!months) throw new ValidationError("Use a month (2026-11) or a quarter (2026-Q4)", "period");
  return months;
}

/** A team's forecast lines for the months: one Query per month on byTeamMonth. */
async function linesOf(ctx: Ctx, teamId: string, months: readonly string[]): Promise<LineFacts[]> {
  const pages = await Promise.all(months.map((month) => ctx.db.entities.forecastLine.query.byTeamMonth({ teamId }).begins({ month }).go({ pages: "all" })));
  return pages.flatMap((p) => p.data);
}

/** Admin: set a rep's or the team's quota for a month (replaces the previous figure). */
export async function setQuota(ctx: Ctx, input: z.infer<typeof setQuotaSchema>) {
  requireRole(ctx.actor, "admin");
  const teamId = listTeam(ctx.actor, input.teamId);
  if (input.userId) {
    const { data: user } = await ctx.db.entities.user.get({ userId: input.userId }).go();
    if (!user || user.teamId !== teamId) throw new ValidationError(`User ${input.userId} is not in team ${teamId}`, "userId");
  }
  const item = { teamId, month: input.month, subject: input.userId ?? "team", amount: input.amount, currency: input.currency ?? "CNY", updatedAt: ctx.clock.now().toISOString(), updatedBy: ctx.actor.userId };
  await ctx.db.entities.quota.put(item).go();
  return item;
}

/** The period's quota items; `quotaOf(subject, months)` sums a subject's months, null when none was set. */
async function quotas(ctx: Ctx, teamId: string, months: string[]) {
  const pages = await Promise.all(months.map((month) => ctx.db.entities.quota.query.primary({ teamId }).begins({ month }).go({ pages: "all" })));
  const items = pages.flatMap((p) => p.data);
  return (subject: string, inMonths: readonly string[] = months): number | null => {
    const set = items.filter((q) => q.subject === subject && inMonths.includes(q.month));
    return set.length ? set.reduce((s, q) => s + q.amount, 0) : null;
  };
}

/**
 * Forecast of a month or quarter for a team, its reps and each month: closed, commit, best case, pipeline
 * (cumulative), weighted, against quota, in the reporting currency (deals in a currency without a rate are
 * listed in `unconverted`, never added). Reads one Query of forecast lines per month (aggregates kept by the
 * forecast-lines consumer) and the period's quota items: no deal is read.
 */
export async function forecastReport(ctx: Ctx, q: z.infer<typeof forecastQuery>) {
  const teamId = listTeam(ctx.actor, q.teamId);
  const months = monthsOf(q.period);
  const [all, table] = await Promise.all([linesOf(ctx, teamId, months), currencyTable(ctx.db)]);
  const { converted: lines, unconverted, currency } = convertAll(all.filter((l) => !q.ownerId || l.ownerId === q.ownerId), table);
  const quotaOf = await quotas(ctx, teamId, months);
  const subject = q.ownerId ?? "team";
  const owners = [...new Set(lines.map((l) => l.ownerId ?? "unowned"))].sort();
  return {
    teamId, period: q.period, months, ownerId: q.ownerId ?? null, currency, unconverted,
    total: rollup(lines, quotaOf(subject)),
    byMonth: months.map((month) => ({ month, ...rollup(lines.filter((l) => l.month === month), quotaOf(subject, [month])) })),
    byRep: owners.map((ownerId) => ({ ownerId, ...rollup(lines.filter((l) => (l.ownerId ?? "unowned") === ownerId), quotaOf(ownerId)) })),
  };
}

export const companyForecastQuery = z.object({ period }).strict();

/**
 * Admins: the company's forecast for a month or quarter, each team's roll-up against its team quota and the
 * company's (teams summed; its quota is the sum of the team quotas set, null when none is). The same reads as
 * each team's forecast, team by team: no deal is read.
 */
export async function companyForecast(ctx: Ctx, q: z.infer<typeof companyForecastQuery>) {
  requireRole(ctx.actor, "admin");
  const months = monthsOf(q.period);
  const [teams, table] = await Promise.all([ctx.db.entities.team.query.all({}).go({ pages: "all" }), currencyTable(ctx.db)]);
  const byTeam = await Promise.all(
    teams.data.map(async (t) => {
      const [lines, quotaOf] = await Promise.all([linesOf(ctx, t.teamId, months), quotas(ctx, t.teamId, months)]);
      return { teamId: t.teamId, teamName: t.name, ...convertAll(lines, table), quota: quotaOf("team") };
    }),
  );
  const quotasSet = byTeam.flatMap((t) => (t.quota === null ? [] : [t.quota]));
  const companyQuota = quotasSet.length ? quotasSet.reduce((a, b) => a + b, 0) : null;
  return {
    period: q.period, months, currency: table.reportingCurrency,
    unconverted: byTeam.flatMap((t) => t.unconverted.map((u) => ({ teamId: t.teamId, ...u }))),
    total: rollup(byTeam.flatMap((t) => t.converted), companyQuota),
    byTeam: byTeam.map((t) => ({ teamId: t.teamId, teamName: t.teamName, ...rollup(t.converted, t.quota) })),
  };
}
