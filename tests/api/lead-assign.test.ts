import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Lead, systemPrincipal, type Ctx } from "@dealflow/core";
import { systemClock } from "@dealflow/core/ports/clock";
import { startTestApi } from "../support/api.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
const tokens: Record<string, string> = {};
const ids: Record<string, { userId: string; teamId: string }> = {};
const people = ["admin", "zhang.wei", "li.na", "wang.fang", "chen.jie", "liu.yang", "sarah.lee", "tom.baker"] as const;

beforeAll(async () => {
  api = await startTestApi();
  for (const p of people) {
    tokens[p] = await api.login(`${p}@dealflow.dev`);
    const me = await api.call("GET", "/me", { token: tokens[p] });
    ids[p] = { userId: me.body.userId, teamId: me.body.teamId };
  }
});

const id = (p: (typeof people)[number]) => ids[p]?.userId ?? "";
const east = () => ids["li.na"]?.teamId ?? "";

/** An unowned lead in East, as a marketing capture leaves it. */
async function unownedLead(name = `Lead ${randomUUID().slice(0, 6)}`) {
  const sys: Ctx = { db: api.db, publisher: { publish: async (b) => void api.events.push(...b) }, clock: systemClock, actor: systemPrincipal };
  return Lead.createLead(sys, { source: "marketing_event", name, email: `${randomUUID().slice(0, 8)}@example.test`, teamId: east() });
}

const assign = (who: (typeof people)[number], leadId: string, body: unknown) => api.call("POST", `/leads/${leadId}/assign`, { token: tokens[who] ?? "", body });
const loadOf = async (userId: string) => (await api.call("GET", "/assignment/loads", { token: tokens["zhang.wei"] ?? "" })).body.items.find((i: { userId: string }) => i.userId === userId)?.openLeads;

describe("POST /leads/{id}/assign", () => {
  it("lets a manager assign a lead: owner, status, audit entry, lead.assigned, first-contact task, load", async () => {
    const lead = await unownedLead("周明 Zhou Ming");
    const res = await assign("zhang.wei", lead.leadId, { ownerId: id("li.na"), version: lead.version, reason: "Speaks the customer's dialect" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ownerId: id("li.na"), status: "assigned", version: lead.version + 1 });

    const event = api.events.find((e) => e.name === "lead.assigned" && (e.data as { leadId: string }).leadId === lead.leadId);
    expect(event?.data).toEqual({ leadId: lead.leadId, teamId: east(), ownerId: id("li.na"), previousOwnerId: null, method: "manual", reason: "Speaks the customer's dialect" });
    expect(res.body.assignedAt).toBe(event?.occurredAt);
    const audit = await api.call("GET", `/audit?recordType=lead&recordId=${lead.leadId}`, { token: tokens["zhang.wei"] ?? "" });
    const entry = audit.body.items.find((e: { action: string }) => e.action === "assign");
    expect(entry).toMatchObject({ actorId: id("zhang.wei"), changes: expect.arrayContaining([{ field: "ownerId", old: null, new: id("li.na") }]) });
    const timeline = await api.call("GET", `/activities?subjectType=lead&subjectId=${lead.leadId}`, { token: tokens["li.na"] ?? "" });
    expect(timeline.body.items).toEqual([expect.objectContaining({ type: "task", title: "First contact: 周明 Zhou Ming", authorId: id("li.na"), done: false })]);
    expect(await loadOf(id("li.na"))).toBe(1);
  });

  it("reassigns: the previous owner is named and the load moves with the lead", async () => {
    const lead = await unownedLead();
    const first = await assign("zhang.wei", lead.leadId, { ownerId: id("chen.jie") });
    const before = { chen: await loadOf(id("chen.jie")), liu: await loadOf(id("liu.yang")) };
    const res = await assign("zhang.wei", lead.leadId, { ownerId: id("liu.yang"), version: first.body.version });
    expect(res.status).toBe(200);
    expect(res.body.ownerId).toBe(id("liu.yang"));
    expect(api.events.filter((e) => e.name === "lead.assigned" && (e.data as { leadId: string }).leadId === lead.leadId).at(-1)?.data).toMatchObject({ previousOwnerId: id("chen.jie"), ownerId: id("liu.yang") });
    expect({ chen: await loadOf(id("chen.jie")), liu: await loadOf(id("liu.yang")) }).toEqual({ chen: before.chen - 1, liu: before.liu + 1 });
  });

  it("lets a rep take an unowned lead of their team for themselves only", async () => {
    const lead = await unownedLead();
    expect((await assign("wang.fang", lead.leadId, { ownerId: id("li.na") })).status).toBe(403);
    const mine = await assign("wang.fang", lead.leadId, { ownerId: id("wang.fang") });
    expect(mine.status).toBe(200);
    expect(mine.body.ownerId).toBe(id("wang.fang"));
    const taken = await assign("chen.jie", lead.leadId, { ownerId: id("chen.jie") });
    expect(taken).toMatchObject({ status: 403, body: { code: "forbidden", field: "ownerId" } });
  });

  it("refuses bad requests with clear errors and changes nothing", async () => {
    const lead = await unownedLead();
    expect((await assign("sarah.lee", lead.leadId, { ownerId: id("sarah.lee") })).status).toBe(404);
    expect((await assign("zhang.wei", lead.leadId, { ownerId: id("tom.baker") })).body).toMatchObject({ code: "invalid_owner", field: "ownerId" });
    expect((await assign("zhang.wei", lead.leadId, { ownerId: id("li.na"), version: 99 })).status).toBe(409);
    expect((await assign("zhang.wei", lead.leadId, { ownerId: 42 })).body).toMatchObject({ code: "validation_failed", field: "ownerId" });
    expect((await assign("zhang.wei", lead.leadId, { owner: id("li.na") })).status).toBe(400);
    expect((await api.call("POST", `/leads/${lead.leadId}/assign`, { token: tokens["zhang.wei"] ?? "", raw: "{not json" })).status).toBe(400);
    expect((await assign("zhang.wei", "no-such-lead", { ownerId: id("li.na") })).status).toBe(404);
    const unchanged = await api.call("GET", `/leads/${lead.leadId}`, { token: tokens["zhang.wei"] ?? "" });
    expect(unchanged.body).toMatchObject({ version: lead.version, status: "new" });
    expect(unchanged.body.ownerId).toBeUndefined();

    const closed = await api.call("PATCH", `/leads/${lead.leadId}`, { token: tokens["zhang.wei"] ?? "", body: { version: lead.version, status: "disqualified" } });
    expect((await assign("zhang.wei", lead.leadId, { ownerId: id("li.na"), version: closed.body.version })).body).toMatchObject({ code: "lead_closed", field: "status" });
  });

  it("lets an admin move a lead to another team's rep", async () => {
    const lead = await unownedLead();
    const res = await assign("admin", lead.leadId, { ownerId: id("tom.baker") });
    expect(res.body).toMatchObject({ ownerId: id("tom.baker"), teamId: ids["tom.baker"]?.teamId });
  });

  it("keeps the new owner's capacity (422 over_capacity)", async () => {
    const user = await api.call("GET", `/users/${id("chen.jie")}`, { token: tokens.admin ?? "" });
    const load = await loadOf(id("chen.jie"));
    const capped = await api.call("PATCH", `/users/${id("chen.jie")}`, { token: tokens.admin ?? "", body: { version: user.body.version, capacity: load } });
    expect(capped.status).toBe(200);
    const res = await assign("zhang.wei", (await unownedLead()).leadId, { ownerId: id("chen.jie") });
    expect(res).toMatchObject({ status: 422, body: { code: "over_capacity", field: "ownerId" } });
    expect(await loadOf(id("chen.jie"))).toBe(load);
  });
});

