import { describe, expect, it } from "vitest";
import { assessDeal } from "./risk-score.ts";
import { competitorPresent, gateMissing, noDecisionMaker, singleThreaded } from "./deal-rules.ts";
import { closeDateSlipped, noActivity, stalled } from "./time-rules.ts";
import { slipCounters, type SlipCounters } from "../opportunity/close-date-slip.ts";
import { defaultRiskOptions as o } from "./risk-types.ts";
import { daysAgo, facts } from "./risk-fixture.ts";

const visitUnmet = { kind: "activity" as const, key: "visit", stage: "proposal", message: 'Log a visit on this deal while it is in "PROPOSAL"' };
const dmUnmet = { kind: "role" as const, key: "decision_maker", stage: "proposal", message: 'Add a decision maker to the buying committee before leaving "PROPOSAL"' };

describe("the healthy fixture", () => {
  it("raises no alert at all", () => {
    expect(assessDeal(facts())).toEqual([]);
  });
});

describe("stalled", () => {
  it("fires past 1.5 × the team's median, with the facts and the stage playbook as the action", () => {
    const a = stalled(facts({ stageEnteredAt: daysAgo(7) }), o);
    expect(a).toMatchObject({ code: "stalled", severity: "medium", facts: { daysInStage: 7, normDays: 4, normSource: "history", limitDays: 6 } });
    expect(a?.action).toEqual({ en: "Confirm the pain and who owns it.", zh: "按「初步接洽」阶段打法：Confirm the pain and who owns it.", source: "playbook" });
    expect(a?.message.zh).toContain("初步接洽");
  });
  it("does not fire at exactly 1.5 × the norm, nor without any norm", () => {
    expect(stalled(facts({ stageEnteredAt: daysAgo(6) }), o)).toBeNull();
    expect(stalled(facts({ stageEnteredAt: daysAgo(300) }, { norm: null }), o)).toBeNull();
  });
  it("is high past twice the limit and then points at the next gate's first unmet item", () => {
    const a = stalled(facts({ stageEnteredAt: daysAgo(13) }, { gate: { nextStage: "contract", unmet: [visitUnmet] } }), o);
    expect(a).toMatchObject({ severity: "high", action: { source: "gate", en: visitUnmet.message, zh: "在本阶段记录一次拜访，才能进入下一阶段" } });
  });
});

describe("no_activity", () => {
  it("fires after 14 days without a logged activity, naming the last one", () => {
    const a = noActivity(facts({ createdAt: daysAgo(60) }, { activities: [{ type: "call", occurredAt: daysAgo(20) }] }), o);
    expect(a).toMatchObject({ code: "no_activity", severity: "medium", facts: { daysSinceLastActivity: 20, lastActivityAt: daysAgo(20), thresholdDays: 14 } });
  });
  it("does not fire within 14 days of the last activity, or of creation when nothing was logged", () => {
    expect(noActivity(facts({ createdAt: daysAgo(60) }, { activities: [{ type: "email", occurredAt: daysAgo(13) }] }), o)).toBeNull();
    expect(noActivity(facts({ createdAt: daysAgo(10) }, { activities: [] }), o)).toBeNull();
  });
  it("ignores tasks still to do and future meetings, and honours another threshold", () => {
    const pending = [{ type: "task", occurredAt: daysAgo(1), done: false }, { type: "meeting", occurredAt: daysAgo(-3) }];
    expect(noActivity(facts({ createdAt: daysAgo(30) }, { activities: pending }), o)).toMatchObject({ severity: "high", facts: { lastActivityAt: null } });
    expect(noActivity(facts({ createdAt: daysAgo(60) }, { activities: [{ type: "call", occurredAt: daysAgo(5) }] }), { ...o, noActivityDays: 3 })).toMatchObject({ code: "no_activity" });
  });
});

describe("no_decision_maker", () => {
  it("fires when no contact has the decision_maker role; high when the next gate needs one, with the gate's advice", () => {
    expect(noDecisionMaker(facts({ contacts: [{ contactId: "c1", role: "influencer" }] }))).toMatchObject({ severity: "medium", facts: { roles: ["influencer"], gateRequiresIt: false }, action: { source: "rule" } });
    const gated = noDecisionMaker(facts({ stage: "proposal", contacts: [] }, { gate: { nextStage: "contract", unmet: [dmUnmet] } }));
    expect(gated).toMatchObject({ severity: "high", action: { source: "gate", en: dmUnmet.message, zh: "在采购委员会中加入决策人，才能进入下一阶段" } });
  });
  it("does not fire when a decision maker is on the committee", () => {
    expect(noDecisionMaker(facts())).toBeNull();
  });
});

