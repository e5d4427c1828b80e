import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Order, Team, User, systemPrincipal, type Ctx, type Principal } from "@dealflow/core";
import { paymentEvents } from "@dealflow/core/events/payments.events";
import { getPlan, receivablesAgeing, recordPayment, setPlan, updateCollectionSettings, collectionExecutionName } from "@dealflow/core/payment/index";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { instalmentCollectionStartHandler } from "@dealflow/functions/events/instalment-collection-start";
import { instalmentCollectionStopHandler } from "@dealflow/functions/events/instalment-collection-stop";
import { instalmentCollectionTasks } from "@dealflow/functions/workflows/instalment-collection-tasks";
import { localStateMachineArn, readAslFile } from "@dealflow/local/workflow/asl-validation";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { seedOrder } from "../api/payments-fixture.ts";
import { deliverThroughRule } from "../events/collab-fixtures.ts";
import { entered, envelopeOf, eventually, historyOf, sfnClient, statusOf } from "./deal-flow-fixture.ts";

const arn = localStateMachineArn("instalment-collection");
const machine = { arn, definition: readAslFile(join(import.meta.dirname, "../../infra/state-machines/instalment-collection.asl.json")) };
const env = await testRuntimeDeps({ machines: { "instalment-collection": machine }, tasks: (deps) => instalmentCollectionTasks(deps), stateMachineArns: { "instalment-collection": arn } });
const { deps, events, mail } = env;
const sfn = sfnClient(env.statesUrl);
const start = instalmentCollectionStartHandler(deps);
const stop = instalmentCollectionStopHandler(deps);
const executionArn = (instalmentId: string, v: number) => `${arn.replace(":stateMachine:", ":execution:")}:${collectionExecutionName(instalmentId, v)}`;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const today = new Date().toISOString().slice(0, 10);

/** A team with a manager and a rep who owns the orders; reminders 3 s before the due time, overdue 1 s after it. */
async function world(tag: string, financeEmail?: string) {
  const ctx = (actor: Principal): Ctx => ({ db: deps.db, publisher: deps.publisher, clock: deps.clock, actor });
  const sys = ctx(systemPrincipal);
  const team = await Team.createTeam(sys, { name: `Collect ${tag}`, timezone: "Asia/Shanghai" });
  const person = async (role: "manager" | "rep", name: string): Promise<Principal & { name: string }> => {
    const u = await User.createUser(sys, { email: `${name.toLowerCase()}.${tag}@collect.test`, name: `${name} ${tag}`, role, teamId: team.teamId });
    return { userId: u.userId, email: u.email, role, teamId: team.teamId, name: u.name };
  };
  const manager = await person("manager", "Mo");
  const rep = await person("rep", "Ray");
  await updateCollectionSettings(ctx(manager), team.teamId, { remindBefore: "3s", grace: "1s", ...(financeEmail && { financeEmail }) });
  return { teamId: team.teamId, rep, manager, as: ctx };
}

type World = Awaited<ReturnType<typeof world>>;

async function planned(w: World, dueDate: string, orderExtra: { financeEmail?: string } = {}) {
  const order = await seedOrder(deps.db, { teamId: w.teamId, ownerId: w.rep.userId, totalCents: 120_000, ...orderExtra });
  const plan = await setPlan(w.as(w.rep), order.orderId, { instalments: [{ amountCents: 120_000, dueDate }] });
  const event = events.filter((e) => e.name === "payment_plan.set" && e.data.orderId === order.orderId).at(-1) as DomainEvent;
  const instalmentId = plan.instalments[0]?.instalmentId ?? "";
  return { order, plan, event, instalmentId };
}

const mailAbout = (orderNumber: string) => mail.messages().filter((m) => m.subject.includes(orderNumber));
const readInstalment = async (orderId: string, instalmentId: string) => (await deps.db.entities.instalment.get({ orderId, instalmentId }).go({ consistent: true })).data;