describe("GET/PUT /settings/assignment", () => {
  it("shows the teams' own territories until an admin saves rules, and guards the change", async () => {
    const defaults = await api.call("GET", "/settings/assignment", { token: tokens["zhang.wei"] ?? "" });
    expect(defaults.body).toMatchObject({ source: "teams", version: null, methods: {} });
    expect(defaults.body.territories).toEqual(expect.arrayContaining([{ teamId: east(), match: { regions: ["华东"] } }]));
    expect((await api.call("GET", "/settings/assignment", { token: tokens["li.na"] ?? "" })).status).toBe(403);

    const rules = { territories: [{ match: { regions: ["华东"], industries: ["software"] }, teamId: east() }], methods: { [east()]: "least_loaded" } };
    expect((await api.call("PUT", "/settings/assignment", { token: tokens["zhang.wei"] ?? "", body: rules })).status).toBe(403);
    const unknown = await api.call("PUT", "/settings/assignment", { token: tokens.admin ?? "", body: { ...rules, territories: [{ match: {}, teamId: "nope" }] } });
    expect(unknown.body).toMatchObject({ code: "unknown_team", field: "territories.0.teamId" });
    expect((await api.call("PUT", "/settings/assignment", { token: tokens.admin ?? "", body: { ...rules, methods: { [east()]: "random" } } })).status).toBe(400);

    const saved = await api.call("PUT", "/settings/assignment", { token: tokens.admin ?? "", body: rules });
    expect(saved.body).toMatchObject({ source: "saved", version: 1, methods: { [east()]: "least_loaded" }, territories: [{ teamId: east(), match: { regions: ["华东"], industries: ["software"] } }] });
    expect((await api.call("PUT", "/settings/assignment", { token: tokens.admin ?? "", body: rules })).body).toMatchObject({ code: "validation_failed", field: "version" });
    expect((await api.call("PUT", "/settings/assignment", { token: tokens.admin ?? "", body: { ...rules, version: 1, methods: {} } })).body).toMatchObject({ version: 2, methods: {} });
    expect((await api.call("PUT", "/settings/assignment", { token: tokens.admin ?? "", body: { ...rules, version: 1 } })).status).toBe(409);
  });
});