describe("single_threaded", () => {
  it("fires with one contact (and with none), low early and medium late", () => {
    expect(singleThreaded(facts({ contacts: [{ contactId: "c1", role: "decision_maker" }] }))).toMatchObject({ code: "single_threaded", severity: "low", facts: { contacts: 1 } });
    expect(singleThreaded(facts({ stage: "proposal", contacts: [] }))).toMatchObject({ severity: "medium", facts: { contacts: 0 }, message: { en: "No contact on the deal" } });
  });
  it("does not fire with two contacts", () => {
    expect(singleThreaded(facts())).toBeNull();
  });
});

describe("close_date_slipped", () => {
  // Set, pushed 31 days, pulled in, pushed 46 days: two slips, as slipCounters writes them on the deal.
  const pushed = ["2026-04-30", "2026-05-31", "2026-05-15", "2026-06-30"].reduce<SlipCounters & { expectedCloseDate?: string }>(
    (deal, date) => ({ ...deal, ...slipCounters(deal, date), expectedCloseDate: date }),
    {},
  );
  it("counts only moves to a later date (slipCounters on the deal)", () => {
    expect(pushed).toMatchObject({ closeDateSlips: 2, closeDateSlippedDays: 31 + 46 });
  });
  it("fires after two slips, and high when the date is already past", () => {
    expect(closeDateSlipped(facts(pushed))).toMatchObject({ severity: "medium", facts: { slips: 2, slippedDays: 77, inPast: false } });
    expect(closeDateSlipped(facts({ expectedCloseDate: "2026-03-30" }))).toMatchObject({ severity: "high", facts: { inPast: true, slips: 0 } });
  });
  it("does not fire after one slip with a future date, nor on today's date", () => {
    expect(closeDateSlipped(facts({ closeDateSlips: 1, closeDateSlippedDays: 31 }))).toBeNull();
    expect(closeDateSlipped(facts({ expectedCloseDate: "2026-03-31" }))).toBeNull();
  });
});

describe("competitor_present", () => {
  it("fires for a competitor priced lower, using its recorded weaknesses as the action", () => {
    const a = competitorPresent(facts({ competitors: [{ name: "Acme", pricePosition: "lower", weaknesses: "no local support" }] }));
    expect(a).toMatchObject({ severity: "medium", facts: { lowerPriced: ["Acme"], lateStage: false }, action: { en: "Position against Acme on its weaknesses: no local support" } });
  });
  it("fires for any competitor in a late stage; high when it is also cheaper", () => {
    expect(competitorPresent(facts({ stage: "proposal", competitors: [{ name: "Zeta", pricePosition: "higher" }] }))).toMatchObject({ severity: "medium", facts: { lateStage: true } });
    expect(competitorPresent(facts({ stage: "contract", competitors: [{ name: "Acme", pricePosition: "lower" }] }))).toMatchObject({ severity: "high" });
  });
  it("does not fire for a pricier or similar competitor early on, nor without competitors", () => {
    expect(competitorPresent(facts({ stage: "analysis", competitors: [{ name: "Zeta", pricePosition: "similar" }] }))).toBeNull();
    expect(competitorPresent(facts({ stage: "contract" }))).toBeNull();
  });
});

describe("gate_missing", () => {
  it("fires with the next gate's unmet items and the first one as the action", () => {
    const a = gateMissing(facts({ stage: "proposal" }, { gate: { nextStage: "contract", unmet: [visitUnmet, dmUnmet] } }));
    expect(a).toMatchObject({ severity: "medium", facts: { nextStage: "contract", unmet: [{ kind: "activity", key: "visit" }, { kind: "role", key: "decision_maker" }] }, action: { source: "gate", en: visitUnmet.message } });
    expect(a?.message.en).toContain('to "CONTRACT"');
  });
  it("does not fire when the gate is met; names Won as the step after the last stage", () => {
    expect(gateMissing(facts())).toBeNull();
    const last = gateMissing(facts({ stage: "contract" }, { gate: { nextStage: "won", unmet: [{ kind: "field", key: "budget", stage: "contract", message: "Budget must be filled in" }] } }));
    expect(last?.message.zh).toContain("「赢单」");
  });
});

describe("assessDeal", () => {
  it("returns every alert, most severe first, and none for a closed deal", () => {
    const bad = facts({ stage: "proposal", stageEnteredAt: daysAgo(30), createdAt: daysAgo(40), contacts: [] }, { activities: [], gate: { nextStage: "contract", unmet: [dmUnmet] } });
    expect(assessDeal(bad).map((a) => [a.code, a.severity])).toEqual([
      ["stalled", "high"], ["no_activity", "high"], ["no_decision_maker", "high"], ["single_threaded", "medium"], ["gate_missing", "medium"],
    ]);
    expect(assessDeal({ ...bad, deal: { ...bad.deal, status: "won" } })).toEqual([]);
  });
});
