import { tryWrite } from "../../db/conditional.ts";
import type { Ctx } from "../../records/context.ts";
import { dedupeKeys } from "./normalise.ts";

/**
 * Claims the dedupe keys of leads written before capture kept them (data from an earlier version), so later
 * captures find those leads. Idempotent: a key already held, by this lead or another, is left as it is.
 */
export async function backfillLeadKeys(ctx: Ctx): Promise<{ leads: number; keysTaken: number }> {
  const { data: teams } = await ctx.db.entities.team.query.all({}).go({ pages: "all" });
  let leads = 0;
  let keysTaken = 0;
  const at = ctx.clock.now().toISOString();
  for (const team of teams) {
    const { data } = await ctx.db.entities.lead.query.byTeamStatus({ teamId: team.teamId }).go({ pages: "all" });
    for (const lead of data) {
      leads++;
      for (const key of dedupeKeys(lead)) {
        const taken = await tryWrite(() =>
          ctx.db.entities.leadKey.put({ ...key, leadId: lead.leadId, teamId: lead.teamId, takenAt: at }).where((a, op) => `${op.notExists(a.leadId)} OR ${op.exists(a.releasedAt)}`).go(),
        );
        if (taken) keysTaken++;
      }
    }
  }
  return { leads, keysTaken };
}
