import { beforeAll, describe, expect, it } from "vitest";
import { Lead, type Ctx } from "@dealflow/core";
import { getLeadScore, rescoreTeam, updateScoringRules, defaultScoringRules } from "@dealflow/core/scoring/index";
import { nightlyRescoreHandler } from "@dealflow/functions/scheduled/nightly-rescore";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { envelopeOf } from "./collab-fixtures.ts";
import { manualClock, marketingActivity, named, newLead, scoringWorld, storedLead } from "./lead-scoring-fixtures.ts";

const clock = manualClock("2026-03-31T08:00:00.000Z");
let w: ReturnType<typeof scoringWorld>;
let teamId: string;

beforeAll(async () => {
  w = scoringWorld(await testRuntimeDeps(), clock);
  teamId = (await w.team("Scoring East")).teamId;
});

// Default rules: title CTO +15, size 51-200 +8, email +5 = fit 28 (grade C from 25).
const midFit = { title: "CTO", companySize: "51-200" };
// title +15, size 1000+ +15, industry software +10, email +5, phone +5 = fit 50 (grade B), threshold 60.
const bigFit = { title: "CTO", companySize: "1000+", industry: "software", withPhone: true };

describe("LeadScoring consumer", () => {
  it("scores a new lead on lead.created with the default rules and publishes lead.scored, never lead.updated", async () => {
    const from = w.mark();
    const lead = await newLead(w.sys, teamId, midFit);
    await w.deliverNew();
    const stored = await storedLead(w.deps.db, lead.leadId);
    expect(stored).toMatchObject({ fitScore: 28, interestScore: 0, totalScore: 28, grade: "C", status: "new", version: lead.version, scoredAt: clock.now().toISOString() });
    const published = w.since(from);
    expect(named(published, "lead.scored", lead.leadId).map((e) => e.data)).toEqual([
      { leadId: lead.leadId, teamId, fitScore: 28, interestScore: 0, totalScore: 28, grade: "C", qualified: false, previousTotal: 0 },
    ]);
    expect(published.filter((e) => e.name === "lead.updated")).toEqual([]);
  });

  it("adds behaviour points halved per half-life: a demo request 14 days old counts 7.5, today's webinar 8", async () => {
    const lead = await newLead(w.sys, teamId, midFit);
    await w.deliverNew();
    const from = w.mark();
    await marketingActivity(w.sys, lead.email ?? "", "demo_request", clock.daysBefore(14));
    await marketingActivity(w.sys, lead.email ?? "", "webinar", clock.now().toISOString());
    await w.deliverNew();
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ fitScore: 28, interestScore: 15.5, totalScore: 43.5, grade: "C", status: "new" });
    const view = await getLeadScore(w.sys, lead.leadId);
    expect(view.current.explanation.filter((l) => l.kind !== "fit")).toEqual([
      expect.objectContaining({ rule: "demo_request", points: 15, decayedPoints: 7.5, ageDays: 14 }),
      expect.objectContaining({ rule: "webinar", points: 8, decayedPoints: 8, ageDays: 0 }),
    ]);
    expect(named(w.since(from), "lead.scored", lead.leadId).map((e) => e.data.totalScore)).toEqual([43.5]);
  });

  it("qualifies once when the total crosses the threshold; the same events again change nothing", async () => {
    const lead = await newLead(w.sys, teamId, bigFit);
    await w.deliverNew();
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ totalScore: 50, grade: "B", status: "new" });
    const from = w.mark();
    await marketingActivity(w.sys, lead.email ?? "", "demo_request", clock.now().toISOString());
    const delivered = await w.deliverNew();
    const qualified = await storedLead(w.deps.db, lead.leadId);
    expect(qualified).toMatchObject({ totalScore: 65, grade: "B", status: "qualified", qualifiedAt: clock.now().toISOString(), version: lead.version + 1 });
    expect(named(w.since(from), "lead.qualified", lead.leadId).map((e) => e.data)).toEqual([{ leadId: lead.leadId, teamId, totalScore: 65, threshold: 60 }]);
    const { data: audit } = await w.deps.db.entities.audit.query.byRecord({ recordType: "lead", recordId: lead.leadId }).go();
    expect(audit.find((a) => a.action === "qualify")?.changes).toEqual([{ field: "status", old: "new", new: "qualified" }, { field: "totalScore", old: 50, new: 65 }]);

    const before = w.mark();
    for (const e of delivered) await w.handle(envelopeOf(e));
    await Promise.all(delivered.map((e) => w.handle(envelopeOf(e))));
    expect(w.since(before)).toEqual([]);
    expect(await storedLead(w.deps.db, lead.leadId)).toEqual(qualified);

    await marketingActivity(w.sys, lead.email ?? "", "page_visit", clock.now().toISOString());
    await w.deliverNew();
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ totalScore: 66, status: "qualified", qualifiedAt: qualified.qualifiedAt });
    expect(named(w.since(from), "lead.qualified", lead.leadId)).toHaveLength(1);
  });

  it("scores one event delivered twice at the same time once", async () => {
    const lead = await newLead(w.sys, teamId, midFit);
    await w.deliverNew();
    await marketingActivity(w.sys, lead.email ?? "", "pricing_page", clock.now().toISOString());
    const [recorded] = (await w.deliverNew()).filter((e) => e.name === "lead.activity_recorded");
    if (!recorded) throw new Error("no lead.activity_recorded");
    const from = w.mark();
    await Promise.all([w.handle(envelopeOf(recorded)), w.handle(envelopeOf(recorded)), w.handle(envelopeOf(recorded))]);
    expect(w.since(from)).toEqual([]);
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ totalScore: 31, scoredEventId: recorded.id });
  });

  it("re-scores on a repeat capture (touch) and on an edit of a scored field, not on other edits", async () => {
    const lead = await newLead(w.sys, teamId, midFit);
    await w.deliverNew();
    await Lead.createLead(w.sys, { source: "web_form", name: lead.name, email: lead.email, teamId });
    await w.deliverNew();
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ touchCount: 1, totalScore: 30 });

    const current = await storedLead(w.deps.db, lead.leadId);
    const from = w.mark();
    await Lead.updateLead(w.sys, lead.leadId, { version: current.version, status: "contacted" });
    await w.deliverNew();
    expect(named(w.since(from), "lead.scored", lead.leadId)).toHaveLength(0);
    await Lead.updateLead(w.sys, lead.leadId, { version: current.version + 1, industry: "finance" });
    await w.deliverNew();
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ fitScore: 38, totalScore: 40, status: "contacted" });
  });

  it("never moves a disqualified lead back, however high it scores", async () => {
    const from = w.mark();
    const lead = await newLead(w.sys, teamId, bigFit);
    await Lead.updateLead(w.sys, lead.leadId, { version: lead.version, status: "disqualified" });
    await marketingActivity(w.sys, lead.email ?? "", "trial_signup", clock.now().toISOString());
    await w.deliverNew();
    expect(await storedLead(w.deps.db, lead.leadId)).toMatchObject({ totalScore: 65, status: "disqualified" });
    expect(named(w.since(from), "lead.qualified", lead.leadId)).toEqual([]);
    expect(named(w.since(from), "lead.scored", lead.leadId).at(-1)?.data).toMatchObject({ qualified: true });
  });
});

