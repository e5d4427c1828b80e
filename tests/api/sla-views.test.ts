import { afterAll, describe, expect, it } from "vitest";
import { startApiServer } from "@dealflow/local/api/api-server";
import { leadSlaStartHandler } from "@dealflow/functions/events/lead-sla-start";
import { leadFirstContactHandler } from "@dealflow/functions/events/lead-first-contact";
import { leadSlaTasks } from "@dealflow/functions/workflows/lead-sla-tasks";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { eventually } from "../workflows/deal-flow-fixture.ts";
import { assignedEnvelope, envelopeOf, lastEvent, leadSlaArn, leadSlaMachine, ownedLead, slaWorld, type SlaWorld } from "../workflows/lead-sla-fixture.ts";

const env = await testRuntimeDeps({ machines: { "lead-sla": leadSlaMachine }, tasks: (deps) => leadSlaTasks(deps), stateMachineArns: { "lead-sla": leadSlaArn } });
const { deps, events } = env;
const api = await startApiServer(deps, { devTokenSecret: "test-secret-not-for-production" });
afterAll(() => api.close());
const start = leadSlaStartHandler(deps);
const contact = leadFirstContactHandler(deps);

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${api.url}${path}`, { method, headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
async function login(email: string): Promise<string> {
  const res = await fetch(`${api.url}/auth/dev-login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  return ((await res.json()) as { token: string }).token;
}

/** Assigns a new lead to `owner` and, if asked, logs a call on it through the API (delivered to the consumer). */
async function assign(w: SlaWorld, name: string, owner: SlaWorld["rep"], opts: { callWith?: string } = {}) {
  const lead = await ownedLead(w, name, owner);
  await start(assignedEnvelope(lead, owner.userId));
  if (opts.callWith) {
    const res = await call("POST", "/activities", opts.callWith, { subjectType: "lead", subjectId: lead.leadId, type: "call", title: "Intro call" });
    expect(res.status).toBe(201);
    await contact(envelopeOf(lastEvent(events, "activity.created", (d) => d.activityId === res.body.activityId)));
  }
  return lead;
}

describe("team SLA settings over the API", () => {
  it("shows defaults until saved; only the team's manager saves; bad input is a 400 naming the field", async () => {
    const w = await slaWorld(deps, "settings");
    const [rep, manager] = [await login(w.rep.email), await login(w.manager.email)];
    const path = `/teams/${w.teamId}/sla`;
    expect((await call("GET", path, rep)).body).toMatchObject({
      teamId: w.teamId, timeZone: "Asia/Shanghai", workingDays: [1, 2, 3, 4, 5], workStart: "09:00", workEnd: "18:00",
      holidays: [], twentyFourSeven: false, responseTime: "2h", escalateAfter: "2h", poolAfter: "1d", version: null,
    });
    expect((await call("PUT", path, rep, { responseTime: "1h" })).body).toMatchObject({ code: "forbidden" });

    const bad: [unknown, string][] = [
      [{ workStart: "9am" }, "workStart"], [{ workStart: "18:00", workEnd: "09:00" }, "workEnd"], [{ timeZone: "Mars/Olympus" }, "timeZone"],
      [{ responseTime: "2 hours" }, "responseTime"], [{ holidays: ["2025-13-01"] }, "holidays.0"], [{ workingDays: [1, 1] }, "workingDays"], [{ slaHours: 2 }, ""],
    ];
    for (const [body, field] of bad) {
      const res = await call("PUT", path, manager, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: "validation_failed", message: expect.any(String) });
      if (field) expect(res.body.field).toBe(field);
    }

    const saved = await call("PUT", path, manager, { timeZone: "America/New_York", holidays: ["2025-12-25"], responseTime: "30m", poolAfter: "2d" });
    expect(saved).toMatchObject({ status: 200, body: { timeZone: "America/New_York", holidays: ["2025-12-25"], responseTime: "30m", escalateAfter: "2h", poolAfter: "2d", version: 1 } });
    expect((await call("PUT", path, manager, { responseTime: "1h" })).body).toMatchObject({ code: "validation_failed", field: "version" });
    expect((await call("PUT", path, manager, { version: 1, twentyFourSeven: true, responseTime: "45s" })).body).toMatchObject({ twentyFourSeven: true, responseTime: "45s", version: 2 });
    expect((await call("PUT", path, manager, { version: 1, responseTime: "1h" })).status).toBe(409);

    const other = await slaWorld(deps, "other-team");
    expect((await call("GET", path, await login(other.manager.email))).status).toBe(404);
  });
});

