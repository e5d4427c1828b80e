import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { dealFactory } from "./deal-fixtures.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string; // li.na, East
let admin: string;
let globalRep: string; // tom.baker, Global
let f: Awaited<ReturnType<typeof dealFactory>>;

beforeAll(async () => {
  api = await startTestApi();
  rep = await api.login("li.na@dealflow.dev");
  admin = await api.login("admin@dealflow.dev");
  globalRep = await api.login("tom.baker@dealflow.dev");
  f = await dealFactory(api, admin, rep, { name: "Closing" });
});

const close = (d: Record<string, any>, body: Record<string, unknown>, token = rep) => api.call("POST", `/opportunities/${d.opportunityId}/close`, { token, body });

describe("closing deals", () => {
  it("requires a listed reason and the winning competitor to lose a deal, then refuses further changes", async () => {
    const d = await f.deal(f.ready);
    expect(await close(d, { version: 1, outcome: "lost", reasonKey: "price" })).toMatchObject({ status: 400, body: { field: "winningCompetitor" } });
    expect(await close(d, { version: 1, outcome: "lost", winningCompetitor: "Acme CRM" })).toMatchObject({ status: 400, body: { field: "reasonKey" } });
    expect(await close(d, { version: 1, outcome: "lost", reasonKey: "astrology", winningCompetitor: "Acme CRM" })).toMatchObject({ status: 422, body: { code: "unknown_reason", field: "reasonKey" } });
    expect(await close(d, { version: 1, outcome: "lost", reasonKey: "duplicate", winningCompetitor: "Acme CRM" })).toMatchObject({ status: 422, body: { code: "unknown_reason" } });

    const lost = await close(d, { version: 1, outcome: "lost", reasonKey: "price", winningCompetitor: "Acme CRM", note: "They undercut us by 30%" });
    expect(lost).toMatchObject({ status: 200, body: { status: "lost", closeReason: "price", winningCompetitor: "Acme CRM", closeNote: "They undercut us by 30%", probability: 0, forecastCategory: "omitted", version: 2 } });
    const event = api.events.find((e) => e.name === "opportunity.closed" && e.data.opportunityId === d.opportunityId);
    expect(event?.data).toMatchObject({ status: "lost", closeReason: "price", winningCompetitor: "Acme CRM", stage: "a" });
    const history = (await f.read(d)).stageHistory;
    expect(history).toEqual([expect.objectContaining({ stage: "a", leftFor: "lost", leftAt: lost.body.closedAt })]);

    expect(await f.move(lost.body, "b")).toMatchObject({ status: 422, body: { code: "deal_closed" } });
    expect(await api.call("PATCH", `/opportunities/${d.opportunityId}`, { token: rep, body: { version: 2, nextStep: "Try again" } })).toMatchObject({ status: 422, body: { code: "deal_closed" } });
    expect(await close(lost.body, { version: 2, outcome: "won" })).toMatchObject({ status: 422, body: { code: "deal_closed" } });
    expect(await api.call("PATCH", `/opportunities/${d.opportunityId}`, { token: rep, body: { version: 2, status: "won" } })).toMatchObject({ status: 400, body: { field: "status", message: expect.stringContaining("/close") } });
  });

  it("marks a deal invalid only with a reason, keeping it out of open and won deals", async () => {
    const d = await f.deal(f.ready);
    expect(await close(d, { version: 1, outcome: "invalid" })).toMatchObject({ status: 400, body: { field: "reasonKey" } });
    expect(await close(d, { version: 1, outcome: "invalid", reasonKey: "duplicate", winningCompetitor: "x" })).toMatchObject({ status: 400 });
    expect(await close(d, { version: 1, outcome: "invalid", reasonKey: "duplicate" })).toMatchObject({ status: 200, body: { status: "invalid", closeReason: "duplicate" } });
    const invalid = await api.call("GET", `/opportunities?status=invalid&pipelineId=${f.pipelineId}`, { token: rep });
    expect(invalid.body.items.map((o: { opportunityId: string }) => o.opportunityId)).toEqual([d.opportunityId]);
  });

  it("wins a deal only through the current stage's gate, at probability 100 in the closed category", async () => {
    const d = (await f.move(await f.deal(f.ready), "b")).body;
    expect(await close(d, { version: 2, outcome: "won" })).toMatchObject({ status: 422, body: { code: "gate_blocked", details: { unmet: [expect.objectContaining({ kind: "activity", key: "visit" })] } } });
    await f.log(d, "visit");
    expect(await close(d, { version: 2, outcome: "won", note: "Signed" })).toMatchObject({ status: 200, body: { status: "won", probability: 100, forecastCategory: "closed", closeNote: "Signed" } });
  });
});

