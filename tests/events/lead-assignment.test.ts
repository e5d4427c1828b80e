import { beforeAll, describe, expect, it } from "vitest";
import { Lead, createDb, systemPrincipal, type Ctx } from "@dealflow/core";
import { assignManually, resyncLeadLoads, updateAssignmentSettings } from "@dealflow/core/assignment/index";
import { validateEvent } from "@dealflow/core/events/index";
import { releaseToPool } from "@dealflow/core/pool/index";
import { updateRecord } from "@dealflow/core/records/record-writer";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { assignedEvents, breachEvent, countsOf, deliverAssignment, deliverLoad, scoredEvent, storedLead, teamWithReps, unownedLead } from "./assignment-fixtures.ts";

let rt: Awaited<ReturnType<typeof testRuntimeDeps>>;
let sys: Ctx;

beforeAll(async () => {
  rt = await testRuntimeDeps();
  sys = { db: rt.deps.db, publisher: rt.deps.publisher, clock: rt.deps.clock, actor: systemPrincipal };
});

async function scoreAndAssign(lead: Lead.Lead): Promise<Lead.Lead> {
  expect(await deliverAssignment(rt.deps, [scoredEvent(lead)])).toBe(1);
  return storedLead(rt.deps.db, lead.leadId);
}

describe("automatic assignment after scoring", () => {
  it("routes a lead to the team covering its region and hands it over: owner, status, task, audit, event", async () => {
    const east = await teamWithReps(rt.deps, "East", [{ id: "east-a" }, { id: "east-b" }], ["华东"]);
    const global = await teamWithReps(rt.deps, "Global", [{ id: "global-a" }], ["APAC", "EMEA"]);
    const lead = await unownedLead(rt.deps, global.teamId, { region: "华东", companyName: "Suzhou Tools" });

    const assigned = await scoreAndAssign(lead);

    expect(assigned).toMatchObject({ teamId: east.teamId, ownerId: "east-a", status: "assigned" });
    const [event] = assignedEvents(rt.events, lead.leadId);
    expect(event?.data).toEqual({ leadId: lead.leadId, teamId: east.teamId, ownerId: "east-a", previousOwnerId: null, method: "round_robin", reason: "scored" });
    expect(assigned.assignedAt).toBe(event?.occurredAt);
    expect(validateEvent({ name: "lead.assigned", version: 1, data: event?.data })).toEqual({ known: true, ok: true });
    const { data: audit } = await rt.deps.db.entities.audit.query.byRecord({ recordType: "lead", recordId: lead.leadId }).go();
    expect(audit.find((a) => a.action === "assign")?.changes).toEqual(expect.arrayContaining([{ field: "ownerId", old: null, new: "east-a" }, { field: "teamId", old: global.teamId, new: east.teamId }]));
    const { data: timeline } = await rt.deps.db.entities.activity.query.bySubject({ subjectType: "lead", subjectId: lead.leadId }).go();
    expect(timeline).toEqual([expect.objectContaining({ type: "task", title: `First contact: ${lead.name}`, authorId: "east-a", dueAt: assigned.assignedAt, done: false })]);
  });

  it("keeps round-robin order across calls and handler instances (persisted cursor), skipping inactive reps", async () => {
    const t = await teamWithReps(rt.deps, "Rota", [{ id: "rota-c" }, { id: "rota-a" }, { id: "rota-gone", active: false }, { id: "rota-b" }]);
    const owners: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) owners.push((await scoreAndAssign(await unownedLead(rt.deps, t.teamId))).ownerId);
    expect(owners).toEqual(["rota-a", "rota-b", "rota-c", "rota-a", "rota-b"]);
  });

  it("respects capacity: a full rep is skipped, and with nobody left the lead waits in the pool and the manager is mailed once", async () => {
    const t = await teamWithReps(rt.deps, "North", [{ id: "north-a", capacity: 1 }, { id: "north-b", capacity: 2 }]);
    const owners: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) owners.push((await scoreAndAssign(await unownedLead(rt.deps, t.teamId))).ownerId);
    expect(owners).toEqual(["north-a", "north-b", "north-b"]);

    const extra = await unownedLead(rt.deps, t.teamId, { name: "Overflow Ltd contact" });
    const event = scoredEvent(extra);
    await deliverAssignment(rt.deps, [event]);
    expect(await storedLead(rt.deps.db, extra.leadId)).toMatchObject({ pooled: true, teamId: t.teamId });
    expect((await storedLead(rt.deps.db, extra.leadId)).ownerId).toBeUndefined();
    const { data: entry } = await rt.deps.db.entities.poolEntry.get({ recordType: "lead", recordId: extra.leadId }).go();
    expect(entry?.pooledAt).toBeDefined();
    const mail = await rt.mail.waitFor((m) => m.to.includes("north.manager@dealflow.test") && m.subject.includes("Overflow Ltd contact"));
    expect(mail.text).toContain("waits unassigned in the team pool");

    await deliverAssignment(rt.deps, [event]);
    await new Promise((r) => setTimeout(r, 300));
    expect(rt.mail.messages().filter((m) => m.subject.includes("Overflow Ltd contact"))).toHaveLength(1);
    expect(await countsOf(rt.deps.db, ["north-a", "north-b"])).toEqual({ counted: { "north-a": 1, "north-b": 2 }, owned: { "north-a": 1, "north-b": 2 } });
  });

  it("assigns once when the same event arrives twice, one after the other or at the same time", async () => {
    const t = await teamWithReps(rt.deps, "Twice", [{ id: "twice-a" }, { id: "twice-b" }]);
    const lead = await unownedLead(rt.deps, t.teamId);
    const event = scoredEvent(lead);
    await Promise.all([deliverAssignment(rt.deps, [event]), deliverAssignment(rt.deps, [event])]);
    await deliverAssignment(rt.deps, [event]);
    expect(assignedEvents(rt.events, lead.leadId)).toHaveLength(1);
    expect((await storedLead(rt.deps.db, lead.leadId)).version).toBe(2);
    expect(await countsOf(rt.deps.db, ["twice-a", "twice-b"])).toEqual({ counted: { "twice-a": 1, "twice-b": 0 }, owned: { "twice-a": 1, "twice-b": 0 } });
  });

  it("never exceeds capacity nor double-assigns under 20 concurrent assignments in one team", async () => {
    const caps = { "rush-a": 5, "rush-b": 6, "rush-c": 4 };
    const t = await teamWithReps(rt.deps, "Rush", Object.entries(caps).map(([id, capacity]) => ({ id, capacity })));
    const leads = await Promise.all(Array.from({ length: 20 }, () => unownedLead(rt.deps, t.teamId)));

    // Four "containers" (each its own Db, as separate Lambda instances would be) race for the same team.
    const containers = Array.from({ length: 4 }, () => ({ ...rt.deps, db: createDb(rt.client, rt.tableName) }));
    await Promise.all(leads.map((l, i) => deliverAssignment(containers[i % 4] ?? rt.deps, [scoredEvent(l)])));

    const stored = await Promise.all(leads.map((l) => storedLead(rt.deps.db, l.leadId)));
    expect(stored.filter((l) => l.ownerId).length).toBe(15);
    expect(stored.filter((l) => l.pooled && !l.ownerId).length).toBe(5);
    for (const l of leads) expect(assignedEvents(rt.events, l.leadId).length).toBeLessThanOrEqual(1);
    expect(await countsOf(rt.deps.db, Object.keys(caps))).toEqual({ counted: caps, owned: caps });
  }, 60_000);
});

