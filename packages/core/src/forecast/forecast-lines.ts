import { tryWrite } from "../db/conditional.ts";
import type { Db } from "../db/service.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";

/** The month a deal counts in: its close month once closed, else its expected close month. */
export function forecastMonth(deal: Pick<Opportunity, "status" | "closedAt" | "expectedCloseDate">): string {
  const date = deal.status !== "open" && deal.closedAt ? deal.closedAt : deal.expectedCloseDate;
  return date ? date.slice(0, 7) : "none";
}

/**
 * Brings the deal's forecast line up to its current state. Idempotent and order-proof: the line is written only
 * if it reflects an older deal version, so a replayed or late event changes nothing. Returns whether it wrote.
 */
export async function syncForecastLine(db: Db, opportunityId: string): Promise<boolean> {
  const { data: deal } = await db.entities.opportunity.get({ opportunityId }).go();
  if (!deal) return false;
  const line = {
    opportunityId, teamId: deal.teamId, month: forecastMonth(deal), ownerId: deal.ownerId, pipelineId: deal.pipelineId, status: deal.status,
    category: deal.forecastCategory, amount: deal.amount, currency: deal.currency, probability: deal.probability, dealVersion: deal.version,
  };
  return tryWrite(() => db.entities.forecastLine.put(line).where((a, op) => `${op.notExists(a.dealVersion)} OR ${op.lt(a.dealVersion, deal.version)}`).go());
}
