import { currencyTable, withReportingAmounts } from "../currency/currency.ts";
import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { listTeam } from "../records/access.ts";
import { UnprocessableError } from "../errors.ts";
import { isoDate } from "../records/schema.ts";
import { leadStatuses } from "../lead/lead.entity.ts";
import { ratio } from "./journey.ts";

export const leadSourceQuery = z.object({ teamId: z.string().min(1).optional(), from: isoDate, to: isoDate }).strict();

interface LeadFacts {
  source: string;
  convertedOpportunityId?: string | undefined;
}

export interface SourceConversion {
  source: string;
  leads: number;
  converted: number;
  won: number;
  wonAmount: number;
  /** Lead → opportunity. */
  conversionRate: number | null;
  /** Lead → won deal. */
  winRate: number | null;
}

/** Lead → opportunity → won per source, for leads and the fate of the deals they became. Pure. */
export function sourceConversion(leads: readonly LeadFacts[], deals: ReadonlyMap<string, { status: string; amount: number }>): SourceConversion[] {
  const sources = [...new Set(leads.map((l) => l.source))].sort();
  return sources.map((source) => {
    const mine = leads.filter((l) => l.source === source);
    const converted = mine.filter((l) => l.convertedOpportunityId);
    const won = converted.map((l) => deals.get(l.convertedOpportunityId as string)).filter((d) => d?.status === "won");
    return {
      source, leads: mine.length, converted: converted.length, won: won.length, wonAmount: won.reduce((s, d) => s + (d?.amount ?? 0), 0),
      conversionRate: ratio(converted.length, mine.length), winRate: ratio(won.length, mine.length),
    };
  });
}

/**
 * Lead-source conversion of the leads created in [from, to]. Reads: one Query per lead status on the team
 * inbox index (status, createdAt) limited to the period, then a BatchGet of the deals the converted ones became.
 */
export async function leadSourceReport(ctx: Ctx, q: z.infer<typeof leadSourceQuery>) {
  const teamId = listTeam(ctx.actor, q.teamId);
  if (q.from > q.to) throw new UnprocessableError("bad_period", "`from` must not be after `to`", "from");
  const range = { from: `${q.from}T00:00:00.000Z`, to: `${q.to}T23:59:59.999Z` };
  const pages = await Promise.all(
    leadStatuses.map((status) => ctx.db.entities.lead.query.byTeamStatus({ teamId, status }).between({ createdAt: range.from }, { createdAt: range.to }).go({ pages: "all" })),
  );
  const leads = pages.flatMap((p) => p.data);
  const dealIds = [...new Set(leads.flatMap((l) => (l.convertedOpportunityId ? [l.convertedOpportunityId] : [])))];
  const [{ data: found }, table] = await Promise.all([
    dealIds.length ? ctx.db.entities.opportunity.get(dealIds.map((opportunityId) => ({ opportunityId }))).go({ concurrency: 4 }) : Promise.resolve({ data: [] }),
    currencyTable(ctx.db),
  ]);
  // Won amounts in the reporting currency; a deal in a currency without a rate counts as won, its money apart.
  const { items, unconverted, currency } = withReportingAmounts(found, table);
  const deals = new Map(items.map((d) => [d.opportunityId, d]));
  const bySource = sourceConversion(leads, deals);
  return { teamId, from: q.from, to: q.to, currency, unconverted, total: sourceConversion(leads.map((l) => ({ ...l, source: "all" })), deals)[0] ?? null, bySource };
}
