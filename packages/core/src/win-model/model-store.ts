import type { Db } from "../db/service.ts";
import { tryWrite } from "../db/conditional.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import { dealFeatures } from "./features.ts";
import { train, type TrainingRow } from "./naive-bayes.ts";
import { winModelSettingsOf } from "./win-model-settings.ts";

/** The deal's features from the deal, its account and its source lead (two GetItems). */
export async function featuresOf(db: Db, deal: Opportunity, now: string) {
  const [account, lead] = await Promise.all([
    db.entities.account.get({ accountId: deal.accountId }).go(),
    deal.sourceLeadId ? db.entities.lead.get({ leadId: deal.sourceLeadId }).go() : Promise.resolve({ data: null }),
  ]);
  return dealFeatures({ deal, account: account.data, leadSource: lead.data?.source, now });
}

async function stageDefault(db: Db, deal: Opportunity): Promise<number | undefined> {
  const { data: pipeline } = await db.entities.pipeline.get({ pipelineId: deal.pipelineId }).go();
  return pipeline?.stages.find((s) => s.key === deal.stage)?.probability;
}

export async function trainingRows(db: Db, teamId: string): Promise<(TrainingRow & { stageProbability?: number | undefined })[]> {
  const { data } = await db.entities.winTrainingRow.query.byTeam({ teamId }).go({ pages: "all" });
  return data.map((r) => ({ opportunityId: r.opportunityId, outcome: r.outcome, features: r.features as Record<string, string>, stageProbability: r.stageProbability }));
}

/** A row's features cut to the stage and the team's chosen ones (rows keep every feature, so a change needs no backfill). */
export function selectFeatures(features: Record<string, string>, chosen: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(features).filter(([name]) => name === "stage" || chosen.includes(name)));
}

/** Retrains the team's model from its rows on its chosen features: two small reads, one Put. Same rows, same model. */
export async function rebuildWinModel(db: Db, teamId: string, now: string): Promise<{ rows: number; features: string[] }> {
  const { rows, features } = await modelRows(db, teamId);
  await db.entities.winModel.put({ teamId, model: train(rows), rows: rows.length, builtAt: now }).go();
  return { rows: rows.length, features };
}

/** The team's training rows as its model sees them: cut to the stage and the team's chosen features. */
export async function modelRows(db: Db, teamId: string) {
  const [rows, settings] = await Promise.all([trainingRows(db, teamId), winModelSettingsOf(db, teamId)]);
  return { rows: rows.map((r) => ({ ...r, features: selectFeatures(r.features, settings.features) })), features: ["stage", ...settings.features] };
}

/**
 * Brings a deal's training row in line with the deal: a won or lost deal has one (written only over an older
 * deal version), an open (reopened) or invalid deal has none. Then the team's model is rebuilt. Idempotent.
 */
export async function syncTrainingRow(db: Db, opportunityId: string, now: string): Promise<{ teamId: string; rows: number } | null> {
  const { data: deal } = await db.entities.opportunity.get({ opportunityId }).go();
  if (!deal) return null;
  await writeTrainingRow(db, deal, now);
  const { rows } = await rebuildWinModel(db, deal.teamId, now);
  return { teamId: deal.teamId, rows };
}

/** The deal's row as its status makes it: written for won/lost (only over an older deal version), else removed. */
export async function writeTrainingRow(db: Db, deal: Opportunity, now: string): Promise<void> {
  if (deal.status !== "won" && deal.status !== "lost") {
    await db.entities.winTrainingRow.delete({ opportunityId: deal.opportunityId }).go();
    return;
  }
  const row = { opportunityId: deal.opportunityId, teamId: deal.teamId, outcome: deal.status, features: await featuresOf(db, deal, now), stageProbability: await stageDefault(db, deal), dealVersion: deal.version };
  await tryWrite(() => db.entities.winTrainingRow.put(row).where((a, op) => `${op.notExists(a.dealVersion)} OR ${op.lt(a.dealVersion, deal.version)}`).go());
}
