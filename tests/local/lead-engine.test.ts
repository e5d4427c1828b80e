import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { Team, User, systemPrincipal, type Ctx } from "@dealflow/core";
import { slasOf } from "@dealflow/core/lead-sla/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { startLocalRuntime, type LocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { entered, eventually, historyOf, sfnClient } from "../workflows/deal-flow-fixture.ts";
import { executionArn, sleep } from "../workflows/lead-sla-fixture.ts";

/**
 * Issue 3's whole chain on the local runtime, every hop through the real parts: a marketing system's events on
 * the bus (plain AWS SDK), the capture, scoring and assignment consumers behind their rule patterns, the lead-SLA
 * state machine from its ASL file, mail read back from the SMTP capture over its HTTP API. SLAs are seconds.
 */
let rt: LocalRuntime;
const seen: BusEnvelope[] = [];
type Mail = { subject: string; text: string; to: { address: string }[] };
const inbox = async () => (await (await fetch(`${rt.endpoints.mail}/api/email`)).json()) as Mail[];
const published = (name: string, leadId: string) => seen.filter((e) => e["detail-type"] === name && (e.detail as { data?: { leadId?: string } }).data?.leadId === leadId);
const dataOf = (e: BusEnvelope | undefined) => (e?.detail as { data: Record<string, unknown> } | undefined)?.data;

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${rt.endpoints.api}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
async function login(email: string): Promise<string> {
  const res = await fetch(`${rt.endpoints.api}/auth/dev-login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  return ((await res.json()) as { token: string }).token;
}

let team: { teamId: string; manager: { userId: string; email: string; name: string }; reps: { userId: string; email: string; name: string }[] };

beforeAll(async () => {
  rt = await startLocalRuntime({ onEvent: (e) => seen.push(e) });
  const sys: Ctx = { db: rt.deps.db, publisher: rt.deps.publisher, clock: rt.deps.clock, actor: systemPrincipal };
  const t = await Team.createTeam(sys, { name: "Inbound APAC", regions: ["APAC"], timezone: "Asia/Shanghai" });
  const person = (email: string, name: string, role: "manager" | "rep") => User.createUser(sys, { email, name, role, teamId: t.teamId, locale: "en" });
  const manager = await person("mei.manager@engine.test", "Mei Manager", "manager");
  const reps = [await person("ray.rep@engine.test", "Ray Rep", "rep"), await person("rosa.rep@engine.test", "Rosa Rep", "rep")];
  await Team.updateTeam(sys, t.teamId, { version: t.version, managerId: manager.userId });
  team = { teamId: t.teamId, manager, reps };
  // The manager compresses the ladder to seconds over the API: due 3 s after assignment, escalate 3 s later, pool 3 s after that.
  const saved = await api("PUT", `/teams/${t.teamId}/sla`, await login(manager.email), { twentyFourSeven: true, responseTime: "3s", escalateAfter: "3s", poolAfter: "3s" });
  expect(saved).toMatchObject({ status: 200, body: { responseTime: "3s", version: 1 } });
}, 120_000);

afterAll(async () => {
  await rt?.stop();
});

describe("the lead engine end to end on the local runtime", () => {
  it("marketing event → lead → scored and qualified → assigned → reminder → manager escalation → pool → reassigned → first contact ends the SLA; every event delivered again changes nothing", async () => {
    const client = new EventBridgeClient({ endpoint: rt.endpoints.events, region: "us-east-1", credentials: { accessKeyId: "any", secretAccessKey: "any" } });
    const person = { name: "Ada Engine", email: "ada@engine-corp.example", phone: "+86 138 0013 8000", title: "CTO", company: { name: "Engine Corp", industry: "software", size: "1000+", region: "APAC" }, campaign: "Spring webinar" };
    const put = async (detailType: string, detail: unknown) =>
      (await client.send(new PutEventsCommand({ Entries: [{ Source: "marketing.hubspot", DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: "dealflow-local" }] }))).Entries?.[0]?.EventId ?? "";

    // 1. Captured: one lead with the event's id, E.164 phone, in the team whose territory covers APAC.
    const captured = await put("Lead Captured", person);
    const leadId = `evt-${captured}`;
    const lead = await eventually("the lead is captured", async () => (await rt.db.entities.lead.get({ leadId }).go()).data ?? undefined);
    expect(lead).toMatchObject({ teamId: team.teamId, email: person.email, phone: "+8613800138000", source: "marketing_event", campaign: "Spring webinar" });

    // 2. Scored on fit (CTO, 1000+, software, email, phone = 50 < 60), then assigned round-robin to a rep.
    const firstAssigned = await eventually("the lead is assigned", async () => published("lead.assigned", leadId)[0]);
    const firstOwner = String(dataOf(firstAssigned)?.ownerId);
    expect(team.reps.map((r) => r.userId)).toContain(firstOwner);
    expect(dataOf(published("lead.scored", leadId)[0])).toMatchObject({ fitScore: 50, qualified: false });

    // 3. A demo request on the bus lifts interest over the threshold: lead.qualified, once.
    await put("Lead Activity", { email: "ADA@engine-corp.example", activityType: "demo_request" });
    await eventually("the lead is qualified", async () => published("lead.qualified", leadId)[0]);
    const managerToken = await login(team.manager.email);
    const score = await api("GET", `/leads/${leadId}/score`, managerToken);
    expect(score).toMatchObject({ status: 200, body: { stored: { fitScore: 50, interestScore: 15, totalScore: 65, qualifiedAt: expect.any(String) } } });

    // 4. Nobody calls: reminder to the owner, escalation to the manager (lead, owner, link), then the pool.
    const owner = team.reps.find((r) => r.userId === firstOwner) ?? team.reps[0]!;
    const other = team.reps.find((r) => r.userId !== firstOwner) ?? team.reps[1]!;
    const about = async (prefix: string) => (await inbox()).filter((m) => m.subject.startsWith(prefix) && m.text.includes(leadId));
    const [reminder] = await eventually("the owner is reminded", async () => (await about("Reminder")).length > 0 && about("Reminder"), 10_000);
    expect(reminder?.to.map((t) => t.address)).toEqual([owner.email]);
    expect(reminder?.subject).toBe('Reminder: first contact with "Ada Engine" is overdue');
    const [escalation] = await eventually("the manager gets the escalation", async () => (await about("Escalation")).length > 0 && about("Escalation"), 10_000);
    expect(escalation?.to.map((t) => t.address)).toEqual([team.manager.email]);
    expect(escalation?.text).toContain("Ada Engine");
    expect(escalation?.text).toContain(`Owner: ${owner.name} <${owner.email}>.`);
    expect(escalation?.text).toContain(`/#/leads/${leadId}`);
    // The next assignment gets an hour (the first one's ladder was fixed when it began), so the next rep's call is
    // in time however slow this machine is.
    expect(await api("PUT", `/teams/${team.teamId}/sla`, managerToken, { version: 1, responseTime: "1h" })).toMatchObject({ status: 200, body: { version: 2 } });

    // 5. Breach 3: the lead leaves the first owner and goes to the other rep of the team, with a fresh SLA.
    const reassigned = await eventually("the lead is reassigned", async () => published("lead.assigned", leadId)[1], 15_000);
    expect(dataOf(reassigned)).toMatchObject({ ownerId: other.userId, teamId: team.teamId });
    expect(published("lead.sla_breached", leadId).map((e) => dataOf(e)?.level)).toEqual([1, 2, 3]);
    const second = await eventually("the new owner's SLA runs", async () => (await slasOf(rt.db, leadId)).find((s) => s.ownerId === other.userId));

    // 6. The new owner calls in time (over the API): the SLA closes as met and the execution stops.
    const call = await api("POST", "/activities", await login(other.email), { subjectType: "lead", subjectId: leadId, type: "call", title: "First call", outcome: "Demo booked" });
    expect(call.status).toBe(201);
    await eventually("the SLA is met", async () => (await slasOf(rt.db, leadId)).find((s) => s.ownerId === other.userId && s.outcome === "met"));
    await rt.bus.idle();
    const slas = await slasOf(rt.db, leadId);
    expect(slas.map((s) => [s.ownerId, s.outcome, s.breachLevel])).toEqual([[owner.userId, "pooled", 3], [other.userId, "met", 0]]);
    const states = entered(await historyOf(sfnClient(rt.endpoints.states ?? ""), executionArn(second.executionName)));
    expect(states).not.toContain("RemindLeadOwner");
    const stored = (await rt.db.entities.lead.get({ leadId }).go()).data;
    expect(stored).toMatchObject({ ownerId: other.userId, status: "contacted", slaBreachLevel: 0 });

    // 7. At-least-once: every event of this lead's story is delivered again, same ids. Nothing changes, no mail.
    await sleep(3_500); // past where the first ladder's 3-second steps would fall: a stray reminder would show now
    const mailBefore = (await inbox()).length;
    const story = seen.filter((e) => e.id === captured || JSON.stringify(e.detail).includes(leadId));
    const eventsBefore = seen.length;
    for (const e of story) rt.bus.deliverAgain(e);
    await rt.bus.idle();
    await sleep(500);
    expect(story.length).toBeGreaterThan(10);
    expect(seen.slice(eventsBefore).map((e) => e["detail-type"])).toEqual([]);
    expect((await inbox()).length).toBe(mailBefore);
    expect(await slasOf(rt.db, leadId)).toEqual(slas);
    expect((await rt.db.entities.lead.get({ leadId }).go()).data).toEqual(stored);
    expect((await rt.db.entities.lead.query.byTeamStatus({ teamId: team.teamId }).go({ pages: "all" })).data.map((l) => l.leadId)).toEqual([leadId]);
    expect(rt.bus.dlq()).toEqual([]);

    // 8. The manager's SLA view up to the second owner's due time: no open breach; one miss (first owner), one hit (second).
    const view = await api("GET", `/sla/leads?to=${encodeURIComponent(new Date(Date.now() + 2 * 3_600_000).toISOString())}`, managerToken);
    expect(view.body.openBreaches).toEqual([]);
    expect(view.body.compliance.team).toEqual({ met: 1, missed: 1, total: 2, percent: 50 });
    expect(view.body.compliance.byRep).toEqual(expect.arrayContaining([
      { ownerId: owner.userId, ownerName: owner.name, met: 0, missed: 1, total: 1, percent: 0 },
      { ownerId: other.userId, ownerName: other.name, met: 1, missed: 0, total: 1, percent: 100 },
    ]));
    client.destroy();
  }, 90_000);
});