describe("the manager's SLA view and the rep's queue", () => {
  it("lists open breaches and compliance by rep and team; the rep's queue puts the breach first", async () => {
    const w = await slaWorld(deps, "views", { response: "3s", escalate: "1h", pool: "1d" });
    const [rep, rep2, manager] = [await login(w.rep.email), await login(w.rep2.email), await login(w.manager.email)];
    const from = new Date(Date.now() - 60_000).toISOString();
    const onTime = await assign(w, "On Time", w.rep, { callWith: rep });
    const missed = await assign(w, "Missed", w.rep);
    await assign(w, "Also On Time", w.rep2, { callWith: rep2 });
    await eventually("the missed lead is reminded", async () => events.some((e) => e.name === "lead.sla_breached" && e.data.leadId === missed.leadId), 8_000);
    const fresh = await assign(w, "Fresh", w.rep);

    const view = await call("GET", `/sla/leads?teamId=${w.teamId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 1_000).toISOString())}`, manager);
    expect(view.status).toBe(200);
    expect(view.body.openBreaches).toEqual([
      expect.objectContaining({ leadId: missed.leadId, leadName: "Missed", ownerId: w.rep.userId, ownerName: w.rep.name, level: 1, overdueSeconds: expect.any(Number) }),
    ]);
    expect(view.body.compliance).toEqual({
      team: { met: 2, missed: 1, total: 3, percent: 66.7 },
      byRep: [
        { ownerId: w.rep2.userId, ownerName: w.rep2.name, met: 1, missed: 0, total: 1, percent: 100 },
        { ownerId: w.rep.userId, ownerName: w.rep.name, met: 1, missed: 1, total: 2, percent: 50 },
      ],
    });

    const trend = await call("GET", `/analytics/response-sla?teamId=${w.teamId}`, manager);
    expect(trend.body.overall).toMatchObject({ judged: 3, met: 2, breached: 1, compliance: 0.6667 });
    expect(trend.body.byOwner).toEqual(expect.arrayContaining([expect.objectContaining({ key: w.rep.userId, judged: 2, met: 1 }), expect.objectContaining({ key: w.rep2.userId, judged: 1, met: 1 })]));
    expect(trend.body.byMonth).toEqual([expect.objectContaining({ key: new Date().toISOString().slice(0, 7), judged: 3 })]);
    expect((await call("GET", "/analytics/response-sla", rep)).status).toBe(403);

    const queue = await call("GET", "/leads/queue", rep);
    expect(queue.body.items.map((i: { leadId: string }) => i.leadId)).toEqual([missed.leadId, fresh.leadId, onTime.leadId]);
    expect(queue.body.items[0]).toMatchObject({ overdue: true, breachLevel: 1, status: "assigned" });
    expect(queue.body.items[2]).toMatchObject({ slaDueAt: null, status: "contacted" });
    expect((await call("GET", `/leads/queue?ownerId=${w.rep2.userId}`, manager)).body.items).toHaveLength(1);
  }, 30_000);

  it("refuses reps, other teams and bad periods", async () => {
    const w = await slaWorld(deps, "refusals");
    const [rep, manager] = [await login(w.rep.email), await login(w.manager.email)];
    expect((await call("GET", "/sla/leads", rep)).status).toBe(403);
    expect((await call("GET", "/sla/leads?teamId=another-team", manager)).body).toMatchObject({ code: "forbidden", field: "teamId" });
    expect((await call("GET", "/sla/leads?from=yesterday", manager)).body).toMatchObject({ code: "validation_failed", field: "from" });
    expect((await call("GET", "/sla/leads?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", manager)).body).toMatchObject({ code: "validation_failed", field: "from" });
    expect((await call("GET", `/leads/queue?ownerId=${w.rep2.userId}`, rep)).body).toMatchObject({ code: "forbidden", field: "ownerId" });
    expect((await call("GET", "/sla/leads", manager)).body).toMatchObject({ openBreaches: [], compliance: { team: { total: 0, percent: null }, byRep: [] } });
  });
});
