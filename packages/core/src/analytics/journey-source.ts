import type { Ctx } from "../records/context.ts";
import type { Journey, JourneyDeal, Stay } from "./journey.ts";

export interface CohortQuery {
  teamId: string;
  pipelineId: string;
  /** ISO datetimes: the cohort is the deals created in [from, to). */
  from: string;
  to: string;
  ownerId?: string | undefined;
  /** Which deals: those created in the period (default), or every deal with a stay that began in it. */
  cohort?: "created" | "entered";
}

type StayItem = Stay & { opportunityId: string };

/**
 * Each deal's stays in one team pipeline that began since `from`, in seq order. Cost: one Query of index
 * byTeamPipeline; a deal's later stays all sort after its first one, so a deal with a stay in the window has its
 * latest stay there too.
 */
export async function loadStays(ctx: Ctx, teamId: string, pipelineId: string, from: string): Promise<Map<string, StayItem[]>> {
  const { data } = await ctx.db.entities.stageHistory.query
    .byTeamPipeline({ teamId, pipelineId })
    // between, not gte: a gte on a partial sort key is not bounded to this pipeline's prefix.
    .between({ enteredAt: from }, { enteredAt: "9999" })
    .go({ pages: "all" });
  const staysByDeal = new Map<string, StayItem[]>();
  for (const stay of data as StayItem[]) staysByDeal.set(stay.opportunityId, [...(staysByDeal.get(stay.opportunityId) ?? []), stay]);
  for (const stays of staysByDeal.values()) stays.sort((a, b) => a.seq - b.seq);
  return staysByDeal;
}

/**
 * The deals created in the period with their whole stage history. Cost: loadStays since `from`, then a BatchGet
 * of the cohort's deals. Reads grow with the period's activity, not with the table.
 */
export async function loadCohort(ctx: Ctx, q: CohortQuery): Promise<Journey[]> {
  const staysByDeal = await loadStays(ctx, q.teamId, q.pipelineId, q.from);
  const inCohort = (s: StayItem) => (q.cohort === "entered" || s.kind === "created") && s.enteredAt < q.to;
  const cohort = [...staysByDeal].filter(([, stays]) => stays.some(inCohort));
  if (cohort.length === 0) return [];
  const { data: deals } = await ctx.db.entities.opportunity.get(cohort.map(([opportunityId]) => ({ opportunityId }))).go({ concurrency: 4 });
  const dealsById = new Map(deals.map((d) => [d.opportunityId, d as JourneyDeal]));
  return cohort.flatMap(([id, stays]): Journey[] => {
    const deal = dealsById.get(id);
    if (!deal || (q.ownerId && deal.ownerId !== q.ownerId)) return [];
    return [{ deal, stays }];
  });
}

/** Distinct values of `key` over the journeys' deals, as BatchGet keys. */
function keysOf<K extends string>(journeys: readonly Journey[], field: "accountId" | "sourceLeadId", key: K): Record<K, string>[] {
  const closed = journeys.filter((j) => j.deal.status === "won" || j.deal.status === "lost");
  const ids = new Set(closed.flatMap((j) => (j.deal[field] ? [j.deal[field] as string] : [])));
  return [...ids].map((id) => ({ [key]: id }) as Record<K, string>);
}

/**
 * Adds each deal's account industry and size and its lead's source (win/loss groups its won and lost deals by
 * them). Cost: a BatchGet of those deals' distinct accounts and one of their source leads; no lead is "direct".
 */
export async function withSegments(ctx: Ctx, journeys: Journey[]): Promise<Journey[]> {
  const accountKeys = keysOf(journeys, "accountId", "accountId");
  const leadKeys = keysOf(journeys, "sourceLeadId", "leadId");
  const [accounts, leads] = await Promise.all([
    accountKeys.length ? ctx.db.entities.account.get(accountKeys).go({ concurrency: 4, attributes: ["accountId", "industry", "size"] }) : { data: [] },
    leadKeys.length ? ctx.db.entities.lead.get(leadKeys).go({ concurrency: 4, attributes: ["leadId", "source"] }) : { data: [] },
  ]);
  const account = new Map(accounts.data.map((a) => [a.accountId, a]));
  const source = new Map(leads.data.map((l) => [l.leadId, l.source]));
  return journeys.map((j) => ({
    ...j,
    deal: {
      ...j.deal,
      industry: account.get(j.deal.accountId ?? "")?.industry,
      size: account.get(j.deal.accountId ?? "")?.size,
      source: j.deal.sourceLeadId ? source.get(j.deal.sourceLeadId) : "direct",
    },
  }));
}
