import type { Db } from "../db/service.ts";
import { tryWrite } from "../db/conditional.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import { dealFeatures } from "./features.ts";
import { train, type TrainingRow } from "./naive-bayes.ts";

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

/** Retrains the team's model from its rows: one Query of small items, one Put. Same rows, same model. */
export async function rebuildWinModel(db: Db, teamId: string, now: string): Promise<{ rows: number }> {
  const rows = await trainingRows(db, teamId);
  await db.entities.winModel.put({ teamId, model: train(rows), rows: rows.length, builtAt: now }).go();
  return { rows: rows.length };
}

/**
 * Brings a deal's training row in line with the deal: a won or lost deal has one (written only over an older
 * deal version), an open (reopened) or invalid deal has none. Then the team's model is rebuilt. Idempotent.
 */
export async function syncTrainingRow(db: Db, opportunityId: string, now: string): Promise<{ teamId: string; rows: number } | null> {
  const { data: deal } = await db.entities.opportunity.get({ opportunityId }).go();
  if (!deal) return null;
  if (deal.status === "won" || deal.status === "lost") {
    const row = { opportunityId, teamId: deal.teamId, outcome: deal.status, features: await featuresOf(db, deal, now), stageProbability: await stageDefault(db, deal), dealVersion: deal.version };
    await tryWrite(() => db.entities.winTrainingRow.put(row).where((a, op) => `${op.notExists(a.dealVersion)} OR ${op.lt(a.dealVersion, deal.version)}`).go());
  } else {
    await db.entities.winTrainingRow.delete({ opportunityId }).go();
  }
  return { teamId: deal.teamId, ...(await rebuildWinModel(db, deal.teamId, now)) };
}