describe("reassignment after a missed response SLA (breach level 3)", () => {
  it("gives the lead to another rep of the team, once, and moves the load", async () => {
    const t = await teamWithReps(rt.deps, "Breach", [{ id: "breach-a" }, { id: "breach-b" }]);
    const lead = await scoreAndAssign(await unownedLead(rt.deps, t.teamId));
    expect(lead.ownerId).toBe("breach-a");
    // What the SLA engine does at level 3: recycled, then into the pool with the pool's own release.
    const recycled = await updateRecord(sys, Lead.leadKind, lead, lead.version, { status: "recycled", slaBreachLevel: 3 }, { keyFields: ["teamId", "status", "createdAt", "ownerId"] });
    await releaseToPool(sys, "lead", lead.leadId, { version: (recycled.record as Lead.Lead).version, reason: "Response SLA missed" });
    const breach = breachEvent(lead, "breach-a", 3, String(lead.assignedAt));

    await deliverAssignment(rt.deps, [breachEvent(lead, "breach-a", 1, String(lead.assignedAt)), breach]);
    await deliverAssignment(rt.deps, [breach]);

    const after = await storedLead(rt.deps.db, lead.leadId);
    expect(after).toMatchObject({ ownerId: "breach-b", status: "assigned", pooled: false });
    const events = assignedEvents(rt.events, lead.leadId);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ ownerId: "breach-a", reason: "scored" }),
      { leadId: lead.leadId, teamId: t.teamId, ownerId: "breach-b", previousOwnerId: "breach-a", method: "round_robin", reason: "sla_breach" },
    ]);
    const { data: entry } = await rt.deps.db.entities.poolEntry.get({ recordType: "lead", recordId: lead.leadId }).go();
    expect(entry).toMatchObject({ claimedBy: "breach-b" });
    expect(entry?.pooledAt).toBeUndefined();
    await deliverLoad(rt.deps, rt.events);
    expect(await countsOf(rt.deps.db, ["breach-a", "breach-b"])).toEqual({ counted: { "breach-a": 0, "breach-b": 1 }, owned: { "breach-a": 0, "breach-b": 1 } });
  });
});

