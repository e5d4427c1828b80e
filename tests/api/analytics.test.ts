import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

type Body = Record<string, any>;
let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string; // li.na, East
let manager: string; // zhang.wei, East
let globalRep: string; // tom.baker, Global
let pipelineId: string;
let teamId: string;

const stage = (key: string, probability: number) => ({ key, name: `Stage ${key}`, probability, forecastCategory: "pipeline" });

beforeAll(async () => {
  api = await startTestApi();
  rep = await api.login("li.na@dealflow.dev");
  manager = await api.login("zhang.wei@dealflow.dev");
  globalRep = await api.login("tom.baker@dealflow.dev");
  const admin = await api.login("admin@dealflow.dev");
  teamId = (await api.call("GET", "/me", { token: rep })).body.teamId;
  const p = await api.call("POST", "/pipelines", { token: admin, body: { name: "Analytics", teamId, allowSkip: true, stages: [stage("a", 10), stage("b", 40), stage("c", 70)] } });
  pipelineId = p.body.pipelineId;
  const account = (await api.call("POST", "/accounts", { token: rep, body: { name: "Analytics account", industry: "software", size: "51-200" } })).body;
  const deal = async (amount: number, competitors?: Body[], extra: Body = {}) =>
    (await api.call("POST", "/opportunities", { token: rep, body: { name: `Deal ${amount}`, accountId: account.accountId, pipelineId, amount, ...(competitors && { competitors }), ...extra } })).body;
  const closeDate = async (d: Body, expectedCloseDate: string) => (await api.call("PATCH", `/opportunities/${d.opportunityId}`, { token: rep, body: { version: d.version, expectedCloseDate } })).body;
  const move = async (d: Body, to: string) => (await api.call("PATCH", `/opportunities/${d.opportunityId}`, { token: rep, body: { version: d.version, stage: to } })).body;
  const close = async (d: Body, body: Body) => (await api.call("POST", `/opportunities/${d.opportunityId}/close`, { token: rep, body: { version: d.version, ...body } })).body;

  // Won through every stage; lost after skipping b; still open in a; invalid (kept out of rates and conversion).
  await close(await move(await move(await deal(100), "b"), "c"), { outcome: "won" });
  await close(await move(await deal(50, [{ name: "Acme CRM" }]), "c"), { outcome: "lost", reasonKey: "price", winningCompetitor: "Acme CRM" });
  // The open deal's close date: pushed out 30 days, pulled in, pushed out 40 days = two slips, 70 days.
  await closeDate(await closeDate(await closeDate(await deal(30, undefined, { expectedCloseDate: "2027-01-10" }), "2027-02-09"), "2027-01-20"), "2027-03-01");
  await close(await deal(999), { outcome: "invalid", reasonKey: "duplicate" });
}, 60_000);

const report = (path: string, query: Body, token = manager) => api.call("GET", `/analytics/${path}?${new URLSearchParams(query)}`, { token });

