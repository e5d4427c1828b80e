export * from "./risk.ts";
export * from "./risk-types.ts";
export { assessDeal, rankRisks, rankedDeal, riskScore, severityPoints, type RankedDeal, type RepRisks } from "./risk-score.ts";
export { stageNorms, minStaysForNorm } from "./risk-norms.ts";
export { loadDealFacts, loadNorms, normWindowDays } from "./risk-facts.ts";
