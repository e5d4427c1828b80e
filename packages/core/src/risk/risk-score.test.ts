import { describe, expect, it } from "vitest";
import type { Stay } from "../analytics/journey.ts";
import { rankedDeal, rankRisks, riskScore } from "./risk-score.ts";
import { stageNorms } from "./risk-norms.ts";
import type { RiskAlert, Severity } from "./risk-types.ts";
import { stages } from "./risk-fixture.ts";

const alert = (severity: Severity): RiskAlert => ({ code: "stalled", severity, message: { en: "", zh: "" }, facts: {}, action: { en: "", zh: "", source: "rule" } });
const deal = (id: string, ownerId: string, amount: number) => ({ opportunityId: id, name: id, ownerId, status: "open", stage: "intro", stageEnteredAt: "", createdAt: "", amount });

describe("riskScore", () => {
  it("is severity points (5/3/1) × log10(10 + amount)", () => {
    expect(riskScore([alert("high"), alert("low")], 0)).toBe(6);
    expect(riskScore([alert("medium")], 990)).toBe(9);
    expect(riskScore([], 1e6)).toBe(0);
  });
});

describe("rankRisks", () => {
  it("ranks deals with alerts riskiest first, drops deals without any, and totals per rep", () => {
    const ranked = rankRisks([
      rankedDeal(deal("small-dying", "u1", 90), [alert("high"), alert("high")]), // 10 × 2 = 20
      rankedDeal(deal("big-minor", "u2", 999_990), [alert("low")]), // 1 × 6 = 6
      rankedDeal(deal("mid", "u2", 990), [alert("high")]), // 5 × 3 = 15
      rankedDeal(deal("fine", "u1", 5000), []),
    ]);
    expect(ranked.deals.map((d) => [d.opportunityId, d.score])).toEqual([["small-dying", 20], ["mid", 15], ["big-minor", 6]]);
    expect(ranked.byRep).toEqual([
      { ownerId: "u2", score: 21, deals: 2, alerts: 2, opportunityIds: ["mid", "big-minor"] },
      { ownerId: "u1", score: 20, deals: 1, alerts: 2, opportunityIds: ["small-dying"] },
    ]);
  });
});

describe("stageNorms", () => {
  const at = (day: number) => `2026-01-${String(day).padStart(2, "0")}T00:00:00.000Z`;
  const stay = (stage: string, from: number, to?: number, leftFor?: Stay["leftFor"]): Stay => ({ seq: 1, stage, enteredAt: at(from), leftAt: to ? at(to) : undefined, leftFor });
  it("takes the median of three or more completed stays, leaving open stays and invalid deals out", () => {
    const history = [[stay("intro", 1, 3, "won")], [stay("intro", 1, 5, "lost")], [stay("intro", 1, 11), stay("analysis", 11)], [stay("intro", 20)], [stay("intro", 1, 31, "invalid")]];
    expect(stageNorms(history, stages).get("intro")).toEqual({ days: 4, source: "history", stays: 3 });
  });
  it("counts a deal reopened after an invalid close: only the last stay tells the deal's state", () => {
    const history = [[stay("intro", 1, 3)], [stay("intro", 1, 5)], [stay("intro", 1, 2, "invalid"), { ...stay("intro", 8), seq: 2, kind: "reopened" as const }]];
    expect(stageNorms(history, stages).get("intro")).toEqual({ days: 2, source: "history", stays: 3 });
  });
  it("falls back to the stage's slaDays with too little history, and has no norm without either", () => {
    const norms = stageNorms([[stay("analysis", 1, 2), stay("proposal", 2, 3, "won")]], stages);
    expect(norms.get("analysis")).toEqual({ days: 14, source: "sla", stays: 0 });
    expect(norms.has("proposal")).toBe(false);
  });
});
