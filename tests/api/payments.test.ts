import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { seedOrder } from "./payments-fixture.ts";

const api = await startTestApi();
const tokens: Record<string, string> = {};
const ids: Record<string, { userId: string; teamId: string }> = {};

beforeAll(async () => {
  for (const who of ["admin", "zhang.wei", "li.na", "wang.fang", "tom.baker"]) {
    tokens[who] = await api.login(`${who}@dealflow.dev`);
    const me = await api.call("GET", "/me", { token: tokens[who] });
    ids[who] = { userId: me.body.userId, teamId: me.body.teamId };
  }
});

const east = () => ids["li.na"]?.teamId ?? "";
const liNasOrder = (totalCents: number, extra: { createdAt?: string } = {}) => seedOrder(api.db, { teamId: east(), ownerId: ids["li.na"]?.userId ?? "", totalCents, ...extra });
const putPlan = (orderId: string, body: unknown, who = "li.na") => api.call("PUT", `/orders/${orderId}/plan`, { token: tokens[who], body });
const pay = (orderId: string, body: unknown, who = "li.na") => api.call("POST", `/orders/${orderId}/payments`, { token: tokens[who], body });
const today = new Date().toISOString().slice(0, 10);

describe("payment plans", () => {
  it("splits percentages half-up with the remainder on the last instalment, adding up to the order total", async () => {
    const order = await liNasOrder(1_000_001);
    const res = await putPlan(order.orderId, { instalments: [{ pct: 33.33, dueDate: "2027-01-31" }, { pct: 33.33, dueDate: "2027-02-28" }, { pct: 33.34, dueDate: "2027-03-31" }] });
    expect(res.status).toBe(200);
    expect(res.body.instalments.map((i: { amountCents: number }) => i.amountCents)).toEqual([333_300, 333_300, 333_401]);
    expect(res.body).toMatchObject({ planVersion: 1, totalCents: 1_000_001, paidCents: 0, outstandingCents: 1_000_001 });
    expect(res.body.instalments.map((i: { status: string; seq: number }) => [i.seq, i.status])).toEqual([[1, "pending"], [2, "pending"], [3, "pending"]]);
    // A date is due by the end of that day in the team's zone (Asia/Shanghai, UTC+8).
    expect(res.body.instalments[0].dueAt).toBe("2027-01-31T16:00:00.000Z");
    const set = api.events.find((e) => e.name === "payment_plan.set" && e.data.orderId === order.orderId);
    expect(set?.data).toMatchObject({ planVersion: 1, totalCents: 1_000_001, replaced: [] });
  });

  it("takes fixed amounts mixed with a percentage", async () => {
    const order = await liNasOrder(200_000);
    const res = await putPlan(order.orderId, { instalments: [{ amountCents: 50_000, dueDate: "2027-01-31" }, { pct: 75, dueDate: "2027-06-30" }] });
    expect(res.status).toBe(200);
    expect(res.body.instalments.map((i: { amountCents: number }) => i.amountCents)).toEqual([50_000, 150_000]);
  });

  it("refuses a plan that does not add up to the order total with 422 on `instalments`", async () => {
    const order = await liNasOrder(1_000_000);
    const short = await putPlan(order.orderId, { instalments: [{ amountCents: 400_000, dueDate: "2027-01-31" }, { amountCents: 500_000, dueDate: "2027-02-28" }] });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ code: "plan_total_mismatch", field: "instalments", message: "The instalments add up to 9,000.00 CNY but the order total is 10,000.00 CNY; they must add up exactly" });
    const pct = await putPlan(order.orderId, { instalments: [{ pct: 50, dueDate: "2027-01-31" }, { pct: 40, dueDate: "2027-02-28" }] });
    expect(pct.status).toBe(422);
    expect(pct.body.message).toContain("(90% of the total plus fixed amounts)");
    const both = await putPlan(order.orderId, { instalments: [{ pct: 100, amountCents: 1_000_000, dueDate: "2027-01-31" }] });
    expect(both).toMatchObject({ status: 400, body: { field: "instalments.0" } });
    expect((await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["li.na"] })).body).toMatchObject({ planVersion: null, instalments: [] });
  });

  it("replaces a plan while nothing is paid, and not after a payment", async () => {
    const order = await liNasOrder(100_000);
    const first = await putPlan(order.orderId, { instalments: [{ pct: 50, dueDate: "2027-01-31" }, { pct: 50, dueDate: "2027-02-28" }] });
    const second = await putPlan(order.orderId, { planVersion: 1, instalments: [{ amountCents: 100_000, dueDate: "2027-03-31" }] });
    expect(second.status).toBe(200);
    expect(second.body.planVersion).toBe(2);
    const set = api.events.filter((e) => e.name === "payment_plan.set" && e.data.orderId === order.orderId).at(-1);
    expect(set?.data.replaced).toEqual(first.body.instalments.map((i: { instalmentId: string }) => ({ instalmentId: i.instalmentId, planVersion: 1 })));
    const stale = await putPlan(order.orderId, { planVersion: 1, instalments: [{ amountCents: 100_000, dueDate: "2027-03-31" }] });
    expect(stale).toMatchObject({ status: 409, body: { field: "planVersion" } });
    const old = await pay(order.orderId, { instalmentId: first.body.instalments[0].instalmentId, amountCents: 100, receivedOn: today });
    expect(old.status).toBe(404);
    expect((await pay(order.orderId, { instalmentId: second.body.instalments[0].instalmentId, amountCents: 100, receivedOn: today })).status).toBe(201);
    const third = await putPlan(order.orderId, { planVersion: 2, instalments: [{ amountCents: 100_000, dueDate: "2027-04-30" }] });
    expect(third).toMatchObject({ status: 422, body: { code: "plan_has_payments", field: "instalments" } });
  });

  it("lets the owner, the team's manager and admins set plans; other reps and other teams may not", async () => {
    const order = await liNasOrder(10_000);
    const plan = { instalments: [{ amountCents: 10_000, dueDate: "2027-01-31" }] };
    expect((await putPlan(order.orderId, plan, "wang.fang")).status).toBe(403);
    expect((await putPlan(order.orderId, plan, "tom.baker")).status).toBe(404);
    expect((await putPlan(order.orderId, plan, "zhang.wei")).status).toBe(200);
    expect((await putPlan(order.orderId, { planVersion: 1, ...plan }, "admin")).status).toBe(200);
    expect((await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["wang.fang"] })).status).toBe(200);
  });
});