describe("loads", () => {
  it("follow leads changed outside assignment (created owned, disqualified), exactly once whatever the delivery order", async () => {
    const t = await teamWithReps(rt.deps, "Loads", [{ id: "loads-a" }, { id: "loads-b" }]);
    const mine = await Lead.createLead(t.as("loads-a"), { source: "phone", name: "Walk-in", email: "walk-in@example.test" });
    const assigned = await scoreAndAssign(await unownedLead(rt.deps, t.teamId));
    await Lead.updateLead(t.as("loads-manager", "manager"), assigned.leadId, { version: assigned.version, status: "disqualified" });
    const laterFirst = rt.events.filter((e) => [mine.leadId, assigned.leadId].includes((e.data as { leadId?: string }).leadId ?? "")).reverse();

    await deliverLoad(rt.deps, laterFirst);
    await deliverLoad(rt.deps, laterFirst.reverse());

    expect(await countsOf(rt.deps.db, ["loads-a", "loads-b"])).toEqual({ counted: { "loads-a": 1, "loads-b": 0 }, owned: { "loads-a": 1, "loads-b": 0 } });
  });

  it("can be rebuilt from the leads themselves after lost events, and a second rebuild changes nothing", async () => {
    const t = await teamWithReps(rt.deps, "Lost", [{ id: "lost-a" }]);
    await Lead.createLead(t.as("lost-a"), { source: "phone", name: "Never counted", email: "never-counted@example.test" });
    expect((await countsOf(rt.deps.db, ["lost-a"])).counted).toEqual({ "lost-a": 0 });

    expect((await resyncLeadLoads(rt.deps.db, () => new Date())).moved).toBeGreaterThan(0);
    expect(await resyncLeadLoads(rt.deps.db, () => new Date())).toMatchObject({ moved: 0 });
    expect(await countsOf(rt.deps.db, ["lost-a"])).toEqual({ counted: { "lost-a": 1 }, owned: { "lost-a": 1 } });
  });

  it("least-loaded gives the lead to the rep with the fewest open leads, ties in rotation order", async () => {
    const t = await teamWithReps(rt.deps, "West", [{ id: "west-a" }, { id: "west-b" }, { id: "west-c" }]);
    await updateAssignmentSettings(sys, { territories: [], methods: { [t.teamId]: "least_loaded" } });
    const manager = t.as(t.manager.userId, "manager");
    for (const ownerId of ["west-a", "west-a", "west-b"]) await assignManually(manager, (await unownedLead(rt.deps, t.teamId)).leadId, { ownerId });
    const owners: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) owners.push((await scoreAndAssign(await unownedLead(rt.deps, t.teamId))).ownerId);
    expect(owners).toEqual(["west-c", "west-b", "west-c", "west-a"]);
    const last = rt.events.filter((e) => e.name === "lead.assigned").at(-1);
    expect(last?.data).toMatchObject({ ownerId: "west-a", method: "least_loaded" });
  });
});
