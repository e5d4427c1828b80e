import { describe, expect, it } from "vitest";
import { funnel } from "./funnel.ts";
import type { Journey, JourneyDeal, Stay } from "./journey.ts";
import { velocity } from "./velocity.ts";
import { winLoss } from "./win-loss.ts";
import { sourceConversion } from "./lead-source.ts";
import { stageSla } from "./stage-sla.ts";
import { responseSla } from "./response-sla.ts";
import type { LeadSlaItem } from "../lead-sla/sla-store.ts";

const stages = ["a", "b", "c", "d"];
const at = (day: number) => `2026-01-${String(day).padStart(2, "0")}T00:00:00.000Z`;

/** Stays from [stage, enteredDay, kind] steps; each stay ends when the next begins, the last at `endDay` if given. */
function journey(deal: Partial<JourneyDeal> & Pick<JourneyDeal, "opportunityId" | "status" | "amount">, steps: [string, number, Stay["kind"]][], endDay?: number): Journey {
  const stays = steps.map(([stage, day, kind], i): Stay => {
    const next = steps[i + 1];
    const leftDay = next ? next[1] : endDay;
    return { seq: i + 1, stage, kind, fromStage: i > 0 ? steps[i - 1]?.[0] : undefined, enteredAt: at(day), leftAt: leftDay ? at(leftDay) : undefined };
  });
  const last = steps[steps.length - 1];
  return { deal: { stage: last ? last[0] : "a", ...(endDay && deal.status !== "open" && { closedAt: at(endDay) }), ...deal }, stays };
}

// Five deals whose answers are worked out by hand in the expectations below.
const history: Journey[] = [
  journey({ opportunityId: "D1", status: "won", amount: 100, ownerId: "u1", competitors: [{ name: "X" }], priority: "A", closeDateSlips: 2, closeDateSlippedDays: 45, source: "web_form", industry: "software", size: "1000+" }, [["a", 1, "created"], ["b", 3, "forward"], ["c", 8, "forward"]], 10),
  journey({ opportunityId: "D2", status: "lost", amount: 50, ownerId: "u1", competitors: [{ name: "X" }, { name: "Y" }], closeReason: "price", winningCompetitor: "X", source: "web_form", industry: "finance", size: "1000+" }, [["a", 2, "created"], ["c", 4, "forward"]], 6),
  journey({ opportunityId: "D3", status: "open", amount: 30, ownerId: "u2", closeDateSlips: 1, closeDateSlippedDays: 10 }, [["a", 1, "created"], ["b", 2, "forward"], ["a", 5, "backward"]]),
  journey({ opportunityId: "D4", status: "invalid", amount: 999, ownerId: "u2", closeReason: "duplicate", closeDateSlips: 3, closeDateSlippedDays: 99 }, [["a", 1, "created"]], 2),
  journey({ opportunityId: "D5", status: "lost", amount: 20, ownerId: "u2", closeReason: "price", winningCompetitor: "none", source: "direct", industry: "software" }, [["a", 3, "created"], ["b", 4, "forward"]], 9),
];

describe("funnel", () => {
  it("counts deals reaching each stage from their history, skips as passing through, invalid deals left out", () => {
    const f = funnel(history, stages);
    expect(f.deals).toBe(4);
    expect(f.stages.map((s) => [s.stage, s.reached, s.reachedAmount, s.conversionToNext, s.openNow, s.openAmount])).toEqual([
      ["a", 4, 200, 1, 1, 30],
      ["b", 4, 200, 0.5, 0, 0],
      ["c", 2, 150, 0.5, 0, 0],
      ["d", 1, 100, 1, 0, 0],
    ]);
    expect(f).toMatchObject({ won: 1, wonAmount: 100, overallConversion: 0.25 });
  });

  it("answers null conversion, not NaN, for an empty cohort", () => {
    expect(funnel([], stages)).toMatchObject({ deals: 0, won: 0, overallConversion: null });
    expect(funnel([], stages).stages[0]?.conversionToNext).toBeNull();
  });
});

