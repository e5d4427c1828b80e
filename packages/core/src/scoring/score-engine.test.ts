import { describe, expect, it } from "vitest";
import { defaultScoringRules } from "./default-rules.ts";
import { fitRuleMatches, scoreLead, type InterestFact } from "./score-engine.ts";
import type { ScoringRuleSet } from "./scoring-rules.schema.ts";

const asOf = "2026-03-31T00:00:00.000Z";
const daysBefore = (d: number) => new Date(Date.parse(asOf) - d * 86_400_000).toISOString();

const rules: ScoringRuleSet = {
  fitRules: [
    { field: "title", op: "contains", values: ["vp", "总监"], points: 15 },
    { field: "companySize", op: "in", values: ["1000+"], points: 20, label: "Large company" },
    { field: "email_domain", op: "equals", value: "gmail.com", points: -10 },
    { field: "tags", op: "equals", value: "partner", points: 5 },
    { field: "region", op: "exists", points: 3 },
  ],
  interestRules: [
    { activityType: "demo_request", points: 16 },
    { activityType: "email_open", points: 1 },
  ],
  touchPoints: 2,
  halfLifeDays: 10,
  qualifyThreshold: 50,
  grades: { A: 60, B: 40, C: 20 },
};

describe("fit rules", () => {
  it("match case-insensitively, any tag, the email's domain, and presence", () => {
    const lead = { title: "VP Sales", companySize: "1000+", email: "amy@GMAIL.com", tags: ["Partner", "east"], region: "华东" };
    expect(rules.fitRules.map((r) => fitRuleMatches(r, lead))).toEqual([true, true, true, true, true]);
    expect(rules.fitRules.map((r) => fitRuleMatches(r, { title: "工程师", companySize: "51-200", email: "a@acme.cn", tags: [] }))).toEqual([false, false, false, false, false]);
    expect(fitRuleMatches({ field: "title", op: "contains", value: "总监", points: 1 }, { title: "IT总监" })).toBe(true);
  });
});

describe("scoring", () => {
  it("sums fit rules and halves behaviour points every half-life (hand-computed)", () => {
    const facts: InterestFact[] = [
      { kind: "activity", id: "e1", activityType: "demo_request", at: daysBefore(10) }, // 16 × 0.5 = 8
      { kind: "activity", id: "e2", activityType: "email_open", at: daysBefore(20) }, // 1 × 0.25 = 0.25
      { kind: "touch", id: "t1", channel: "web_form", at: daysBefore(5) }, // 2 × 0.5^0.5 = 1.4142
      { kind: "activity", id: "e3", activityType: "page_visit", at: daysBefore(1) }, // no rule: 0
    ];
    const score = scoreLead(rules, { title: "VP Sales", companySize: "1000+", email: "amy@acme.com" }, facts, asOf);
    expect(score.fitScore).toBe(35);
    expect(score.interestScore).toBe(9.66); // 8 + 0.25 + 1.41421 = 9.66421
    expect(score.totalScore).toBe(44.66);
    expect(score.grade).toBe("B");
    expect(score.aboveThreshold).toBe(false);
    expect(score.explanation).toEqual([
      { kind: "fit", rule: "title contains vp, 总监", points: 15, decayedPoints: 15 },
      { kind: "fit", rule: "Large company", points: 20, decayedPoints: 20 },
      { kind: "interest", rule: "demo_request", points: 16, decayedPoints: 8, at: daysBefore(10), ageDays: 10 },
      { kind: "interest", rule: "email_open", points: 1, decayedPoints: 0.25, at: daysBefore(20), ageDays: 20 },
      { kind: "touch", rule: "touch (web_form)", points: 2, decayedPoints: 1.41, at: daysBefore(5), ageDays: 5 },
    ]);
  });

  it("ranks the same behaviour lower as it ages: hot leads rise, cold ones sink", () => {
    const demo = (d: number): InterestFact[] => [{ kind: "activity", id: "e", activityType: "demo_request", at: daysBefore(d) }];
    const totals = [0, 10, 30].map((d) => scoreLead(rules, {}, demo(d), asOf).totalScore);
    expect(totals).toEqual([16, 8, 2]);
  });

  it("counts a future-stamped fact at full points, not more", () => {
    const facts: InterestFact[] = [{ kind: "activity", id: "e", activityType: "demo_request", at: "2026-04-05T00:00:00.000Z" }];
    expect(scoreLead(rules, {}, facts, asOf).interestScore).toBe(16);
  });

  it("grades by the bands and flags the threshold, negative points included", () => {
    const big = { title: "VP", companySize: "1000+", region: "NA", tags: ["partner"] }; // 15 + 20 + 3 + 5 = 43
    const facts: InterestFact[] = [{ kind: "activity", id: "e", activityType: "demo_request", at: asOf }];
    expect(scoreLead(rules, big, facts, asOf)).toMatchObject({ totalScore: 59, grade: "B", aboveThreshold: true });
    expect(scoreLead(rules, { email: "x@gmail.com" }, [], asOf)).toMatchObject({ fitScore: -10, totalScore: -10, grade: "D", aboveThreshold: false });
  });

  it("default rules: a perfect fit alone stays below the threshold, a demo request this week lifts it over", () => {
    const lead = { title: "CTO", companySize: "1000+", industry: "software", source: "web_form", email: "c@acme.com", phone: "+8613800138000" };
    expect(scoreLead(defaultScoringRules, lead, [], asOf)).toMatchObject({ fitScore: 55, totalScore: 55, grade: "B", aboveThreshold: false });
    const demoToday: InterestFact[] = [{ kind: "activity", id: "d", activityType: "demo_request", at: asOf }];
    expect(scoreLead(defaultScoringRules, lead, demoToday, asOf)).toMatchObject({ totalScore: 70, grade: "B", aboveThreshold: true });
    const partial = { title: "CTO", companySize: "51-200", industry: "retail", source: "api", email: "c@acme.com" }; // 15 + 8 + 5
    expect(scoreLead(defaultScoringRules, partial, [], asOf)).toMatchObject({ fitScore: 28, grade: "C", aboveThreshold: false });
    const demo: InterestFact[] = [{ kind: "activity", id: "e", activityType: "demo_request", at: daysBefore(14) }, { kind: "activity", id: "w", activityType: "webinar", at: asOf }];
    expect(scoreLead(defaultScoringRules, partial, demo, asOf)).toMatchObject({ interestScore: 15.5, totalScore: 43.5, grade: "C" });
  });
});
