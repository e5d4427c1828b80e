import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { listTeam, requireRole } from "../records/access.ts";
import { tryWrite } from "../db/conditional.ts";
import { ratio } from "../analytics/journey.ts";
import { forecastReport, forecastQuery } from "./forecast.ts";
import { periodMonths } from "./rollup.ts";

const periodField = forecastQuery.shape.period;
export const submitForecastSchema = z.object({ teamId: z.string().min(1).optional(), period: periodField, amount: z.number().nonnegative().max(1e13), note: z.string().trim().max(2000).optional() }).strict();
export const forecastHistoryQuery = z.object({ teamId: z.string().min(1).optional(), period: periodField }).strict();

/** The month and the quarter a day falls in: what the weekly job snapshots. */
export function periodsOn(day: string): string[] {
  const month = day.slice(0, 7);
  return [month, `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`];
}

/**
 * The weekly job: each team's forecast for the current month and quarter, stored once per day and never
 * overwritten (a re-run the same day finds its snapshot and skips). Runs as the system actor.
 */
export async function takeForecastSnapshots(ctx: Ctx): Promise<{ written: number; skipped: number }> {
  const now = ctx.clock.now().toISOString();
  const { data: teams } = await ctx.db.entities.team.query.all({}).go({ pages: "all" });
  let written = 0;
  for (const team of teams) {
    for (const period of periodsOn(now.slice(0, 10))) {
      const report = await forecastReport(ctx, { teamId: team.teamId, period });
      const snapshot = { teamId: team.teamId, period, takenOn: now.slice(0, 10), takenAt: now, total: report.total, byRep: report.byRep };
      if (await tryWrite(() => ctx.db.entities.forecastSnapshot.create(snapshot).go())) written++;
    }
  }
  return { written, skipped: teams.length * 2 - written };
}

/** A manager's (or admin's) forecast call for a period; every submission is kept. */
export async function submitForecast(ctx: Ctx, input: z.infer<typeof submitForecastSchema>) {
  requireRole(ctx.actor, "manager", "admin");
  const item = { teamId: listTeam(ctx.actor, input.teamId), period: input.period, submittedAt: ctx.clock.now().toISOString(), submittedBy: ctx.actor.userId, amount: input.amount, note: input.note };
  await ctx.db.entities.forecastSubmission.create(item).go();
  return item;
}

/**
 * What was forecast for a period, snapshot by snapshot and call by call, against what has closed so far: the
 * error of each commit figure and call is (forecast − actual) / actual; final once the period is over.
 */
export async function forecastHistory(ctx: Ctx, q: z.infer<typeof forecastHistoryQuery>) {
  const teamId = listTeam(ctx.actor, q.teamId);
  const [snapshots, submissions, current] = await Promise.all([
    ctx.db.entities.forecastSnapshot.query.primary({ teamId, period: q.period }).go({ pages: "all" }),
    ctx.db.entities.forecastSubmission.query.primary({ teamId, period: q.period }).go({ pages: "all" }),
    forecastReport(ctx, { teamId, period: q.period }),
  ]);
  const actual = current.total.closed;
  const error = (forecast: number) => (actual === 0 ? null : ratio(forecast - actual, actual));
  const lastMonth = periodMonths(q.period)?.at(-1) ?? q.period;
  return {
    teamId, period: q.period, actualClosed: actual, periodOver: ctx.clock.now().toISOString().slice(0, 7) > lastMonth,
    snapshots: snapshots.data.map((s) => {
      const t = s.total as { commit: number; bestCase: number; weighted: number; closed: number };
      return { takenOn: s.takenOn, closed: t.closed, commit: t.commit, bestCase: t.bestCase, weighted: t.weighted, commitError: error(t.commit), weightedError: error(t.weighted) };
    }),
    submissions: submissions.data.map((s) => ({ submittedAt: s.submittedAt, submittedBy: s.submittedBy, amount: s.amount, note: s.note, error: error(s.amount) })),
  };
}