describe("velocity", () => {
  it("measures completed stays per stage, the won cycle, skips and regressions", () => {
    const v = velocity(history, stages);
    expect(v.stages).toEqual([
      { stage: "a", stays: 4, avgDays: 1.5, medianDays: 1.5 },
      { stage: "b", stays: 3, avgDays: 4.3, medianDays: 5 },
      { stage: "c", stays: 2, avgDays: 2, medianDays: 2 },
      { stage: "d", stays: 0, avgDays: null, medianDays: null },
    ]);
    expect(v.salesCycle).toEqual({ won: 1, avgDays: 9, medianDays: 9 });
    expect(v.skips).toEqual({ moves: 1, deals: 1 });
    expect(v.regressions).toEqual({ moves: 1, deals: 1 });
    // D1 slipped twice (45 days), D3 once (10); the invalid D4 is left out.
    expect(v.closeDateSlips).toEqual({ deals: 2, slips: 3, slippedDays: 55, avgSlipsPerSlippedDeal: 1.5, avgDaysPerSlippedDeal: 27.5, maxSlips: 2 });
  });
});

describe("win/loss", () => {
  it("gives win rates by owner, competitor, stage reached and priority, and the loss reasons", () => {
    const w = winLoss(history, stages);
    expect(w.overall).toEqual({ key: "all", won: 1, lost: 2, winRate: 0.3333, wonAmount: 100 });
    expect(w.invalid).toBe(1);
    expect(w.byOwner.map((r) => [r.key, r.won, r.lost, r.winRate])).toEqual([["u1", 1, 1, 0.5], ["u2", 0, 1, 0]]);
    expect(w.byCompetitor.map((r) => [r.key, r.won, r.lost])).toEqual([["X", 1, 1], ["no competitor", 0, 1], ["Y", 0, 1]]);
    expect(w.byStageReached.map((r) => [r.key, r.won, r.lost])).toEqual([["c", 1, 1], ["b", 0, 1]]);
    expect(w.byPriority.map((r) => [r.key, r.won, r.lost])).toEqual([["none", 0, 2], ["A", 1, 0]]);
    expect(w.bySource.map((r) => [r.key, r.won, r.lost, r.winRate])).toEqual([["web_form", 1, 1, 0.5], ["direct", 0, 1, 0]]);
    expect(w.byIndustry.map((r) => [r.key, r.won, r.lost])).toEqual([["software", 1, 1], ["finance", 0, 1]]);
    expect(w.bySize.map((r) => [r.key, r.won, r.lost])).toEqual([["1000+", 1, 1], ["unknown", 0, 1]]);
    expect(w.lossReasons).toEqual([{ reason: "price", count: 2, amount: 70 }]);
    expect(w.lostTo).toEqual([{ competitor: "X", count: 1, amount: 50 }, { competitor: "none", count: 1, amount: 20 }]);
  });
});

describe("lead-source conversion", () => {
  it("follows each source's leads to their deals and the deals to won", () => {
    const leads = [
      { source: "web_form", convertedOpportunityId: "D1" },
      { source: "web_form", convertedOpportunityId: "D2" },
      { source: "web_form" },
      { source: "web_form" },
      { source: "ad" },
    ];
    const deals = new Map([["D1", { status: "won", amount: 100 }], ["D2", { status: "lost", amount: 40 }]]);
    expect(sourceConversion(leads, deals)).toEqual([
      { source: "ad", leads: 1, converted: 0, won: 0, wonAmount: 0, conversionRate: 0, winRate: 0 },
      { source: "web_form", leads: 4, converted: 2, won: 1, wonAmount: 100, conversionRate: 0.5, winRate: 0.25 },
    ]);
  });
});

