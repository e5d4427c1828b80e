import { transact } from "../db/transact.ts";
import type { Lead } from "../lead/lead.ts";
import type { Ctx } from "../records/context.ts";
import { scoreLead as computeScore, type LeadScore } from "./score-engine.ts";
import { interestFacts } from "./score-facts.ts";
import { crossesThreshold, isStale, sameScore, scoreEvents, scoreWrites } from "./score-store.ts";
import { rulesForTeam, type TeamScoringRules } from "./scoring-rules.ts";

/** What caused a scoring: a bus event (its id and time) or a re-score (no id, the time it runs). */
export interface ScoreTrigger {
  eventId?: string;
  at: string;
}

export type ScoreOutcome =
  | { kind: "missing" | "duplicate"; leadId: string }
  | { kind: "unchanged" | "scored"; leadId: string; score: LeadScore; qualified: boolean };

const MAX_ATTEMPTS = 5;

async function readLead(ctx: Ctx, leadId: string): Promise<Lead | null> {
  return (await ctx.db.entities.lead.get({ leadId }).go({ consistent: true })).data as Lead | null;
}

/**
 * Scores as of the later of the trigger's time and the stored score's time, so a late or repeated event never
 * turns the clock back; the same facts, rules and time then give the same numbers and nothing is written.
 */
async function attempt(ctx: Ctx, lead: Lead, trigger: ScoreTrigger, rules: TeamScoringRules | undefined): Promise<ScoreOutcome> {
  const asOf = lead.scoredAt && lead.scoredAt > trigger.at ? lead.scoredAt : trigger.at;
  const teamRules = rules?.teamId === lead.teamId ? rules : await rulesForTeam(ctx.db, lead.teamId);
  const score = computeScore(teamRules, lead, await interestFacts(ctx.db, lead.leadId), asOf);
  const qualified = crossesThreshold(lead, score);
  if (!qualified && sameScore(lead, score)) return { kind: "unchanged", leadId: lead.leadId, score, qualified };
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, scoreWrites(ctx, lead, score, trigger.eventId, at));
  await ctx.publisher.publish(scoreEvents(ctx, lead, score, at));
  return { kind: "scored", leadId: lead.leadId, score, qualified };
}

/**
 * Re-computes a lead's score from its attributes and behaviour facts under its team's rules and stores it;
 * publishes `lead.scored` (and `lead.qualified` the first time the threshold is crossed). A version race
 * (someone edited the lead meanwhile) retries on the fresh record.
 */
export async function scoreAndStore(ctx: Ctx, leadId: string, trigger: ScoreTrigger, rules?: TeamScoringRules): Promise<ScoreOutcome> {
  for (let n = 1; ; n++) {
    const lead = await readLead(ctx, leadId);
    if (!lead) return { kind: "missing", leadId };
    if (trigger.eventId && lead.scoredEventId === trigger.eventId) return { kind: "duplicate", leadId };
    try {
      return await attempt(ctx, lead, trigger, rules);
    } catch (err) {
      if (!isStale(err) || n >= MAX_ATTEMPTS) throw err;
    }
  }
}
