import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { listTeam, requireRole } from "../records/access.ts";
import { readOwned } from "../records/owned-record.ts";
import { opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import { calibrate } from "./calibration.ts";
import { featuresOf, modelRows, rebuildWinModel } from "./model-store.ts";
import { updateWinModelSettings } from "./win-model-settings.ts";
import { predict, train, type WinModel } from "./naive-bayes.ts";

export const winModelQuery = z.object({ teamId: z.string().min(1).optional() }).strict();

/**
 * The model's win probability for a deal with its top factors up and down, next to the deal's own
 * (stage default or overridden) probability. Null probability until the team has closed a won and a lost deal.
 */
export async function winProbability(ctx: Ctx, opportunityId: string) {
  const deal = await readOwned<Opportunity>(ctx, opportunityKind, opportunityId);
  const [{ data: stored }, features] = await Promise.all([ctx.db.entities.winModel.get({ teamId: deal.teamId }).go(), featuresOf(ctx.db, deal, ctx.clock.now().toISOString())]);
  const prediction = stored ? predict(stored.model as WinModel, features) : null;
  return {
    opportunityId, dealProbability: deal.probability, probability: prediction?.probability ?? null,
    up: prediction?.up ?? [], down: prediction?.down ?? [], features,
    model: stored ? { rows: stored.rows, builtAt: stored.builtAt } : null,
  };
}

/** Calibration on the team's closed deals (leave-one-out): whether to trust the model over the stage defaults. */
export async function winModelReport(ctx: Ctx, q: z.infer<typeof winModelQuery>) {
  const teamId = listTeam(ctx.actor, q.teamId);
  const { rows, features } = await modelRows(ctx.db, teamId);
  const model = train(rows);
  return { teamId, features, won: model.classCounts.won, lost: model.classCounts.lost, calibration: calibrate(model, rows) };
}

/** Manager/admin: retrain now (the model is also retrained after every close). */
export async function rebuildTeamWinModel(ctx: Ctx, q: z.infer<typeof winModelQuery>) {
  requireRole(ctx.actor, "manager", "admin");
  const teamId = listTeam(ctx.actor, q.teamId);
  return { teamId, ...(await rebuildWinModel(ctx.db, teamId, ctx.clock.now().toISOString())) };
}

/** Saves the team's feature choice and retrains on it at once, so predictions and calibration follow. */
export async function saveWinModelSettings(ctx: Ctx, q: z.infer<typeof winModelQuery>, raw: unknown) {
  const teamId = listTeam(ctx.actor, q.teamId);
  const settings = await updateWinModelSettings(ctx, teamId, raw);
  return { ...settings, rows: (await rebuildWinModel(ctx.db, teamId, ctx.clock.now().toISOString())).rows };
}
