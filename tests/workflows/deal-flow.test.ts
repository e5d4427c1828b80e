import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StopExecutionCommand } from "@aws-sdk/client-sfn";
import { Opportunity } from "@dealflow/core";
import { getFlow } from "@dealflow/core/deal-flow/index";
import { markSignaled, storeToken } from "@dealflow/core/deal-flow/flow-store";
import { dealClosedHandler } from "@dealflow/functions/events/deal-closed";
import { dealOpenedHandler } from "@dealflow/functions/events/deal-opened";
import { dealStageChangedHandler } from "@dealflow/functions/events/deal-stage-changed";
import { dealFlowTasks } from "@dealflow/functions/workflows/deal-flow-tasks";
import { reconcileDealFlowsWith } from "@dealflow/functions/workflows/deal-flow-reconcile";
import { startLocalRuntime, type LocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { type FlowWorld, dealFlowArn, dealFlowMachine, entered, envelopeOf, eventually, flowWorld, historyOf, lastEvent, newDeal, sfnClient, statusOf } from "./deal-flow-fixture.ts";

const settings = { graceSeconds: 2 };
const env = await testRuntimeDeps({ machines: { "deal-flow": dealFlowMachine }, tasks: (deps) => dealFlowTasks(deps, settings), stateMachineArns: { "deal-flow": dealFlowArn } });
const { deps, events, mail } = env;
const sfn = sfnClient(env.statesUrl);
const consumers = { opened: dealOpenedHandler(deps, settings), moved: dealStageChangedHandler(deps, settings), closed: dealClosedHandler(deps, settings) };
const world = await flowWorld(deps, "main");

const deliver = (name: string, opportunityId: string) => {
  const envelope = envelopeOf(lastEvent(events, name, opportunityId));
  const consumer = { "opportunity.created": consumers.opened, "opportunity.reopened": consumers.opened, "opportunity.stage_changed": consumers.moved, "opportunity.closed": consumers.closed }[name];
  if (!consumer) throw new Error(`no consumer for ${name}`);
  return consumer(envelope);
};
const readDeal = async (id: string) => (await deps.db.entities.opportunity.get({ opportunityId: id }).go()).data;
const flowOf = async (id: string) => getFlow(deps.db, id);
const waitingOn = (id: string, seq: number) => eventually(`the execution waits on stay ${seq}`, async () => (await flowOf(id))?.waitingSeq === seq && (await flowOf(id)));
const move = async (id: string, stage: string, w: FlowWorld = world) => {
  const deal = await readDeal(id);
  if (!deal) throw new Error(`deal ${id} is gone`);
  return Opportunity.updateOpportunity(w.ctx(w.owner), id, { version: deal.version, stage });
};
const open = async (name: string, inWorld: FlowWorld = world) => {
  const deal = await newDeal(inWorld, name);
  await deliver("opportunity.created", deal.opportunityId);
  const flow = await waitingOn(deal.opportunityId, 1);
  return { deal, executionArn: flow.executionArn ?? "" };
};
const mailFor = (id: string) => mail.messages().filter((m) => m.text.includes(`/deals/${id}`));

describe("deal-flow: one execution per open deal, held to the stage SLA", () => {
  it("walks a deal through stages: a breach reminds the owner, then escalates to the manager and flags the deal stale", async () => {
    const { deal, executionArn } = await open("Walkthrough");
    expect(executionArn).toMatch(new RegExp(`:execution:deal-flow:${deal.opportunityId}$`));
    expect(await statusOf(sfn, executionArn)).toBe("RUNNING");

    await move(deal.opportunityId, "proposal");
    await deliver("opportunity.stage_changed", deal.opportunityId);
    await waitingOn(deal.opportunityId, 2);

    const reminder = await mail.waitFor((m) => m.subject.startsWith("Reminder") && m.text.includes(deal.opportunityId), 8_000);
    expect(reminder.to).toEqual([world.owner.email]);
    expect(reminder.subject).toContain('"Walkthrough" is overdue in proposal');
    expect(reminder.text).toContain(`${deps.appUrl}/deals/${deal.opportunityId}`);
    expect(reminder.headers).toHaveProperty("x-dealflow-idempotency-key", `deal-flow:${deal.opportunityId}:2:reminder`);
    await eventually("the deal shows the reminder", async () => (await readDeal(deal.opportunityId))?.slaState === "reminded");

    const escalation = await mail.waitFor((m) => m.subject.startsWith("Escalation") && m.text.includes(deal.opportunityId), 8_000);
    expect(escalation.to).toEqual([world.manager.email]);
    expect(escalation.text).toContain(`Owner: ${world.ownerName} <${world.owner.email}>`);
    expect(escalation.text).toContain(`${deps.appUrl}/deals/${deal.opportunityId}`);
    const stale = await eventually("the deal is flagged stale", async () => (await readDeal(deal.opportunityId))?.stale === true && readDeal(deal.opportunityId));
    expect(stale).toMatchObject({ stale: true, slaState: "stale", status: "open" });
    expect(lastEvent(events, "opportunity.stale_flagged", deal.opportunityId).data).toMatchObject({ stage: "proposal", seq: 2 });

    const history = await eventually("the stale deal waits without a timer", async () => {
      const events = await historyOf(sfn, executionArn);
      return entered(events).includes("AwaitDealMoveUntimed") && events;
    });
    expect(entered(history)).toEqual([
      "LoadDeal", "RouteDeal", "AwaitDealMove", // discovery
      "RouteDeal", "AwaitDealMove", // moved to proposal
      "OnDealTimeout", "RemindDealOwner", "RouteDeal", "AwaitDealMove", // SLA breached: reminder, grace period
      "OnDealTimeout", "EscalateDealToManager", "FlagDealStale", "RouteDeal", "AwaitDealMoveUntimed", // escalated, stale
    ]);
    expect(history.filter((e) => e.type === "TaskTimedOut")).toHaveLength(2);
    expect(mailFor(deal.opportunityId)).toHaveLength(2);

    // Moving the stale deal revives it: a fresh timer and the flags cleared.
    await move(deal.opportunityId, "negotiation");
    await deliver("opportunity.stage_changed", deal.opportunityId);
    await waitingOn(deal.opportunityId, 3);
    await eventually("the SLA flags are cleared", async () => (await readDeal(deal.opportunityId))?.slaState === "on_track");
    expect(await readDeal(deal.opportunityId)).toMatchObject({ stale: false, stage: "negotiation" });
  }, 30_000);

  it("a stage move before the SLA runs out restarts the timer and sends nothing", async () => {
    const roomy = await flowWorld(deps, "roomy", [4, 4, 4]);
    const { deal, executionArn } = await open("On time", roomy);
    await new Promise((r) => setTimeout(r, 2_500));
    await move(deal.opportunityId, "proposal", roomy); // 2.5 s into discovery's 4 s
    await deliver("opportunity.stage_changed", deal.opportunityId);
    await waitingOn(deal.opportunityId, 2);
    await new Promise((r) => setTimeout(r, 2_000)); // past discovery's deadline, within proposal's 4 s
    await move(deal.opportunityId, "negotiation", roomy);
    await deliver("opportunity.stage_changed", deal.opportunityId);
    await waitingOn(deal.opportunityId, 3);

    expect(mailFor(deal.opportunityId)).toEqual([]);
    const history = await historyOf(sfn, executionArn);
    expect(entered(history)).not.toContain("OnDealTimeout");
    expect(history.filter((e) => e.type === "TaskTimedOut")).toEqual([]);
    expect((await readDeal(deal.opportunityId))?.slaState).toBeUndefined();
  }, 20_000);

  it("the same stage_changed event delivered twice (and at once) signals the execution once", async () => {
    const { deal, executionArn } = await open("Duplicates");
    await move(deal.opportunityId, "signature");
    await Promise.all([deliver("opportunity.stage_changed", deal.opportunityId), deliver("opportunity.stage_changed", deal.opportunityId)]);
    await waitingOn(deal.opportunityId, 2);
    await deliver("opportunity.stage_changed", deal.opportunityId);

    const history = await historyOf(sfn, executionArn);
    const signaled = history.filter((e) => e.type === "TaskSucceeded");
    // LoadDeal's result, then the one signal of the move; the untimed wait for "signature" is still open.
    expect(signaled).toHaveLength(2);
    expect(entered(history)).toEqual(["LoadDeal", "RouteDeal", "AwaitDealMove", "RouteDeal", "AwaitDealMoveUntimed"]);
    expect(await flowOf(deal.opportunityId)).toMatchObject({ waitingSeq: 2, signaledSeq: 2 });
  }, 20_000);

  it("records a signal whose execution already waits on the next stay with a fresh token, and leaves that token", async () => {
    const { deal } = await open("Signal race");
    const before = await flowOf(deal.opportunityId);
    const at = new Date().toISOString();
    // The engine took the signal and the execution stored the token of its next wait before the consumer got to
    // record its own signal: the order a busy machine gives.
    expect(await storeToken(deps.db, { opportunityId: deal.opportunityId, executionName: before?.executionName ?? "", seq: 2, taskToken: "next-wait", at })).toBe(true);
    expect(await markSignaled(deps.db, deal.opportunityId, before?.taskToken ?? "", 2, at)).toBe(true);
    expect(await flowOf(deal.opportunityId)).toMatchObject({ taskToken: "next-wait", waitingSeq: 2, signaledSeq: 2 });
    // A late record of an older signal does not move it back.
    expect(await markSignaled(deps.db, deal.opportunityId, "spent-long-ago", 1, at)).toBe(false);
    expect((await flowOf(deal.opportunityId))?.signaledSeq).toBe(2);
  }, 20_000);

  it("closing the deal stops its execution; reopening starts a fresh one under a new name", async () => {
    const { deal, executionArn } = await open("Closing");
    const current = await readDeal(deal.opportunityId);
    await Opportunity.closeOpportunity(world.ctx(world.owner), deal.opportunityId, { version: current?.version ?? 0, outcome: "won" });
    await deliver("opportunity.closed", deal.opportunityId);
    await deliver("opportunity.closed", deal.opportunityId);
    expect(await statusOf(sfn, executionArn)).toBe("ABORTED");
    expect(await flowOf(deal.opportunityId)).toMatchObject({ status: "closed", generation: 1 });

    const closed = await readDeal(deal.opportunityId);
    await Opportunity.reopenOpportunity(world.ctx(world.owner), deal.opportunityId, { version: closed?.version ?? 0, reason: "Customer came back" });
    await deliver("opportunity.reopened", deal.opportunityId);
    await deliver("opportunity.reopened", deal.opportunityId);
    const reopened = await waitingOn(deal.opportunityId, 2);
    expect(reopened).toMatchObject({ status: "open", generation: 2, executionName: `${deal.opportunityId}-2` });
    expect(await statusOf(sfn, reopened.executionArn ?? "")).toBe("RUNNING");
    expect(mailFor(deal.opportunityId)).toEqual([]);
  }, 20_000);
});

describe("deal-flow reconcile at local start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dealflow-reconcile-"));
  let runtime: LocalRuntime | undefined;
  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("after a restart starts the executions open deals lack and stops those of closed deals", async () => {
    runtime = await startLocalRuntime({ dataDir });
    const rt = runtime;
    const w = await flowWorld(rt.deps, "restart", [600, 600, 600]);
    const quiet = { ...w.ctx(w.owner), publisher: { publish: async () => {} } };
    const flowAt = (id: string, seq: number) => eventually(`deal ${id} waits`, async () => (await getFlow(rt.db, id))?.waitingSeq === seq && getFlow(rt.db, id));
    const kept = await newDeal(w, "Kept");
    const lost = await newDeal(w, "Lost execution");
    const orphan = await newDeal(w, "Closed while nobody listened");
    const [keptFlow, lostFlow, orphanFlow] = await Promise.all([flowAt(kept.opportunityId, 1), flowAt(lost.opportunityId, 1), flowAt(orphan.opportunityId, 1)]);
    const unstarted = await Opportunity.createOpportunity(quiet, { name: "Created while the bus was down", accountId: w.accountId, pipelineId: w.pipelineId });
    const sfn = sfnClient(rt.endpoints.states ?? "");
    await sfn.send(new StopExecutionCommand({ executionArn: lostFlow?.executionArn ?? "" }));
    const orphanDeal = await rt.db.entities.opportunity.get({ opportunityId: orphan.opportunityId }).go();
    await Opportunity.closeOpportunity(quiet, orphan.opportunityId, { version: orphanDeal.data?.version ?? 0, outcome: "won" });
    await rt.bus.idle();
    await rt.stop();

    runtime = await startLocalRuntime({ dataDir });
    const again = sfnClient(runtime.endpoints.states ?? "");
    expect(runtime.reconciled.stopped).toEqual([orphanFlow?.executionArn]);
    expect([...runtime.reconciled.started].sort()).toEqual([lost.opportunityId, unstarted.opportunityId].sort());
    expect(await statusOf(again, keptFlow?.executionArn ?? "")).toBe("RUNNING");
    expect(await statusOf(again, orphanFlow?.executionArn ?? "")).toBe("ABORTED");
    expect(await statusOf(again, `${dealFlowArn.replace(":stateMachine:", ":execution:")}:${lost.opportunityId}-2`)).toBe("RUNNING");
    expect(await statusOf(again, `${dealFlowArn.replace(":stateMachine:", ":execution:")}:${unstarted.opportunityId}`)).toBe("RUNNING");
    expect(await reconcileDealFlowsWith(runtime.deps, again)).toEqual({ started: [], stopped: [] });
  }, 120_000);
});