describe("rule changes and re-scoring", () => {
  it("saved rules leave scores alone; a re-score applies them to the team's open leads; the nightly job applies decay", async () => {
    const team = await w.team("Scoring Rescore");
    const east = await newLead(w.sys, team.teamId, { ...midFit, region: "华东" });
    const other = await newLead(w.sys, team.teamId, { ...midFit, region: "NA" });
    const closed = await newLead(w.sys, team.teamId, { ...midFit, region: "华东" });
    await Lead.updateLead(w.sys, closed.leadId, { version: closed.version, status: "disqualified" });
    await marketingActivity(w.sys, east.email ?? "", "demo_request", clock.now().toISOString());
    await w.deliverNew();
    expect((await storedLead(w.deps.db, east.leadId)).totalScore).toBe(43);

    const admin: Ctx = w.sys;
    const from = w.mark();
    const rules = { ...defaultScoringRules, fitRules: [...defaultScoringRules.fitRules, { field: "region" as const, op: "equals" as const, value: "华东", points: 20 }] };
    await updateScoringRules(admin, rules, team.teamId);
    expect(w.since(from).filter((e) => e.name.startsWith("lead."))).toEqual([]);
    expect((await storedLead(w.deps.db, east.leadId)).totalScore).toBe(43);

    const report = await rescoreTeam(admin, team.teamId);
    expect(report).toEqual({ teamId: team.teamId, scanned: 2, rescored: 1, unchanged: 1, qualified: 1 });
    expect(await storedLead(w.deps.db, east.leadId)).toMatchObject({ fitScore: 48, totalScore: 63, status: "qualified" });
    expect(await storedLead(w.deps.db, other.leadId)).toMatchObject({ fitScore: 28, totalScore: 28, status: "new" });
    expect(await storedLead(w.deps.db, closed.leadId)).toMatchObject({ totalScore: 28, status: "disqualified" });
    expect(named(w.since(from), "lead.qualified", east.leadId)).toHaveLength(1);

    clock.set(new Date(clock.now().getTime() + 14 * 86_400_000).toISOString());
    await nightlyRescoreHandler(w.deps)(envelopeOf({ id: "nightly-1", name: "Scheduled Event", version: 1, occurredAt: clock.now().toISOString(), data: {} }));
    expect(await storedLead(w.deps.db, east.leadId)).toMatchObject({ interestScore: 7.5, totalScore: 55.5, status: "qualified", scoredAt: clock.now().toISOString() });
    expect(named(w.since(from), "lead.qualified", east.leadId)).toHaveLength(1);
  });
});
