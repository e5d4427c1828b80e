import { getLead } from "../lead/lead.ts";
import type { Ctx } from "../records/context.ts";
import { scoreLead, type LeadScore } from "./score-engine.ts";
import { interestFacts } from "./score-facts.ts";
import { rulesForTeam } from "./scoring-rules.ts";

export interface LeadScoreView {
  leadId: string;
  teamId: string;
  /** As stored by the last scoring (what lists sort by). */
  stored: { fitScore: number; interestScore: number; totalScore: number; grade: string | null; scoredAt: string | null; qualifiedAt: string | null };
  /** Recomputed now under the team's current rules: what a re-score would store, line by line. */
  current: LeadScore;
  rules: { source: "saved" | "defaults"; version: number | null; halfLifeDays: number; qualifyThreshold: number };
}

/** GET /leads/{id}/score: the stored score and, for the lead detail, its explanation as of now. */
export async function getLeadScore(ctx: Ctx, leadId: string): Promise<LeadScoreView> {
  const lead = await getLead(ctx, leadId);
  const rules = await rulesForTeam(ctx.db, lead.teamId);
  const current = scoreLead(rules, lead, await interestFacts(ctx.db, leadId), ctx.clock.now().toISOString());
  return {
    leadId,
    teamId: lead.teamId,
    stored: {
      fitScore: lead.fitScore ?? 0, interestScore: lead.interestScore ?? 0, totalScore: lead.totalScore ?? 0,
      grade: lead.grade ?? null, scoredAt: lead.scoredAt ?? null, qualifiedAt: lead.qualifiedAt ?? null,
    },
    current,
    rules: { source: rules.source, version: rules.version, halfLifeDays: rules.halfLifeDays, qualifyThreshold: rules.qualifyThreshold },
  };
}