describe("payments", () => {
  it("records partial payments, then marks the instalment paid with payment.recorded and instalment.paid", async () => {
    const order = await liNasOrder(300_000);
    const plan = (await putPlan(order.orderId, { instalments: [{ pct: 50, dueDate: "2027-01-31" }, { pct: 50, dueDate: "2027-02-28" }] })).body;
    const first = plan.instalments[0].instalmentId as string;
    const part = await pay(order.orderId, { instalmentId: first, amountCents: 100_000, receivedOn: today, method: "bank_transfer", reference: "招商银行 0042" });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ instalment: { status: "partly_paid", paidCents: 100_000, outstandingCents: 50_000 }, orderPaidCents: 100_000, orderOutstandingCents: 200_000 });
    const rest = await pay(order.orderId, { instalmentId: first, amountCents: 50_000, receivedOn: today }, "zhang.wei");
    expect(rest.body.instalment).toMatchObject({ status: "paid", outstandingCents: 0 });
    const view = (await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["li.na"] })).body;
    expect(view).toMatchObject({ paidCents: 150_000, outstandingCents: 150_000 });
    expect(view.instalments.map((i: { status: string }) => i.status)).toEqual(["paid", "pending"]);
    expect(api.events.filter((e) => e.name === "payment.recorded" && e.data.orderId === order.orderId).map((e) => [e.data.amountCents, e.data.instalmentStatus])).toEqual([[100_000, "partly_paid"], [50_000, "paid"]]);
    expect(api.events.filter((e) => e.name === "instalment.paid" && e.data.orderId === order.orderId).map((e) => e.data.instalmentId)).toEqual([first]);
    const stored = await api.db.entities.order.get({ orderId: order.orderId }).go();
    expect(stored.data).toMatchObject({ paidCents: 150_000, version: 3 });
    const list = await api.call("GET", `/orders/${order.orderId}/payments`, { token: tokens["wang.fang"] });
    expect(list.body.items.map((p: { amountCents: number; reference?: string }) => [p.amountCents, p.reference])).toEqual([[100_000, "招商银行 0042"], [50_000, undefined]]);
  });

  it("refuses an overpayment with a clear 422 and writes nothing", async () => {
    const order = await liNasOrder(100_000);
    const plan = (await putPlan(order.orderId, { instalments: [{ amountCents: 100_000, dueDate: "2027-01-31" }] })).body;
    const instalmentId = plan.instalments[0].instalmentId as string;
    await pay(order.orderId, { instalmentId, amountCents: 60_000, receivedOn: today });
    const over = await pay(order.orderId, { instalmentId, amountCents: 50_000, receivedOn: today });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      code: "overpayment", field: "amountCents",
      message: `This payment of 500.00 CNY is more than the 400.00 CNY still owed on instalment 1 of ${order.orderNumber} (1,000.00 CNY, 600.00 CNY paid)`,
    });
    expect((await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["li.na"] })).body.paidCents).toBe(60_000);
    // Nothing of the refused payment was written or published.
    expect((await api.call("GET", `/orders/${order.orderId}/payments`, { token: tokens["li.na"] })).body.items.map((p: { amountCents: number }) => p.amountCents)).toEqual([60_000]);
    expect(api.events.filter((e) => e.name === "payment.recorded" && e.data.orderId === order.orderId)).toHaveLength(1);
    expect((await api.db.entities.order.get({ orderId: order.orderId }).go()).data).toMatchObject({ paidCents: 60_000, version: 2 });
    expect((await pay(order.orderId, { instalmentId, amountCents: 100, receivedOn: "2999-01-01" })).body).toMatchObject({ code: "received_in_future", field: "receivedOn" });
    expect((await pay(order.orderId, { instalmentId, amountCents: 0, receivedOn: today })).status).toBe(400);
    expect((await pay(order.orderId, { instalmentId, amountCents: 100, receivedOn: today }, "wang.fang")).status).toBe(403);
  });

  it("concurrent payments fill the instalment exactly and never overpay it", async () => {
    const order = await liNasOrder(100_000);
    const plan = (await putPlan(order.orderId, { instalments: [{ amountCents: 100_000, dueDate: "2027-01-31" }] })).body;
    const instalmentId = plan.instalments[0].instalmentId as string;
    const results = await Promise.all(Array.from({ length: 6 }, () => pay(order.orderId, { instalmentId, amountCents: 30_000, receivedOn: today })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 422, 422, 422]);
    const view = (await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["li.na"] })).body;
    expect(view.instalments[0]).toMatchObject({ paidCents: 90_000, status: "partly_paid" });
    expect((await api.call("GET", `/orders/${order.orderId}/payments`, { token: tokens["li.na"] })).body.items).toHaveLength(3);
    expect((await api.db.entities.order.get({ orderId: order.orderId }).go()).data?.paidCents).toBe(90_000);
  });

  it("shows an unpaid instalment past its due time as overdue at read time", async () => {
    const order = await liNasOrder(10_000);
    const past = new Date(Date.now() - 60_000).toISOString();
    await putPlan(order.orderId, { instalments: [{ amountCents: 10_000, dueDate: past }] });
    const view = (await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["li.na"] })).body;
    expect(view.instalments[0].status).toBe("overdue");
  });
});

