import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Team, User, systemPrincipal, type Ctx } from "@dealflow/core";
import { validateEvent } from "@dealflow/core/events/index";
import { collectionExecutionName } from "@dealflow/core/payment/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { localStateMachineArn } from "@dealflow/local/workflow/asl-validation";
import { startLocalRuntime, type LocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { eventually, sfnClient, statusOf } from "../workflows/deal-flow-fixture.ts";

/**
 * Issue 7's whole chain on the local runtime, every hop through the real parts: the API over HTTP, domain events
 * on the local bus and its rules (quote approval mail, collection start and stop), the instalment-collection
 * machine from its ASL file, mail read back from the SMTP capture over its HTTP API. Due times are seconds away.
 */
let rt: LocalRuntime;
const seen: BusEnvelope[] = [];
type Body = Record<string, any>;
type Mail = { subject: string; text: string; to: { address: string }[] };
const inbox = async () => (await (await fetch(`${rt.endpoints.mail}/api/email`)).json()) as Mail[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const today = new Date().toISOString().slice(0, 10);
const finance = "ar@customer-finance.example";

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${rt.endpoints.api}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as Body };
}
async function login(email: string): Promise<string> {
  const res = await fetch(`${rt.endpoints.api}/auth/dev-login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  return ((await res.json()) as { token: string }).token;
}

const who: Record<"admin" | "manager" | "rep", { email: string; token: string }> = {} as never;
let teamId = "";

beforeAll(async () => {
  rt = await startLocalRuntime({ onEvent: (e) => seen.push(e) });
  const sys: Ctx = { db: rt.deps.db, publisher: rt.deps.publisher, clock: rt.deps.clock, actor: systemPrincipal };
  const team = await Team.createTeam(sys, { name: "Cash East", timezone: "Asia/Shanghai" });
  teamId = team.teamId;
  const person = (email: string, name: string, role: "admin" | "manager" | "rep") => User.createUser(sys, { email, name, role, teamId, locale: "en" });
  const manager = await person("mia.manager@cash.test", "Mia Manager", "manager");
  await person("ada.admin@cash.test", "Ada Admin", "admin");
  await person("rick.rep@cash.test", "Rick Rep", "rep");
  await Team.updateTeam(sys, teamId, { version: team.version, managerId: manager.userId });
  for (const [key, email] of [["admin", "ada.admin@cash.test"], ["manager", "mia.manager@cash.test"], ["rep", "rick.rep@cash.test"]] as const) who[key] = { email, token: await login(email) };
  // Reminders 3 s before the due time, overdue 1 s after it, and the customer's accounts-payable contact.
  const saved = await api("PUT", `/teams/${teamId}/collection-settings`, who.manager.token, { remindBefore: "3s", grace: "1s", financeEmail: finance });
  expect(saved).toMatchObject({ status: 200, body: { remindBefore: "3s", version: 1 } });
}, 120_000);

afterAll(async () => {
  await rt?.stop();
});

/** Product, deal and a 20% discounted quote that the manager approves (mail through the QuoteApprovalMail rule). */
async function approvedQuoteOnDeal(): Promise<{ deal: Body; quote: Body }> {
  const product = (await api("POST", "/products", who.admin.token, { name: "ERP suite", sku: "ERP-1", unit: "licence", listPriceCents: 1_000_000, currency: "CNY" })).body;
  const stages = [{ key: "qualify", name: "Qualify", probability: 20, forecastCategory: "pipeline" }, { key: "negotiate", name: "Negotiate", probability: 60, forecastCategory: "best_case" }];
  const pipeline = (await api("POST", "/pipelines", who.admin.token, { name: "Cash pipeline", teamId, stages })).body;
  const account = (await api("POST", "/accounts", who.rep.token, { name: "Huadong Foods" })).body;
  const deal = (await api("POST", "/opportunities", who.rep.token, { name: "Huadong ERP", accountId: account.accountId, pipelineId: pipeline.pipelineId, stage: "negotiate", amount: 20_000 })).body;
  const pending = (await api("POST", `/opportunities/${deal.opportunityId}/quotes`, who.rep.token, { lines: [{ productId: product.productId, quantity: 2, discountPct: 20 }], taxRatePct: 13 })).body;
  expect(pending).toMatchObject({ status: "pending_approval", totalCents: 1_808_000 }); // 2 × 10,000.00 − 20% + 13%
  const ask = await eventually("the manager is asked to approve", async () => (await inbox()).find((m) => m.subject.startsWith("Discount approval needed")), 10_000);
  expect(ask.to.map((t) => t.address)).toEqual([who.manager.email]);
  const approved = await api("POST", `/quotes/${pending.quoteId}/approve`, who.manager.token, { version: pending.version, comment: "Strategic logo" });
  expect(approved).toMatchObject({ status: 200, body: { status: "approved" } });
  await eventually("the rep hears the decision", async () => (await inbox()).find((m) => m.subject.includes("approved by Mia Manager")), 10_000);
  const primary = await api("POST", `/quotes/${pending.quoteId}/primary`, who.rep.token, { version: approved.body.version, updateDealAmount: true, dealVersion: deal.version });
  expect(primary).toMatchObject({ status: 200, body: { opportunity: { amount: 18_080 } } });
  return { deal: primary.body.opportunity, quote: primary.body.quote };
}

describe("lead to cash end to end on the local runtime", () => {
  it("approved quote → won with its order → plan → partial and full payments → reminder and overdue mail for what is owed, none for what is paid; redelivery changes nothing", async () => {
    const { deal, quote } = await approvedQuoteOnDeal();
    const won = await api("POST", `/opportunities/${deal.opportunityId}/close`, who.rep.token, { version: deal.version, outcome: "won" });
    expect(won).toMatchObject({ status: 200, body: { status: "won" } });
    const order = (await api("GET", `/orders?opportunityId=${deal.opportunityId}`, who.rep.token)).body.items[0] as Body;
    expect(order).toMatchObject({ quoteId: quote.quoteId, totalCents: 1_808_000, status: "confirmed" });
    const ofOrder = () => seen.filter((e) => (e.detail as { data?: { orderId?: string } }).data?.orderId === order.orderId);

    // 30% falls due in 6 s, 70% in 9 s; the 70% is paid at once, the 30% only in part.
    const plan = await api("PUT", `/orders/${order.orderId}/plan`, who.rep.token, { instalments: [{ pct: 30, dueDate: inSeconds(6) }, { pct: 70, dueDate: inSeconds(9) }] });
    expect(plan.body.instalments.map((i: Body) => i.amountCents)).toEqual([542_400, 1_265_600]);
    const [first, second] = plan.body.instalments as Body[];
    const pay = (i: Body | undefined, amountCents: number) => api("POST", `/orders/${order.orderId}/payments`, who.rep.token, { instalmentId: i?.instalmentId, amountCents, receivedOn: today, reference: "CMB 0042" });
    expect((await pay(second, 1_265_600)).body.instalment).toMatchObject({ status: "paid" });
    expect((await pay(first, 42_400)).body.instalment).toMatchObject({ status: "partly_paid", outstandingCents: 500_000 });
    const secondExecution = `${localStateMachineArn("instalment-collection").replace(":stateMachine:", ":execution:")}:${collectionExecutionName(String(second?.instalmentId), 1)}`;
    await eventually("instalment.paid stops the paid instalment's execution", async () => (await statusOf(sfnClient(rt.endpoints.states ?? ""), secondExecution)) === "ABORTED");

    const about = async (prefix: string) => (await inbox()).filter((m) => m.subject.startsWith(prefix) && m.subject.includes(order.orderNumber));
    const [reminder] = await eventually("the owner is reminded", async () => (await about("Payment due soon")).length > 0 && about("Payment due soon"), 10_000);
    expect(reminder?.to.map((t) => t.address)).toEqual([who.rep.email]);
    expect(reminder?.subject).toMatch(new RegExp(`^Payment due soon: ${order.orderNumber} instalment 1, 5,000.00 CNY due `));
    const [overdue] = await eventually("owner and finance hear it is overdue", async () => (await about("Overdue")).length > 0 && about("Overdue"), 12_000);
    expect(overdue?.to.map((t) => t.address)).toEqual([who.rep.email, finance]);
    expect(overdue?.subject).toBe(`Overdue: ${order.orderNumber} instalment 1, 5,000.00 CNY outstanding`);
    await sleep(Math.max(0, Date.parse(String(second?.dueAt)) + 1_500 - Date.now()));
    expect((await inbox()).filter((m) => m.subject.includes(order.orderNumber)).map((m) => m.subject.split(":")[0])).toEqual(["Payment due soon", "Overdue"]);

    // The facts for the team's ERP, each on the bus once and valid against the published catalogue.
    const names = ofOrder().map((e) => e["detail-type"]);
    for (const name of ["order.created", "payment_plan.set", "payment.recorded", "instalment.paid", "instalment.overdue"]) expect(names).toContain(name);
    expect(names.filter((n) => n === "instalment.overdue")).toHaveLength(1);
    for (const e of ofOrder()) expect(validateEvent({ name: e["detail-type"], ...(e.detail as { version: number; data: unknown }) })).toMatchObject({ ok: true });

    // At least once: the order's whole story delivered again. No new mail, no new event, no dead letter.
    await rt.bus.idle();
    const [mailBefore, eventsBefore] = [(await inbox()).length, seen.length];
    for (const e of ofOrder()) rt.bus.deliverAgain(e);
    await rt.bus.idle();
    await sleep(1_000);
    expect((await inbox()).length).toBe(mailBefore);
    expect(seen.slice(eventsBefore).map((e) => e["detail-type"])).toEqual([]);
    expect(rt.bus.dlq().filter((d) => JSON.stringify(d).includes(order.orderId))).toEqual([]);

    // Finance's view: 5,000.00 CNY owed, in the current bucket (due today); the export agrees.
    const ageing = await api("GET", `/reports/receivables/ageing?teamId=${teamId}`, who.manager.token);
    expect(ageing.body.rows).toEqual([{ currency: "CNY", buckets: { current: 500_000, "1-30": 0, "31-60": 0, "61-90": 0, "90+": 0 }, totalCents: 500_000, count: 1 }]);
    const csv = await api("GET", `/exports/orders.csv?teamId=${teamId}`, who.manager.token);
    expect(String(csv.body)).toContain(`${order.orderNumber},${order.orderId},`);
    expect(String(csv.body)).toContain(",CNY,20000.00,4000.00,2080.00,18080.00,13080.00,5000.00,");
  }, 120_000);
});
