import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { canRead, listTeam } from "../records/access.ts";
import { ForbiddenError, UnprocessableError } from "../errors.ts";
import { idSchema, parse } from "../records/schema.ts";
import { findUser } from "../user/user.ts";
import { pipelineForTeam, type Pipeline } from "../pipeline/pipeline.ts";
import { getOpportunity, type Opportunity } from "../opportunity/opportunity.ts";
import { loadDealFacts, loadNorms } from "./risk-facts.ts";
import { assessDeal, rankedDeal, rankRisks, type RankedDeal } from "./risk-score.ts";
import type { StageNorm } from "./risk-types.ts";

const noActivityDays = z.coerce.number().positive().max(365).optional();
export const riskListQuery = z.object({ teamId: z.string().min(1).optional(), ownerId: z.string().min(1).optional(), noActivityDays }).strict();
export const dealRiskQuery = z.object({ noActivityDays }).strict();
/** At most this many deals per batch: one BatchGetItem's worth. */
export const maxRiskIds = 100;
const idList = z
  .string()
  .transform((s) => [...new Set(s.split(",").map((id) => id.trim()).filter(Boolean))])
  .pipe(z.array(idSchema).min(1, "Name at least one deal id").max(maxRiskIds, `Name at most ${maxRiskIds} deal ids`));
export const dealsRiskQuery = z.object({ ids: idList, noActivityDays }).strict();

/** Deals are judged a few at a time so a big team's list does not fire hundreds of Queries at once. */
const parallel = 8;

/** Pipelines and their norms, read once per pipeline however many deals use it. */
function pipelineCache(ctx: Ctx, teamId: string, now: Date) {
  const cache = new Map<string, Promise<{ pipeline: Pipeline; norms: Map<string, StageNorm> }>>();
  return (pipelineId: string) => {
    let entry = cache.get(pipelineId);
    if (!entry) {
      entry = pipelineForTeam(ctx, pipelineId, teamId).then(async (pipeline) => ({ pipeline, norms: await loadNorms(ctx, teamId, pipeline, now) }));
      cache.set(pipelineId, entry);
    }
    return entry;
  };
}

async function judge(ctx: Ctx, deals: readonly Opportunity[], teamId: string, q: { noActivityDays?: number | undefined }): Promise<RankedDeal[]> {
  const now = ctx.clock.now();
  const pipelineOf = pipelineCache(ctx, teamId, now);
  const options = q.noActivityDays === undefined ? {} : { noActivityDays: q.noActivityDays };
  const out: RankedDeal[] = [];
  for (let i = 0; i < deals.length; i += parallel) {
    const batch = deals.slice(i, i + parallel).map(async (deal) => {
      const { pipeline, norms } = await pipelineOf(deal.pipelineId);
      return rankedDeal(deal, assessDeal(await loadDealFacts(ctx, deal, pipeline, norms, now), options));
    });
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/** Reps get their own list; managers the team's or one rep's (who must be on the team); admins any team's. */
async function scope(ctx: Ctx, q: z.infer<typeof riskListQuery>): Promise<{ teamId: string; ownerId: string | undefined }> {
  const teamId = listTeam(ctx.actor, q.teamId);
  if (ctx.actor.role === "rep") {
    if (q.ownerId && q.ownerId !== ctx.actor.userId) throw new ForbiddenError("Reps see only their own risk list", "ownerId");
    return { teamId, ownerId: ctx.actor.userId };
  }
  if (q.ownerId) {
    const owner = await findUser(ctx.db, q.ownerId);
    if (!owner || owner.teamId !== teamId) throw new UnprocessableError("unknown_owner", `User ${q.ownerId} is not a member of team ${teamId}`, "ownerId");
  }
  return { teamId, ownerId: q.ownerId };
}

/**
 * The open deals of a rep or a team, ranked by risk, with their alerts and next best actions. Cost per call:
 * one Query of the open deals (byOwnerStage or byTeamStage: status is the sort key's first part), per pipeline
 * one GetItem and the norm read (risk-facts.ts loadNorms), then per deal 2–3 Queries (loadDealFacts).
 * Nothing is scanned; reads grow with the open deals in scope, not with the table.
 */
export async function riskList(ctx: Ctx, raw: unknown) {
  const q = parse(riskListQuery, raw);
  const { teamId, ownerId } = await scope(ctx, q);
  const { opportunity } = ctx.db.entities;
  const { data } = ownerId
    ? await opportunity.query.byOwnerStage({ ownerId, status: "open" }).go({ pages: "all" })
    : await opportunity.query.byTeamStage({ teamId, status: "open" }).go({ pages: "all" });
  // The owner index spans teams: keep the team's deals only.
  const deals = (data as Opportunity[]).filter((d) => d.teamId === teamId);
  const ranked = rankRisks(await judge(ctx, deals, teamId, q));
  return { teamId, ownerId: ownerId ?? null, asOf: ctx.clock.now().toISOString(), checked: deals.length, ...ranked };
}

/**
 * The alerts of named deals, each as dealRisks answers it, in the order asked: what a board needs for the cards
 * in view, where the whole ranked list would judge every open deal. Ids that do not exist or that the caller may
 * not read are listed as `missing` (one answer for both, so other teams' ids do not leak). Cost: one BatchGet of
 * the deals, per team and pipeline one GetItem and the norm Query, then 2–3 Queries per open deal.
 */
export async function dealsRisks(ctx: Ctx, raw: unknown) {
  const q = parse(dealsRiskQuery, raw);
  const { data } = await ctx.db.entities.opportunity.get(q.ids.map((opportunityId) => ({ opportunityId }))).go();
  const readable = (data as Opportunity[]).filter((d) => canRead(ctx.actor, d));
  const openByTeam = new Map<string, Opportunity[]>();
  for (const d of readable) if (d.status === "open") openByTeam.set(d.teamId, [...(openByTeam.get(d.teamId) ?? []), d]);
  const judged = (await Promise.all([...openByTeam].map(([teamId, deals]) => judge(ctx, deals, teamId, q)))).flat();
  const byId = new Map(judged.map((r) => [r.opportunityId, r]));
  const answer = new Map(readable.map((d) => [d.opportunityId, { ...(byId.get(d.opportunityId) ?? rankedDeal(d, [])), status: d.status }]));
  return {
    asOf: ctx.clock.now().toISOString(),
    deals: q.ids.flatMap((id) => answer.get(id) ?? []),
    missing: q.ids.filter((id) => !answer.has(id)),
  };
}

/** One deal's alerts (none once it is closed). Cost: one GetItem, the pipeline's norm read, and the deal's 2–3 Queries. */
export async function dealRisks(ctx: Ctx, opportunityId: string, raw: unknown) {
  const q = parse(dealRiskQuery, raw);
  const deal = await getOpportunity(ctx, opportunityId);
  const [ranked] = deal.status === "open" ? await judge(ctx, [deal], deal.teamId, q) : [rankedDeal(deal, [])];
  return { ...(ranked as RankedDeal), status: deal.status, asOf: ctx.clock.now().toISOString() };
}