describe("reopening deals", () => {
  it("needs a reason, reopens in the stage it closed in with a new stay, and is audited", async () => {
    const d = (await f.move(await f.deal(f.ready), "b")).body;
    const lost = (await close(d, { version: 2, outcome: "lost", reasonKey: "no_budget", winningCompetitor: "none" })).body;
    expect(lost.winningCompetitor).toBe("none");
    const reopen = (body: Record<string, unknown>) => api.call("POST", `/opportunities/${d.opportunityId}/reopen`, { token: rep, body });
    expect(await reopen({ version: 3 })).toMatchObject({ status: 400, body: { field: "reason" } });

    const reopened = await reopen({ version: 3, reason: "Budget approved in Q3" });
    expect(reopened).toMatchObject({ status: 200, body: { status: "open", stage: "b", probability: 30, forecastCategory: "pipeline", reopenReason: "Budget approved in Q3", stageSeq: 3 } });
    const history = (await f.read(d)).stageHistory;
    expect(history.map((h: { kind: string; stage: string }) => `${h.kind}:${h.stage}`)).toEqual(["created:a", "forward:b", "reopened:b"]);
    expect(history[2]).toMatchObject({ reason: "Budget approved in Q3", fromStage: "b" });
    const audit = await api.call("GET", `/audit?recordType=opportunity&recordId=${d.opportunityId}`, { token: rep });
    const last = audit.body.items.at(-1);
    expect(last.changes).toEqual(expect.arrayContaining([{ field: "status", old: "lost", new: "open" }, { field: "reopenReason", old: null, new: "Budget approved in Q3" }]));
    expect(api.events.find((e) => e.name === "opportunity.reopened" && e.data.opportunityId === d.opportunityId)?.data).toMatchObject({ stage: "b", seq: 3, reason: "Budget approved in Q3", previousStatus: "lost" });

    expect(await reopen({ version: 4, reason: "again" })).toMatchObject({ status: 422, body: { code: "deal_open" } });
    expect((await f.move(reopened.body, "a")).status).toBe(200);
  });
});

describe("lost reasons settings", () => {
  it("uses built-in defaults until an admin stores the team's own list, which then is the only one", async () => {
    const me = (await api.call("GET", "/me", { token: globalRep })).body;
    const defaults = await api.call("GET", "/settings/lost-reasons", { token: globalRep });
    expect(defaults.body).toMatchObject({ source: "defaults", teamId: me.teamId });
    expect(defaults.body.items.map((r: { key: string }) => r.key)).toContain("price");

    const reason = { key: "procurement_freeze", label: "Procurement freeze", labelZh: "采购冻结", outcomes: ["lost"] };
    expect((await api.call("POST", "/settings/lost-reasons", { token: globalRep, body: reason })).status).toBe(403);
    const stored = await api.call("POST", "/settings/lost-reasons", { token: admin, body: { ...reason, teamId: me.teamId } });
    expect(stored).toMatchObject({ status: 201, body: { key: "procurement_freeze", active: true, version: 1 } });
    expect((await api.call("POST", "/settings/lost-reasons", { token: admin, body: { ...reason, teamId: me.teamId } })).status).toBe(409);
    const list = await api.call("GET", "/settings/lost-reasons", { token: globalRep });
    expect(list.body).toMatchObject({ source: "team", items: [{ key: "procurement_freeze", label: "Procurement freeze", labelZh: "采购冻结", active: true, stored: true }] });

    const account = (await api.call("POST", "/accounts", { token: globalRep, body: { name: "Global close test" } })).body;
    const deal = (await api.call("POST", "/opportunities", { token: globalRep, body: { name: "G", accountId: account.accountId } })).body;
    const lose = (reasonKey: string) => close(deal, { version: 1, outcome: "lost", reasonKey, winningCompetitor: "unknown" }, globalRep);
    expect(await lose("price")).toMatchObject({ status: 422, body: { code: "unknown_reason", details: { allowed: ["procurement_freeze"] } } });

    const off = await api.call("PATCH", "/settings/lost-reasons/procurement_freeze", { token: admin, body: { version: 1, active: false, teamId: me.teamId } });
    expect(off).toMatchObject({ status: 200, body: { active: false, version: 2 } });
    expect((await lose("procurement_freeze")).status).toBe(422);
    await api.call("PATCH", "/settings/lost-reasons/procurement_freeze", { token: admin, body: { version: 2, active: true, teamId: me.teamId } });
    expect(await lose("procurement_freeze")).toMatchObject({ status: 200, body: { status: "lost", closeReason: "procurement_freeze" } });
    expect((await api.call("PATCH", "/settings/lost-reasons/nope", { token: admin, body: { version: 1, label: "x" } })).status).toBe(404);
  });
});
