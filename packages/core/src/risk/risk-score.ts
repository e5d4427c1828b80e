import { competitorPresent, gateMissing, noDecisionMaker, singleThreaded } from "./deal-rules.ts";
import { closeDateSlipped, noActivity, stalled } from "./time-rules.ts";
import { defaultRiskOptions, type DealFacts, type RiskAlert, type RiskDeal, type RiskOptions, type Severity } from "./risk-types.ts";

const rules: ((f: DealFacts, o: RiskOptions) => RiskAlert | null)[] = [stalled, noActivity, noDecisionMaker, singleThreaded, closeDateSlipped, competitorPresent, gateMissing];
export const severityPoints: Record<Severity, number> = { high: 5, medium: 3, low: 1 };
const bySeverity = (a: RiskAlert, b: RiskAlert) => severityPoints[b.severity] - severityPoints[a.severity];

/** Every alert one open deal raises, most severe first. A closed deal raises none. */
export function assessDeal(f: DealFacts, options: Partial<RiskOptions> = {}): RiskAlert[] {
  if (f.deal.status !== "open") return [];
  const o = { ...defaultRiskOptions, ...options };
  return rules.flatMap((rule) => rule(f, o) ?? []).sort(bySeverity);
}

/**
 * Severity points (high 5, medium 3, low 1) times log10(10 + amount): severity leads, and amount orders deals
 * of like severity without letting one huge deal with a minor alert bury a small deal that is dying. The
 * amount is taken as entered, whatever its currency.
 */
export function riskScore(alerts: readonly RiskAlert[], amount: number): number {
  const points = alerts.reduce((sum, a) => sum + severityPoints[a.severity], 0);
  return Math.round(points * Math.log10(10 + Math.max(0, amount)) * 100) / 100;
}

export interface RankedDeal {
  opportunityId: string;
  name: string;
  ownerId: string | null;
  stage: string;
  amount: number;
  currency: string | null;
  score: number;
  alerts: RiskAlert[];
}

export interface RepRisks {
  ownerId: string;
  score: number;
  deals: number;
  alerts: number;
  /** The rep's deals, riskiest first. */
  opportunityIds: string[];
}

export function rankedDeal(deal: RiskDeal, alerts: RiskAlert[]): RankedDeal {
  return { opportunityId: deal.opportunityId, name: deal.name, ownerId: deal.ownerId ?? null, stage: deal.stage, amount: deal.amount, currency: deal.currency ?? null, score: riskScore(alerts, deal.amount), alerts };
}

/** Deals with at least one alert, riskiest first (ties: larger amount, then id), and the same per rep. */
export function rankRisks(deals: readonly RankedDeal[]): { deals: RankedDeal[]; byRep: RepRisks[] } {
  const ranked = deals.filter((d) => d.alerts.length > 0).sort((a, b) => b.score - a.score || b.amount - a.amount || a.opportunityId.localeCompare(b.opportunityId));
  const owners = [...new Set(ranked.map((d) => d.ownerId ?? "unowned"))];
  const byRep = owners.map((ownerId): RepRisks => {
    const mine = ranked.filter((d) => (d.ownerId ?? "unowned") === ownerId);
    const score = Math.round(mine.reduce((s, d) => s + d.score, 0) * 100) / 100;
    return { ownerId, score, deals: mine.length, alerts: mine.reduce((s, d) => s + d.alerts.length, 0), opportunityIds: mine.map((d) => d.opportunityId) };
  });
  return { deals: ranked, byRep: byRep.sort((a, b) => b.score - a.score || a.ownerId.localeCompare(b.ownerId)) };
}