describe("pipeline analytics from stage history", () => {
  it("funnel: reached, conversion and open amounts per stage", async () => {
    const res = await report("funnel", { pipelineId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ teamId, pipelineId, deals: 3, won: 1, wonAmount: 100, overallConversion: 0.3333 });
    expect(res.body.stages.map((s: Body) => [s.stage, s.reached, s.reachedAmount, s.conversionToNext, s.openNow, s.openAmount])).toEqual([
      ["a", 3, 180, 0.6667, 1, 30],
      ["b", 2, 150, 1, 0, 0],
      ["c", 2, 150, 0.5, 0, 0],
    ]);
  });

  it("velocity: completed stays per stage, one won cycle, one skip, no regression", async () => {
    const res = await report("velocity", { pipelineId });
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s: Body) => [s.stage, s.stays])).toEqual([["a", 2], ["b", 1], ["c", 2]]);
    expect(res.body.salesCycle).toMatchObject({ won: 1 });
    expect(res.body.skips).toEqual({ moves: 1, deals: 1 });
    expect(res.body.regressions).toEqual({ moves: 0, deals: 0 });
    expect(res.body.closeDateSlips).toEqual({ deals: 1, slips: 2, slippedDays: 70, avgSlipsPerSlippedDeal: 2, avgDaysPerSlippedDeal: 70, maxSlips: 2 });
  });

  it("win/loss: invalid kept out, reasons and competitors counted", async () => {
    const res = await report("win-loss", { pipelineId });
    expect(res.body.overall).toMatchObject({ won: 1, lost: 1, winRate: 0.5 });
    expect(res.body.invalid).toBe(1);
    expect(res.body.lossReasons).toEqual([{ reason: "price", count: 1, amount: 50 }]);
    expect(res.body.lostTo).toEqual([{ competitor: "Acme CRM", count: 1, amount: 50 }]);
    expect(res.body.byCompetitor.map((r: Body) => [r.key, r.won, r.lost])).toEqual([["Acme CRM", 0, 1], ["no competitor", 1, 0]]);
    expect(res.body.bySource).toEqual([{ key: "direct", won: 1, lost: 1, winRate: 0.5, wonAmount: 100 }]);
    expect(res.body.byIndustry.map((r: Body) => [r.key, r.won, r.lost])).toEqual([["software", 1, 1]]);
    expect(res.body.bySize.map((r: Body) => [r.key, r.won, r.lost])).toEqual([["51-200", 1, 1]]);
  });

  it("stage SLA: stages without slaDays are not judged", async () => {
    expect(await report("stage-sla", { pipelineId })).toMatchObject({ status: 200, body: { overall: { judged: 0, compliance: null }, byStage: [] } });
  });

  it("filters by owner and by creation period", async () => {
    const me = (await api.call("GET", "/me", { token: manager })).body;
    expect((await report("funnel", { pipelineId, ownerId: me.userId })).body.deals).toBe(0);
    expect((await report("funnel", { pipelineId, from: "2020-01-01", to: "2020-12-31" })).body.deals).toBe(0);
  });

  it("refuses bad periods, other teams and unknown pipelines with clear errors", async () => {
    expect(await report("funnel", { pipelineId, from: "yesterday" })).toMatchObject({ status: 400, body: { field: "from" } });
    expect(await report("funnel", { pipelineId, from: "2026-02-01", to: "2026-01-01" })).toMatchObject({ status: 422, body: { code: "bad_period", field: "from" } });
    expect(await report("funnel", { pipelineId, teamId }, globalRep)).toMatchObject({ status: 403, body: { field: "teamId" } });
    expect(await report("funnel", { pipelineId }, globalRep)).toMatchObject({ status: 422, body: { code: "unknown_pipeline" } });
    expect(await report("funnel", { pipelineId, colour: "red" })).toMatchObject({ status: 400 });
  });

  it("lead-source conversion: lead → opportunity → won per source", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const bySource = async () => {
      const res = await report("lead-sources", { from: today, to: today });
      expect(res.status).toBe(200);
      return new Map<string, Body>(res.body.bySource.map((r: Body) => [r.source, r]));
    };
    const before = await bySource();
    const lead = async (source: string, n: number) => (await api.call("POST", "/leads", { token: rep, body: { source, name: `Source test ${n}`, email: `source-${n}@example.test` } })).body;
    const captured = await lead("trade_show", 1);
    const converted = (await api.call("PATCH", `/leads/${captured.leadId}`, { token: rep, body: { version: captured.version, status: "qualified" } })).body;
    await lead("trade_show", 2);
    await lead("trade_show", 3);
    const conversion = await api.call("POST", `/leads/${converted.leadId}/convert`, { token: rep, body: { version: converted.version, account: { name: "Trade show buyer" }, opportunity: { pipelineId, amount: 70 } } });
    expect(conversion.status).toBe(201);
    const deal = conversion.body.opportunity;
    await api.call("POST", `/opportunities/${deal.opportunityId}/close`, { token: rep, body: { version: deal.version, outcome: "won" } });

    const after = (await bySource()).get("trade_show");
    const was = before.get("trade_show") ?? { leads: 0, converted: 0, won: 0, wonAmount: 0 };
    expect([after?.leads - was.leads, after?.converted - was.converted, after?.won - was.won, after?.wonAmount - was.wonAmount]).toEqual([3, 1, 1, 70]);
    expect(await report("lead-sources", { from: today })).toMatchObject({ status: 400, body: { field: "to" } });
  });
});
