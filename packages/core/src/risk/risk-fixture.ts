import type { Stage } from "../pipeline/pipeline.ts";
import type { DealFacts, RiskDeal } from "./risk-types.ts";

/** A small hand-built pipeline and deal for the rule tests; every date is relative to NOW. */
export const NOW = "2026-03-31T12:00:00.000Z";
export const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000).toISOString();

const stage = (key: string, extra: Partial<Stage> = {}): Stage => ({ key, name: key.toUpperCase(), probability: 10, forecastCategory: "pipeline", requiredFields: [], requiredActivities: [], requiredRoles: [], ...extra });
export const stages: Stage[] = [
  stage("intro", { nameZh: "初步接洽", slaDays: 7, guidance: "Confirm the pain and who owns it." }),
  stage("analysis", { slaDays: 14 }),
  stage("proposal", { guidance: "Present to the decision maker.", requiredActivities: ["visit"], requiredRoles: ["decision_maker"] }),
  stage("contract"),
];

/** A healthy deal: fresh, active, two contacts with a decision maker, no competitor, nothing unmet. */
export function facts(deal: Partial<RiskDeal> = {}, more: Partial<DealFacts> = {}): DealFacts {
  return {
    deal: {
      opportunityId: "D1", name: "Deal", ownerId: "u1", status: "open", stage: "intro", stageEnteredAt: daysAgo(2), createdAt: daysAgo(2), amount: 1000, currency: "CNY",
      expectedCloseDate: "2026-06-30", contacts: [{ contactId: "c1", role: "decision_maker" }, { contactId: "c2", role: "user" }], competitors: [], ...deal,
    },
    stages,
    activities: [{ type: "call", occurredAt: daysAgo(1) }],
    norm: { days: 4, source: "history", stays: 5 },
    gate: { nextStage: "analysis", unmet: [] },
    now: NOW,
    ...more,
  };
}
