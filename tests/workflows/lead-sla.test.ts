import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StopExecutionCommand } from "@aws-sdk/client-sfn";
import { Activity } from "@dealflow/core";
import { startLocalRuntime, type LocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { getSla, slasOf } from "@dealflow/core/lead-sla/index";
import { leadSlaStartHandler } from "@dealflow/functions/events/lead-sla-start";
import { leadFirstContactHandler } from "@dealflow/functions/events/lead-first-contact";
import { leadSlaTasks } from "@dealflow/functions/workflows/lead-sla-tasks";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { entered, eventually, historyOf, sfnClient, statusOf } from "./deal-flow-fixture.ts";
import { assignedEnvelope, assignedEvent, envelopeOf, executionArn, lastEvent, leadSlaArn, leadSlaMachine, ownedLead, sleep, slaWorld } from "./lead-sla-fixture.ts";

const env = await testRuntimeDeps({ machines: { "lead-sla": leadSlaMachine }, tasks: (deps) => leadSlaTasks(deps), stateMachineArns: { "lead-sla": leadSlaArn } });
const { deps, events, mail } = env;
const sfn = sfnClient(env.statesUrl);
const start = leadSlaStartHandler(deps);
const contact = leadFirstContactHandler(deps);
const readLead = async (id: string) => (await deps.db.entities.lead.get({ leadId: id }).go({ consistent: true })).data;
const mailAbout = (leadId: string) => mail.messages().filter((m) => m.text.includes(`/leads/${leadId}`));
const breaches = (leadId: string) => events.filter((e) => e.name === "lead.sla_breached" && e.data.leadId === leadId).map((e) => e.data.level);
const slaOf = async (leadId: string) => (await slasOf(deps.db, leadId)).at(-1);

describe("lead-sla: one execution per assignment holds the lead to its response SLA", () => {
  it("walks the ladder: reminder to the owner, escalation to the manager, then back to the pool", async () => {
    const w = await slaWorld(deps, "ladder", { response: "2s", escalate: "2s", pool: "2s" });
    const lead = await ownedLead(w, "Ada Ladder");
    await start(assignedEnvelope(lead, w.rep.userId));
    const sla = await slaOf(lead.leadId);
    expect(sla).toMatchObject({ state: "waiting", breachLevel: 0, ownerId: w.rep.userId, teamId: w.teamId });
    expect((await readLead(lead.leadId))?.slaDueAt).toBe(sla?.dueAt);

    const reminder = await mail.waitFor((m) => m.subject.startsWith("Reminder") && m.text.includes(lead.leadId), 8_000);
    expect(reminder.to).toEqual([w.rep.email]);
    expect(reminder.subject).toBe('Reminder: first contact with "Ada Ladder" is overdue');
    const inApp = await deps.db.entities.notification.query.byUser({ userId: w.rep.userId }).go();
    expect(inApp.data.map((n) => n.text)).toEqual([expect.stringContaining("First contact overdue: \"Ada Ladder\" (Ada Ladder GmbH)")]);

    const escalation = await mail.waitFor((m) => m.subject.startsWith("Escalation") && m.text.includes(lead.leadId), 8_000);
    expect(escalation.to).toEqual([w.manager.email]);
    expect(escalation.text).toContain(`Owner: ${w.rep.name} <${w.rep.email}>.`);
    expect(escalation.text).toContain("Due: ");
    expect(escalation.text).toContain(`${deps.appUrl}/#/leads/${lead.leadId}`);

    const pooled = await eventually("the lead is back in the pool", async () => (await readLead(lead.leadId))?.pooled === true && readLead(lead.leadId), 8_000);
    expect(pooled).toMatchObject({ status: "recycled", lastOwnerId: w.rep.userId, slaBreachLevel: 3 });
    expect(pooled && "ownerId" in pooled ? pooled.ownerId : undefined).toBeUndefined();
    expect(breaches(lead.leadId)).toEqual([1, 2, 3]);
    expect(lastEvent(events, "lead.sla_breached", (d) => d.leadId === lead.leadId).data).toMatchObject({ level: 3, ownerId: w.rep.userId, teamId: w.teamId, dueAt: sla?.dueAt, assignedAt: sla?.assignedAt });
    expect(events.some((e) => e.name === "lead.released" && e.data.leadId === lead.leadId)).toBe(true);
    expect(await getSla(deps.db, lead.leadId, sla?.assignedAt ?? "")).toMatchObject({ state: "closed", outcome: "pooled", met: false, breachLevel: 3 });

    const arn = executionArn(sla?.executionName ?? "");
    await eventually("the execution ends", async () => (await statusOf(sfn, arn)) === "SUCCEEDED");
    expect(entered(await historyOf(sfn, arn))).toEqual([
      "LoadLeadSla", "RouteLeadSla", "WaitForDeadline", "RouteBreach",
      "RemindLeadOwner", "RouteLeadSla", "WaitForDeadline", "RouteBreach",
      "EscalateLeadToManager", "RouteLeadSla", "WaitForDeadline", "RouteBreach",
      "ReturnLeadToPool", "RouteLeadSla", "LeadSlaEnded",
    ]);
    expect(mailAbout(lead.leadId)).toHaveLength(2);
  }, 30_000);

  it("a first contact before the due time ends the execution: status contacted, no mail", async () => {
    const w = await slaWorld(deps, "contact", { response: "3s", escalate: "2s", pool: "2s" });
    const lead = await ownedLead(w, "Cy Contact");
    await start(assignedEnvelope(lead, w.rep.userId));
    const sla = await slaOf(lead.leadId);
    const call = await Activity.createActivity(w.ctx(w.rep), { subjectType: "lead", subjectId: lead.leadId, type: "call", title: "First call" });
    const created = lastEvent(events, "activity.created", (d) => d.activityId === call.activityId);
    await contact(envelopeOf(created));
    await contact(envelopeOf(created));

    expect(await readLead(lead.leadId)).toMatchObject({ status: "contacted", firstContactAt: created.occurredAt });
    expect(events.filter((e) => e.name === "lead.first_contacted" && e.data.leadId === lead.leadId).map((e) => e.data)).toEqual([
      { leadId: lead.leadId, teamId: w.teamId, ownerId: w.rep.userId, activityId: call.activityId, at: created.occurredAt },
    ]);
    expect(await statusOf(sfn, executionArn(sla?.executionName ?? ""))).toBe("ABORTED");
    expect(await slaOf(lead.leadId)).toMatchObject({ state: "closed", outcome: "met", met: true, firstContactAt: created.occurredAt, contactActivityId: call.activityId });
    await sleep(3_500);
    expect(mailAbout(lead.leadId)).toEqual([]);
    expect(breaches(lead.leadId)).toEqual([]);
  }, 20_000);

  it("a contact whose event has not arrived by the due time still counts: the task finds it, nothing is sent", async () => {
    const w = await slaWorld(deps, "lagging", { response: "2s", escalate: "2s", pool: "2s" });
    const lead = await ownedLead(w, "Lee Lagging");
    await start(assignedEnvelope(lead, w.rep.userId));
    const sla = await slaOf(lead.leadId);
    const visit = await Activity.createActivity(w.ctx(w.rep), { subjectType: "lead", subjectId: lead.leadId, type: "visit", title: "Dropped by" });

    const arn = executionArn(sla?.executionName ?? "");
    await eventually("the execution ends", async () => (await statusOf(sfn, arn)) === "SUCCEEDED", 8_000);
    expect(entered(await historyOf(sfn, arn)).slice(-3)).toEqual(["RemindLeadOwner", "RouteLeadSla", "LeadSlaEnded"]);
    expect(await slaOf(lead.leadId)).toMatchObject({ state: "closed", outcome: "met", met: true, contactActivityId: visit.activityId });
    expect(await readLead(lead.leadId)).toMatchObject({ status: "contacted", firstContactAt: visit.createdAt });
    await contact(envelopeOf(lastEvent(events, "activity.created", (d) => d.activityId === visit.activityId)));
    expect(events.filter((e) => e.name === "lead.first_contacted" && e.data.leadId === lead.leadId)).toHaveLength(1);
    expect(mailAbout(lead.leadId)).toEqual([]);
    expect(breaches(lead.leadId)).toEqual([]);
  }, 20_000);

  it("the same lead.assigned delivered twice (and at once) starts one execution and sends one reminder", async () => {
    const w = await slaWorld(deps, "dupes", { response: "1s", escalate: "1h", pool: "1d" });
    const lead = await ownedLead(w, "Dee Dupe");
    const envelope = assignedEnvelope(lead, w.rep.userId);
    await Promise.all([start(envelope), start(envelope)]);
    await mail.waitFor((m) => m.subject.startsWith("Reminder") && m.text.includes(lead.leadId), 8_000);
    await start(envelope);
    await sleep(1_500);

    expect(await slasOf(deps.db, lead.leadId)).toHaveLength(1);
    const sla = await slaOf(lead.leadId);
    expect(sla).toMatchObject({ state: "breached", breachLevel: 1, met: false });
    const history = await historyOf(sfn, executionArn(sla?.executionName ?? ""));
    expect(entered(history).filter((s) => s === "RemindLeadOwner")).toHaveLength(1);
    expect(mailAbout(lead.leadId)).toHaveLength(1);
    expect(breaches(lead.leadId)).toEqual([1]);
  }, 20_000);

  it("a new assignment stops the old execution and starts the new owner's; an older event changes nothing", async () => {
    const w = await slaWorld(deps, "reassign", { response: "1h", escalate: "1h", pool: "1d" });
    const lead = await ownedLead(w, "Rae Reassign");
    const first = assignedEnvelope(lead, w.rep.userId);
    await start(first);
    const old = await slaOf(lead.leadId);
    const current = await readLead(lead.leadId);
    const { Lead } = await import("@dealflow/core");
    await Lead.updateLead(w.ctx(w.manager), lead.leadId, { version: current?.version ?? 0, ownerId: w.rep2.userId });
    await start(assignedEnvelope(lead, w.rep2.userId));
    await start(first);

    const all = await slasOf(deps.db, lead.leadId);
    expect(all.map((s) => [s.ownerId, s.state, s.outcome])).toEqual([[w.rep.userId, "closed", "reassigned"], [w.rep2.userId, "waiting", undefined]]);
    expect(await statusOf(sfn, executionArn(old?.executionName ?? ""))).toBe("ABORTED");
    expect(await statusOf(sfn, executionArn(all[1]?.executionName ?? ""))).toBe("RUNNING");
    expect((await readLead(lead.leadId))?.slaDueAt).toBe(all[1]?.dueAt);
  }, 20_000);
});

describe("lead-sla across a restart of the local runtime", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dealflow-lead-sla-"));
  let runtime: LocalRuntime | undefined;
  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  type Inbox = { subject: string; text: string; to: { address: string }[] }[];
  const inbox = async (rt: LocalRuntime) => (await (await fetch(`${rt.endpoints.mail}/api/email`)).json()) as Inbox;

  it("timers pending at shutdown fire after the restart, once; an execution lost meanwhile is restarted by reconcile", async () => {
    runtime = await startLocalRuntime({ dataDir });
    const rt = runtime;
    const w = await slaWorld(rt.deps, "restart", { response: "6s", escalate: "2s", pool: "1h" });
    const [pending, lost] = [await ownedLead(w, "Pat Pending"), await ownedLead(w, "Lou Lost")];
    // Over the local bus, as the assignment consumer publishes it.
    await rt.deps.publisher.publish([assignedEvent(pending, w.rep.userId), assignedEvent(lost, w.rep.userId)]);
    const waiting = (leadId: string) => eventually(`${leadId} waits for its deadline`, async () => {
      const sla = (await slasOf(rt.db, leadId)).at(-1);
      const history = sla ? await historyOf(sfnClient(rt.endpoints.states ?? ""), executionArn(sla.executionName)).catch(() => []) : [];
      return entered(history).includes("WaitForDeadline") && sla;
    });
    const [pendingSla, lostSla] = [await waiting(pending.leadId), await waiting(lost.leadId)];
    await sfnClient(rt.endpoints.states ?? "").send(new StopExecutionCommand({ executionArn: executionArn(lostSla.executionName) }));
    await rt.bus.idle();
    expect((await getSla(rt.db, pending.leadId, pendingSla.assignedAt))?.breachLevel).toBe(0);
    await rt.stop();

    runtime = await startLocalRuntime({ dataDir });
    const again = runtime;
    expect(again.slasReconciled).toEqual({ started: [lost.leadId], stopped: [] });
    const about = async (lead: { leadId: string }, kind: string) => (await inbox(again)).filter((m) => m.subject.startsWith(kind) && m.text.includes(lead.leadId));
    await eventually("both leads are escalated", async () => (await about(pending, "Escalation")).length > 0 && (await about(lost, "Escalation")).length > 0, 20_000);
    await sleep(1_500);
    for (const lead of [pending, lost]) {
      expect((await about(lead, "Reminder")).map((m) => m.to[0]?.address)).toEqual([w.rep.email]);
      expect((await about(lead, "Escalation")).map((m) => m.to[0]?.address)).toEqual([w.manager.email]);
    }
    const sfn = sfnClient(again.endpoints.states ?? "");
    expect(entered(await historyOf(sfn, executionArn(pendingSla.executionName))).filter((s) => s === "RemindLeadOwner")).toHaveLength(1);
    expect((await slasOf(again.db, lost.leadId)).map((s) => [s.executionName, s.breachLevel])).toEqual([[`${lostSla.executionName}-2`, 2]]);
  }, 120_000);
});
