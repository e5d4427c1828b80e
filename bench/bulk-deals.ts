import { randomUUID } from "node:crypto";
import type { Db } from "@dealflow/core/db/service";

const DAY_MS = 86_400_000;

/**
 * Writes `count` open deals into one team's default pipeline straight to the table with BatchWriteItem (no audit,
 * no events, no deal-flow execution): the domain path starts a workflow per deal and writes about ten deals a
 * second on DynamoDB Local. Each deal gets its opening stage stay as the domain writes it (a move closes it), and
 * carries every field the board reads; stages follow a funnel (most deals early), owners and accounts are the
 * team's own.
 */
export async function bulkOpenDeals(db: Db, teamName: string, count: number, now: Date, random: () => number): Promise<number> {
  const team = (await db.entities.team.query.all({}).go({ pages: "all" })).data.find((t) => t.name.includes(teamName));
  if (!team) throw new Error(`no team named ${teamName}`);
  const pipelines = (await db.entities.pipeline.query.byTeamName({ teamId: team.teamId }).go({ pages: "all" })).data;
  const pipeline = pipelines.find((p) => p.isDefault) ?? pipelines[0];
  if (!pipeline) throw new Error(`${teamName} has no pipeline`);
  const owners = (await db.entities.user.query.byTeamName({ teamId: team.teamId }).go({ pages: "all" })).data.filter((u) => u.role === "rep");
  const accounts = (await db.entities.account.query.byTeamName({ teamId: team.teamId }).go({ pages: "all", attributes: ["accountId"] })).data;
  if (!owners.length || !accounts.length) throw new Error(`${teamName} has no reps or no accounts`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const weights = pipeline.stages.map((_, i) => pipeline.stages.length - i);
  const stageAt = () => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return pipeline.stages[i]!;
    return pipeline.stages[0]!;
  };
  const items = Array.from({ length: count }, (_, k) => {
    const stage = stageAt();
    const createdAt = new Date(now.getTime() - Math.floor(random() * 120 * DAY_MS)).toISOString();
    const close = new Date(now.getTime() + Math.floor(random() * 180 * DAY_MS)).toISOString().slice(0, 10);
    return {
      opportunityId: randomUUID(), teamId: team.teamId, version: 1, createdAt, updatedAt: createdAt, createdBy: "bench",
      ownerId: pick(owners).userId, accountId: pick(accounts).accountId, pipelineId: pipeline.pipelineId,
      name: `Bench deal ${k + 1}`, stage: stage.key, stageEnteredAt: createdAt, stageSeq: 1, status: "open" as const,
      amount: 10_000 + Math.floor(random() * 990_000), currency: "CNY", expectedCloseDate: close,
      probability: stage.probability, forecastCategory: stage.forecastCategory,
    };
  });
  const stays = items.map((d) => ({
    opportunityId: d.opportunityId, seq: 1, teamId: d.teamId, pipelineId: d.pipelineId, stage: d.stage, kind: "created" as const,
    enteredAt: d.stageEnteredAt, movedBy: "bench", amount: d.amount, probability: d.probability, expectedCloseDate: d.expectedCloseDate,
  }));
  for (let i = 0; i < items.length; i += 500) {
    const deals = await db.entities.opportunity.put(items.slice(i, i + 500)).go({ concurrency: 4 });
    const opened = await db.entities.stageHistory.put(stays.slice(i, i + 500)).go({ concurrency: 4 });
    const unprocessed = deals.unprocessed.length + opened.unprocessed.length;
    if (unprocessed > 0) throw new Error(`${unprocessed} bulk deals or stays were not written`);
  }
  return items.length;
}
