import type { Db } from "../db/service.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import { rebuildWinModel, writeTrainingRow } from "./model-store.ts";

export interface RefreshReport {
  teamId: string;
  closedDeals: number;
  written: number;
  removed: number;
  rows: number;
}

/**
 * One team's nightly pass: the WinModel consumer keeps rows in step with every close, but a dead-lettered event
 * would leave a close out (or a reopened deal in) for good. So: a Query of the team's won and lost deals and one of
 * its rows; rows missing or older than their deal are written, rows whose deal is no longer won or lost are
 * removed, then the model is retrained. Idempotent: a second run writes and removes nothing.
 */
async function refreshTeam(db: Db, teamId: string, now: string): Promise<RefreshReport> {
  const closed = async (status: "won" | "lost") => (await db.entities.opportunity.query.byTeamStage({ teamId, status }).go({ pages: "all" })).data as Opportunity[];
  const [won, lost, rowItems] = await Promise.all([
    closed("won"),
    closed("lost"),
    db.entities.winTrainingRow.query.byTeam({ teamId }).go({ pages: "all", attributes: ["opportunityId", "dealVersion"] }),
  ]);
  const deals = [...won, ...lost];
  const rowVersion = new Map(rowItems.data.map((r) => [r.opportunityId, r.dealVersion]));
  const stale = deals.filter((d) => (rowVersion.get(d.opportunityId) ?? 0) < d.version);
  for (const deal of stale) await writeTrainingRow(db, deal, now);
  const closedIds = new Set(deals.map((d) => d.opportunityId));
  const orphans = rowItems.data.filter((r) => !closedIds.has(r.opportunityId));
  for (const r of orphans) await db.entities.winTrainingRow.delete({ opportunityId: r.opportunityId }).go();
  const { rows } = await rebuildWinModel(db, teamId, now);
  return { teamId, closedDeals: deals.length, written: stale.length, removed: orphans.length, rows };
}

/** Every team's pass (the NightlyWinModelRebuild schedule). */
export async function refreshWinModels(db: Db, now: string): Promise<RefreshReport[]> {
  const teams = (await db.entities.team.query.all({}).go({ pages: "all", attributes: ["teamId"] })).data;
  const reports: RefreshReport[] = [];
  for (const { teamId } of teams) reports.push(await refreshTeam(db, teamId, now));
  return reports;
}
