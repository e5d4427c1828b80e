import { randomUUID } from "node:crypto";
import type { Db } from "@dealflow/core/db/service";
import { leadSources, leadStatuses } from "@dealflow/core/lead/lead.entity";

const DAY_MS = 86_400_000;
const industries = ["software", "manufacturing", "finance", "retail", "healthcare", "logistics"];
const sizes = ["1-50", "51-200", "201-1000", "1000+"];

/**
 * Writes `perTeam` leads straight to the table with BatchWriteItem (no audit, no events): the domain path writes
 * about ten records a second on DynamoDB Local, too slow for a 20,000-lead data set. The items have the fields
 * the lead reports read; a tenth are "converted" into one of the team's real deals, so conversion has targets.
 */
export async function bulkLeads(db: Db, perTeam: number, now: Date, random: () => number): Promise<number> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const teams = (await db.entities.team.query.all({}).go({ pages: "all" })).data;
  let written = 0;
  for (const team of teams) {
    const deals = (await db.entities.opportunity.query.byTeamStage({ teamId: team.teamId }).go({ pages: "all", attributes: ["opportunityId"] })).data;
    const items = Array.from({ length: perTeam }, (_, k) => {
      const createdAt = new Date(now.getTime() - Math.floor(random() * 365 * DAY_MS)).toISOString();
      const converted = deals.length > 0 && random() < 0.1;
      const status: (typeof leadStatuses)[number] = converted ? "converted" : pick(leadStatuses.filter((s) => s !== "converted"));
      return {
        leadId: randomUUID(), teamId: team.teamId, version: 1, createdAt, updatedAt: createdAt, createdBy: "bench",
        source: pick(leadSources), name: `Bulk Lead ${k}`, email: `bulk${k}.${team.teamId.slice(0, 8)}@bench.example`,
        companyName: `Bulk Co ${k % 997}`, industry: pick(industries), companySize: pick(sizes), status,
        ...(converted && { convertedOpportunityId: pick(deals).opportunityId, convertedAt: createdAt }),
      };
    });
    for (let i = 0; i < items.length; i += 500) {
      const { unprocessed } = await db.entities.lead.put(items.slice(i, i + 500)).go({ concurrency: 4 });
      if (unprocessed.length > 0) throw new Error(`${unprocessed.length} bulk leads were not written`);
    }
    written += items.length;
  }
  return written;
}
