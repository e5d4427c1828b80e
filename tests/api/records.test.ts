import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string; // li.na, East team
let rep2: string; // wang.fang, East team
let manager: string; // zhang.wei, East manager
let otherRep: string; // tom.baker, Global team
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  rep = await api.login("li.na@dealflow.dev");
  rep2 = await api.login("wang.fang@dealflow.dev");
  manager = await api.login("zhang.wei@dealflow.dev");
  otherRep = await api.login("tom.baker@dealflow.dev");
  admin = await api.login("admin@dealflow.dev");
});

describe("leads", () => {
  it("creates a lead owned by its creator, audits it and publishes lead.created", async () => {
    const res = await api.call("POST", "/leads", { token: rep, body: { source: "trade_show", name: "周杰", email: "Zhou.Jie@Beichen-mfg.cn", companyName: "北辰制造" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "周杰", email: "zhou.jie@beichen-mfg.cn", status: "assigned", version: 1 });
    const audit = await api.call("GET", `/audit?recordType=lead&recordId=${res.body.leadId}`, { token: rep });
    expect(audit.body.items).toHaveLength(1);
    const event = api.events.find((e) => e.name === "lead.created" && e.data.leadId === res.body.leadId);
    expect(event).toMatchObject({ version: 1, actorId: expect.any(String) });
  });

  it("rejects bad input with 400 naming the field, and writes nothing", async () => {
    const before = await api.call("GET", "/leads?limit=200", { token: rep });
    const cases: [unknown, string][] = [
      [{ source: "carrier_pigeon", name: "X" }, "source"],
      [{ source: "phone", name: "" }, "name"],
      [{ source: "phone", name: "X", email: "nope" }, "email"],
      [{ source: "phone", name: "X", surprise: 1 }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await api.call("POST", "/leads", { token: rep, body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("validation_failed");
      if (field) expect(res.body.field).toBe(field);
    }
    const malformed = await api.call("POST", "/leads", { token: rep, raw: "{not json" });
    expect(malformed).toMatchObject({ status: 400, body: { field: "body" } });
    const after = await api.call("GET", "/leads?limit=200", { token: rep });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it("pages through a team's leads with a cursor, without repeats", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Record<string, any> } = await api.call("GET", `/leads?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: rep });
      expect(res.status).toBe(200);
      for (const l of res.body.items) seen.add(l.leadId);
      cursor = res.body.cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    const all = await api.call("GET", "/leads?limit=200", { token: rep });
    expect(seen.size).toBe(all.body.items.length);
    expect((await api.call("GET", "/leads?cursor=garbage", { token: rep })).status).toBe(400);
  });

  it("answers a stale version with 409 and keeps the winner's change", async () => {
    const lead = (await api.call("POST", "/leads", { token: rep, body: { source: "phone", name: "Race Case" } })).body;
    const [a, b] = await Promise.all([
      api.call("PATCH", `/leads/${lead.leadId}`, { token: rep, body: { version: 1, title: "CTO" } }),
      api.call("PATCH", `/leads/${lead.leadId}`, { token: rep, body: { version: 1, title: "CFO" } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ code: "conflict", field: "version" });
    const now = await api.call("GET", `/leads/${lead.leadId}`, { token: rep });
    expect(now.body.version).toBe(2);
    const audit = await api.call("GET", `/audit?recordType=lead&recordId=${lead.leadId}`, { token: rep });
    expect(audit.body.items.map((x: { action: string }) => x.action)).toEqual(["create", "update"]);
  });
});

describe("visibility by team and role", () => {
  it("hides another team's records (404) and forbids listing them (403)", async () => {
    const lead = (await api.call("POST", "/leads", { token: rep, body: { source: "phone", name: "East only" } })).body;
    expect((await api.call("GET", `/leads/${lead.leadId}`, { token: otherRep })).status).toBe(404);
    expect((await api.call("GET", `/leads?teamId=${lead.teamId}`, { token: otherRep })).status).toBe(403);
    expect((await api.call("GET", `/leads/${lead.leadId}`, { token: admin })).status).toBe(200);
    expect((await api.call("GET", `/leads?teamId=${lead.teamId}`, { token: admin })).status).toBe(200);
  });

  it("lets a teammate see but not edit a rep's lead, and the manager edit it", async () => {
    const lead = (await api.call("POST", "/leads", { token: rep, body: { source: "phone", name: "Mine" } })).body;
    expect((await api.call("GET", `/leads/${lead.leadId}`, { token: rep2 })).status).toBe(200);
    expect((await api.call("PATCH", `/leads/${lead.leadId}`, { token: rep2, body: { version: 1, title: "x" } })).status).toBe(403);
    expect((await api.call("PATCH", `/leads/${lead.leadId}`, { token: manager, body: { version: 1, title: "VP" } })).status).toBe(200);
  });

  it("lets only admins create users, teams and pipelines", async () => {
    expect((await api.call("POST", "/teams", { token: manager, body: { name: "Rogue" } })).status).toBe(403);
    expect((await api.call("POST", "/users", { token: rep, body: { email: "x@y.io", name: "X", role: "admin", teamId: "t" } })).status).toBe(403);
  });

  it("refuses to hand a record to someone outside the team", async () => {
    const foreign = (await api.call("GET", "/me", { token: otherRep })).body;
    const res = await api.call("POST", "/leads", { token: manager, body: { source: "phone", name: "Y", ownerId: foreign.userId } });
    expect(res).toMatchObject({ status: 422, body: { field: "ownerId" } });
  });
});

describe("accounts, contacts, deals and activities", () => {
  it("walks a deal from creation through a stage move, with history, audit and events", async () => {
    const account = (await api.call("POST", "/accounts", { token: rep, body: { name: "星云医疗 Test", domain: "xingyun-test.cn", industry: "healthcare" } })).body;
    const contact = await api.call("POST", "/contacts", { token: rep, body: { accountId: account.accountId, name: "陈静", title: "CIO" } });
    expect(contact.status).toBe(201);
    const created = await api.call("POST", "/opportunities", { token: rep, body: { name: "HIS upgrade", accountId: account.accountId, amount: 250000, contacts: [{ contactId: contact.body.contactId, role: "decision_maker" }] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stage: "initial_contact", probability: 10, forecastCategory: "pipeline", status: "open" });
    const id = created.body.opportunityId;

    const unknown = await api.call("PATCH", `/opportunities/${id}`, { token: rep, body: { version: 1, stage: "teleported" } });
    expect(unknown).toMatchObject({ status: 422, body: { code: "unknown_stage", field: "stage" } });

    const moved = await api.call("PATCH", `/opportunities/${id}`, { token: rep, body: { version: 1, stage: "needs_analysis" } });
    expect(moved.body).toMatchObject({ stage: "needs_analysis", probability: 25, version: 2 });
    const full = await api.call("GET", `/opportunities/${id}`, { token: rep });
    expect(full.body.stageHistory.map((h: { stage: string }) => h.stage)).toEqual(["initial_contact", "needs_analysis"]);
    expect(api.events.find((e) => e.name === "opportunity.stage_changed" && e.data.opportunityId === id)?.data).toMatchObject({ fromStage: "initial_contact", toStage: "needs_analysis" });

    const board = await api.call("GET", `/opportunities?pipelineId=${created.body.pipelineId}&stage=needs_analysis`, { token: rep });
    expect(board.body.items.map((o: { opportunityId: string }) => o.opportunityId)).toContain(id);

    const patchClose = await api.call("PATCH", `/opportunities/${id}`, { token: rep, body: { version: 2, status: "lost" } });
    expect(patchClose).toMatchObject({ status: 400, body: { field: "status" } });
    const lost = await api.call("POST", `/opportunities/${id}/close`, { token: rep, body: { version: 2, outcome: "lost", winningCompetitor: "unknown" } });
    expect(lost).toMatchObject({ status: 400, body: { field: "reasonKey" } });
  });

  it("refuses a contact at another account in a deal's buying committee", async () => {
    const a1 = (await api.call("POST", "/accounts", { token: rep, body: { name: "Alpha Co" } })).body;
    const a2 = (await api.call("POST", "/accounts", { token: rep, body: { name: "Beta Co" } })).body;
    const stranger = (await api.call("POST", "/contacts", { token: rep, body: { accountId: a2.accountId, name: "Stranger" } })).body;
    const res = await api.call("POST", "/opportunities", { token: rep, body: { name: "D", accountId: a1.accountId, contacts: [{ contactId: stranger.contactId, role: "influencer" }] } });
    expect(res).toMatchObject({ status: 422, body: { field: "contacts.0.contactId" } });
  });

  it("logs an activity on a deal's timeline, newest first", async () => {
    const deals = await api.call("GET", "/opportunities?limit=1", { token: rep });
    const deal = deals.body.items[0];
    const me = (await api.call("GET", "/me", { token: manager })).body;
    const res = await api.call("POST", "/activities", { token: rep, body: { subjectType: "opportunity", subjectId: deal.opportunityId, type: "visit", title: "On-site demo", mentions: [me.userId] } });
    expect(res.status).toBe(201);
    const timeline = await api.call("GET", `/activities?subjectType=opportunity&subjectId=${deal.opportunityId}`, { token: rep });
    expect(timeline.body.items[0].activityId).toBe(res.body.activityId);
    const done = await api.call("PATCH", `/activities/${res.body.activityId}`, { token: rep, body: { version: 1, done: true, outcome: "Demo went well" } });
    expect(done).toMatchObject({ status: 200, body: { done: true, version: 2 } });
    const bad = await api.call("POST", "/activities", { token: rep, body: { subjectType: "opportunity", subjectId: "nope", type: "call", title: "x" } });
    expect(bad).toMatchObject({ status: 422, body: { field: "subjectId" } });
  });
});
