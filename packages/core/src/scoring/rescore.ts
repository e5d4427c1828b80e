import { ForbiddenError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { scoreAndStore, type ScoreOutcome } from "./score-lead.ts";
import { rulesForTeam, scoringTeam } from "./scoring-rules.ts";

/** Leads still being worked; converted and disqualified leads keep the score they closed with. */
// "qualified" first: a lead this run qualifies moves there and is not visited twice.
const openStatuses = ["qualified", "new", "assigned", "contacted", "recycled"] as const;
const PAGE = 100;
const PARALLEL = 10;

export interface RescoreReport {
  teamId: string;
  scanned: number;
  rescored: number;
  unchanged: number;
  qualified: number;
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

function tally(report: RescoreReport, outcomes: ScoreOutcome[]): void {
  for (const o of outcomes) {
    report.scanned++;
    if (o.kind === "scored") report.rescored++;
    if (o.kind === "unchanged") report.unchanged++;
    if ((o.kind === "scored" || o.kind === "unchanged") && o.qualified) report.qualified++;
  }
}

/**
 * Applies the team's current rules and today's decay to each of its open leads: a paged Query on the team's
 * status index per open status, scored in small parallel batches (no Scan, memory bounded by one page).
 */
export async function rescoreTeamLeads(ctx: Ctx, teamId: string): Promise<RescoreReport> {
  const rules = await rulesForTeam(ctx.db, teamId);
  const at = ctx.clock.now().toISOString();
  const report: RescoreReport = { teamId, scanned: 0, rescored: 0, unchanged: 0, qualified: 0 };
  for (const status of openStatuses) {
    let cursor: string | null = null;
    do {
      const page: { data: { leadId: string }[]; cursor: string | null } = await ctx.db.entities.lead.query.byTeamStatus({ teamId, status }).go({ limit: PAGE, cursor, attributes: ["leadId"] });
      tally(report, await inBatches(page.data, PARALLEL, (l) => scoreAndStore(ctx, l.leadId, { at }, rules)));
      cursor = page.cursor;
    } while (cursor);
  }
  return report;
}

/** POST /settings/scoring/rescore: the team's manager or an admin. */
export async function rescoreTeam(ctx: Ctx, requestedTeam?: string): Promise<RescoreReport> {
  const teamId = scoringTeam(ctx.actor, requestedTeam);
  if (ctx.actor.role === "rep") throw new ForbiddenError("Only the team's manager or an admin can re-score its leads");
  return rescoreTeamLeads(ctx, teamId);
}

/** Every team, one after the other: the nightly job and the CLI. */
export async function rescoreAllTeams(ctx: Ctx): Promise<RescoreReport[]> {
  const { data: teams } = await ctx.db.entities.team.query.all({}).go({ pages: "all", attributes: ["teamId"] });
  const reports: RescoreReport[] = [];
  for (const t of teams) reports.push(await rescoreTeamLeads(ctx, t.teamId));
  return reports;
}