describe("instalment-collection: one execution per instalment reminds before the due time and escalates after it", () => {
  it("reminds the owner before the due time, then marks it overdue and emails the owner and the finance contact", async () => {
    const w = await world("late");
    const { order, event, instalmentId } = await planned(w, inSeconds(5), { financeEmail: "ap@customer-finance.test" });
    await start(envelopeOf(event));
    await start(envelopeOf(event));

    const reminder = await mail.waitFor((m) => m.subject.startsWith("Payment due soon") && m.subject.includes(order.orderNumber), 10_000);
    expect(reminder.to).toEqual([w.rep.email]);
    expect(reminder.subject).toMatch(new RegExp(`^Payment due soon: ${order.orderNumber} instalment 1, 1,200.00 CNY due `));
    expect(reminder.text).toContain(`${deps.appUrl}/#/orders/${order.orderId}`);
    const reminded = await readInstalment(order.orderId, instalmentId);
    expect(Date.parse(reminded?.reminderMailedAt ?? "")).toBeLessThan(Date.parse(reminded?.dueAt ?? ""));

    const overdue = await mail.waitFor((m) => m.subject.startsWith("Overdue") && m.subject.includes(order.orderNumber), 12_000);
    expect(overdue.to).toEqual([w.rep.email, "ap@customer-finance.test"]);
    expect(overdue.subject).toBe(`Overdue: ${order.orderNumber} instalment 1, 1,200.00 CNY outstanding`);
    expect(overdue.text).toContain(`Deal owner: ${w.rep.name} <${w.rep.email}>. Finance contact: ap@customer-finance.test.`);
    expect(await readInstalment(order.orderId, instalmentId)).toMatchObject({ status: "overdue", paidCents: 0 });
    const marked = events.filter((e) => e.name === "instalment.overdue" && e.data.instalmentId === instalmentId);
    expect(marked).toHaveLength(1);
    expect(paymentEvents["instalment.overdue"].schema.parse(marked[0]?.data)).toMatchObject({ outstandingCents: 120_000, orderNumber: order.orderNumber });

    const exec = executionArn(instalmentId, 1);
    await eventually("the execution ends", async () => (await statusOf(sfn, exec)) === "SUCCEEDED");
    expect(entered(await historyOf(sfn, exec))).toEqual([
      "LoadCollection", "RouteCollection", "WaitForCollectionTime", "RouteCollectionStep", "SendPaymentReminder",
      "RouteCollection", "WaitForCollectionTime", "RouteCollectionStep", "MarkInstalmentOverdue", "RouteCollection", "CollectionEnded",
    ]);
    // payment_plan.set delivered again after the execution ended: nobody is mailed twice, nothing is published twice.
    await start(envelopeOf(event));
    await sleep(1_500);
    expect(mailAbout(order.orderNumber)).toHaveLength(2);
    expect(events.filter((e) => e.name === "instalment.overdue" && e.data.instalmentId === instalmentId)).toHaveLength(1);
    // A partial payment afterwards keeps it overdue; the API and the ageing show what is still owed.
    const part = await recordPayment(w.as(w.rep), order.orderId, { instalmentId, amountCents: 20_000, receivedOn: today });
    expect(part.instalment).toMatchObject({ status: "overdue", outstandingCents: 100_000 });
    const ageing = await receivablesAgeing(w.as(w.manager), { teamId: w.teamId });
    expect(ageing.instalments).toEqual([expect.objectContaining({ instalmentId, outstandingCents: 100_000 })]);
  }, 30_000);

  it("sends the overdue notice to the team's finance contact when the order names none", async () => {
    const w = await world("teamfin", "finance@team.test");
    const { order, event } = await planned(w, inSeconds(2));
    await start(envelopeOf(event));
    const overdue = await mail.waitFor((m) => m.subject.startsWith("Overdue") && m.subject.includes(order.orderNumber), 10_000);
    expect(overdue.to).toEqual([w.rep.email, "finance@team.test"]);
    // Due in 2 s with reminders 3 s ahead: the reminder time had passed at once, and it was still sent before the due time.
    expect(mailAbout(order.orderNumber).map((m) => m.subject.split(":")[0])).toEqual(["Payment due soon", "Overdue"]);
  }, 20_000);

  it("a payment in full stops the execution (instalment.paid): no reminder, no overdue notice", async () => {
    const w = await world("paid");
    const { order, event, instalmentId } = await planned(w, inSeconds(5));
    await start(envelopeOf(event));
    await recordPayment(w.as(w.manager), order.orderId, { instalmentId, amountCents: 120_000, receivedOn: today });
    const paid = events.find((e) => e.name === "instalment.paid" && e.data.instalmentId === instalmentId) as DomainEvent;
    await stop(envelopeOf(paid));
    await stop(envelopeOf(paid));
    expect(await statusOf(sfn, executionArn(instalmentId, 1))).toBe("ABORTED");
    await sleep(7_000);
    expect(mailAbout(order.orderNumber)).toEqual([]);
    expect(events.some((e) => e.name === "instalment.overdue" && e.data.instalmentId === instalmentId)).toBe(false);
  }, 20_000);

  it("a cancelled order stops its executions (order.cancelled) or its tasks find it cancelled: no mail, nothing owed", async () => {
    const w = await world("cancel", "finance@cancel.test");
    const stopped = await planned(w, inSeconds(5));
    const unsignalled = await planned(w, inSeconds(5));
    await start(envelopeOf(stopped.event));
    await start(envelopeOf(unsignalled.event));
    for (const o of [stopped.order, unsignalled.order]) await Order.updateOrder(w.as(w.manager), o.orderId, { version: 1, status: "cancelled", cancelReason: "Customer withdrew" });
    const cancelled = events.filter((e) => e.name === "order.cancelled" && e.data.orderId === stopped.order.orderId);
    expect(cancelled).toEqual([expect.objectContaining({ data: expect.objectContaining({ orderNumber: stopped.order.orderNumber, cancelReason: "Customer withdrew" }) })]);
    // Through the rule, delivered twice (at least once): the second stop is a no-op; order.updated is not routed.
    const ofOrder = events.filter((e) => e.data.orderId === stopped.order.orderId);
    expect(await deliverThroughRule("InstalmentCollectionStop", [...ofOrder, ...cancelled], stop)).toBe(2);
    expect(await statusOf(sfn, executionArn(stopped.instalmentId, 1))).toBe("ABORTED");

    const quiet = executionArn(unsignalled.instalmentId, 1);
    await eventually("the unsignalled execution ends by itself", async () => (await statusOf(sfn, quiet)) === "SUCCEEDED", 12_000);
    await sleep(Math.max(0, Date.parse(stopped.plan.instalments[0]?.dueAt ?? "") + 2_000 - Date.now()));
    expect([...mailAbout(stopped.order.orderNumber), ...mailAbout(unsignalled.order.orderNumber)]).toEqual([]);
    expect(events.some((e) => e.name === "instalment.overdue" && [stopped.instalmentId, unsignalled.instalmentId].includes(String(e.data.instalmentId)))).toBe(false);
    const view = await getPlan(w.as(w.rep), stopped.order.orderId);
    expect(view).toMatchObject({ outstandingCents: 0, instalments: [{ status: "void", outstandingCents: 0 }] });
    expect((await receivablesAgeing(w.as(w.manager), { teamId: w.teamId })).rows).toEqual([]);
  }, 30_000);

  it("every task re-checks: paid in full without the stop event, the timer ends with no mail", async () => {
    const w = await world("recheck");
    const { order, event, instalmentId } = await planned(w, inSeconds(4));
    await start(envelopeOf(event));
    await recordPayment(w.as(w.rep), order.orderId, { instalmentId, amountCents: 120_000, receivedOn: today });
    const exec = executionArn(instalmentId, 1);
    await eventually("the execution ends by itself", async () => (await statusOf(sfn, exec)) === "SUCCEEDED", 10_000);
    expect(entered(await historyOf(sfn, exec))).toEqual(["LoadCollection", "RouteCollection", "WaitForCollectionTime", "RouteCollectionStep", "SendPaymentReminder", "RouteCollection", "CollectionEnded"]);
    expect(mailAbout(order.orderNumber)).toEqual([]);
  }, 20_000);

  it("a replaced plan stops the old executions and starts the new ones; a redelivery starts nothing twice", async () => {
    const w = await world("replace");
    const first = await planned(w, "2027-06-30");
    await start(envelopeOf(first.event));
    await start(envelopeOf(first.event));
    const v1 = executionArn(first.instalmentId, 1);
    expect(await statusOf(sfn, v1)).toBe("RUNNING");
    const second = await setPlan(w.as(w.manager), first.order.orderId, { planVersion: 1, instalments: [{ pct: 40, dueDate: "2027-03-31" }, { pct: 60, dueDate: "2027-09-30" }] });
    const replaced = events.filter((e) => e.name === "payment_plan.set" && e.data.orderId === first.order.orderId).at(-1) as DomainEvent;
    await start(envelopeOf(replaced));
    expect(await statusOf(sfn, v1)).toBe("ABORTED");
    for (const i of second.instalments) expect(await statusOf(sfn, executionArn(i.instalmentId, 2))).toBe("RUNNING");
    // The first plan's event arriving late starts nothing: that plan is gone.
    await start(envelopeOf(first.event));
    expect(await statusOf(sfn, v1)).toBe("ABORTED");
    for (const i of second.instalments) await stop(envelopeOf({ ...replaced, name: "instalment.paid", data: { instalmentId: i.instalmentId, planVersion: 2 } }));
  }, 20_000);
});