describe("stage-SLA compliance", () => {
  const limits = new Map([["a", 1.5], ["b", 4]]);
  const january = { from: at(1), to: "2026-02-01T00:00:00.000Z" };

  it("judges stays that left (within slaDays or not) and open stays already past them", () => {
    const s = stageSla(history, limits, january, at(20));
    expect(s.overall).toEqual({ key: "all", judged: 9, met: 4, breached: 5, compliance: 0.4444 });
    expect(s.byStage.map((c) => [c.key, c.judged, c.met])).toEqual([["a", 6, 3], ["b", 3, 1]]);
    expect(s.byOwner.map((c) => [c.key, c.judged, c.met, c.compliance])).toEqual([["u1", 3, 0, 0], ["u2", 6, 4, 0.6667]]);
    expect(s.byMonth.map((c) => [c.key, c.judged])).toEqual([["2026-01", 9]]);
  });

  it("counts only stays that began in the period, and gives open stays inside their SLA no verdict yet", () => {
    expect(stageSla(history, limits, { from: at(4), to: january.to }, at(20)).overall).toMatchObject({ judged: 2, met: 0 });
    // On Jan 6 D3's second stay in a (entered Jan 5) is 1 day old: no verdict.
    expect(stageSla(history, limits, { from: at(5), to: january.to }, at(6)).overall).toMatchObject({ judged: 0, compliance: null });
  });
});

describe("response SLA", () => {
  const sla = (leadId: string, ownerId: string, assignedAt: string, dueAt: string, verdict: { met?: boolean; firstContactAt?: string }): LeadSlaItem =>
    ({ leadId, ownerId, teamId: "t", leadName: leadId, assignedAt, dueAt, escalateAt: dueAt, poolAt: dueAt, executionName: leadId, state: verdict.met === undefined ? "waiting" : "closed", breachLevel: 0, updatedAt: dueAt, ...verdict }) as LeadSlaItem;
  const items = [
    sla("L1", "u1", "2026-01-05T09:00:00.000Z", "2026-01-05T11:00:00.000Z", { met: true, firstContactAt: "2026-01-05T09:30:00.000Z" }), // 30 min
    sla("L2", "u1", "2026-01-20T09:00:00.000Z", "2026-01-20T11:00:00.000Z", { met: false }), // breached, never called
    sla("L3", "u2", "2026-02-02T09:00:00.000Z", "2026-02-02T11:00:00.000Z", { met: true, firstContactAt: "2026-02-02T10:30:00.000Z" }), // 90 min
    sla("L4", "u1", "2026-02-03T09:00:00.000Z", "2026-02-03T11:00:00.000Z", { met: false, firstContactAt: "2026-02-03T12:00:00.000Z" }), // late: 180 min
    sla("L5", "u2", "2026-02-04T09:00:00.000Z", "2026-02-04T11:00:00.000Z", {}), // still inside its time: no verdict
  ];

  it("judges decided assignments only, by rep, by month and by rep and month, with the median time to first contact", () => {
    const r = responseSla(items);
    expect(r.overall).toEqual({ key: "all", judged: 4, met: 2, breached: 2, compliance: 0.5, medianMinutesToContact: 90 });
    expect(r.byOwner).toEqual([
      { key: "u1", judged: 3, met: 1, breached: 2, compliance: 0.3333, medianMinutesToContact: 105 },
      { key: "u2", judged: 1, met: 1, breached: 0, compliance: 1, medianMinutesToContact: 90 },
    ]);
    expect(r.byMonth.map((m) => [m.key, m.judged, m.met, m.compliance])).toEqual([["2026-01", 2, 1, 0.5], ["2026-02", 2, 1, 0.5]]);
    expect(r.byOwnerMonth.map((m) => [m.ownerId, m.month, m.judged, m.met])).toEqual([["u1", "2026-01", 2, 1], ["u1", "2026-02", 1, 0], ["u2", "2026-02", 1, 1]]);
  });
});