describe("documentation", () => {
  it("documents the plan, payment, settings, report and export routes in the OpenAPI document", async () => {
    const doc = await api.call("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths ?? {});
    expect(paths).toEqual(expect.arrayContaining([
      "/orders/{id}/plan", "/orders/{id}/payments", "/teams/{id}/collection-settings",
      "/reports/receivables/ageing", "/reports/collections", "/reports/dso", "/exports/orders.csv", "/exports/payments.csv",
    ]));
    expect(doc.body.paths["/orders/{id}/plan"].put.summary).toContain("add up exactly to the order total");
  });

  it("publishes the schemas of order.created, order.cancelled, payment.recorded and instalment.overdue at the public GET /events/schemas", async () => {
    const res = await fetch(`${api.url}/events/schemas`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, { version: number; detailType: string; detail: { properties: { data: { required?: string[] } } } }>;
    const required = (name: string) => doc[name]?.detail.properties.data.required ?? [];
    expect(required("order.created")).toEqual(expect.arrayContaining(["orderId", "record"]));
    expect(required("order.cancelled")).toEqual(expect.arrayContaining(["orderId", "orderNumber", "cancelledAt"]));
    expect(required("payment.recorded")).toEqual(expect.arrayContaining(["paymentId", "orderNumber", "instalmentId", "amountCents", "currency", "receivedOn"]));
    expect(required("instalment.overdue")).toEqual(expect.arrayContaining(["instalmentId", "orderNumber", "outstandingCents", "dueAt"]));
    for (const name of ["order.created", "order.cancelled", "payment.recorded", "instalment.overdue"]) expect(doc[name]).toMatchObject({ version: 1, detailType: name });
  });

  it("cancelling an order with a plan and nothing paid: order.cancelled, nothing owed, no more payments", async () => {
    const order = await liNasOrder(50_000);
    const plan = (await putPlan(order.orderId, { instalments: [{ amountCents: 50_000, dueDate: "2020-01-31" }] })).body;
    expect(plan.instalments[0].status).toBe("overdue");
    const cancelled = await api.call("PATCH", `/orders/${order.orderId}`, { token: tokens["zhang.wei"], body: { version: 1, status: "cancelled", cancelReason: "Signed in error" } });
    expect(cancelled).toMatchObject({ status: 200, body: { status: "cancelled" } });
    expect(api.events.filter((e) => e.name === "order.cancelled" && e.data.orderId === order.orderId).map((e) => e.data.cancelReason)).toEqual(["Signed in error"]);
    const view = (await api.call("GET", `/orders/${order.orderId}/plan`, { token: tokens["li.na"] })).body;
    expect(view).toMatchObject({ outstandingCents: 0, instalments: [{ status: "void", outstandingCents: 0 }] });
    expect(await pay(order.orderId, { instalmentId: plan.instalments[0].instalmentId, amountCents: 100, receivedOn: today })).toMatchObject({ status: 422, body: { code: "order_cancelled" } });
    expect(await putPlan(order.orderId, { planVersion: 1, instalments: [{ amountCents: 50_000, dueDate: "2027-01-31" }] })).toMatchObject({ status: 422, body: { code: "order_cancelled" } });
  });

  it("keeps team collection settings: defaults until a manager saves them, durations checked", async () => {
    const teamId = east();
    const path = `/teams/${teamId}/collection-settings`;
    expect((await api.call("GET", path, { token: tokens["li.na"] })).body).toMatchObject({ remindBefore: "3d", grace: "0d", financeEmail: null, version: null, timeZone: "Asia/Shanghai" });
    expect((await api.call("PUT", path, { token: tokens["li.na"], body: { grace: "2d" } })).status).toBe(403);
    expect((await api.call("PUT", path, { token: tokens["zhang.wei"], body: { remindBefore: "three days" } })).body).toMatchObject({ field: "remindBefore" });
    const saved = await api.call("PUT", path, { token: tokens["zhang.wei"], body: { remindBefore: "5d", financeEmail: "AR@Example.cn" } });
    expect(saved.body).toMatchObject({ remindBefore: "5d", grace: "0d", financeEmail: "ar@example.cn", version: 1 });
    expect((await api.call("PUT", path, { token: tokens["zhang.wei"], body: { grace: "1d" } })).body).toMatchObject({ field: "version" });
    expect((await api.call("GET", `/teams/${ids["tom.baker"]?.teamId}/collection-settings`, { token: tokens["li.na"] })).status).toBe(404);
  });
});
