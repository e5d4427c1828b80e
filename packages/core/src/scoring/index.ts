export * from "./scoring-rules.schema.ts";
export { defaultScoringRules } from "./default-rules.ts";
export { scoreLead, fitRuleMatches, gradeOf, decayed, type LeadScore, type ScoreLine, type InterestFact, type ScorableLead } from "./score-engine.ts";
export { rulesForTeam, getScoringRules, updateScoringRules, scoringRulesKind, type TeamScoringRules } from "./scoring-rules.ts";
export { scoreAndStore, type ScoreOutcome, type ScoreTrigger } from "./score-lead.ts";
export { interestFacts } from "./score-facts.ts";
export { getLeadScore, type LeadScoreView } from "./lead-score.ts";
export { rescoreTeam, rescoreTeamLeads, rescoreAllTeams, type RescoreReport } from "./rescore.ts";
