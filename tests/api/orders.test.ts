import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { assertValidEvents } from "@dealflow/core/events/index";
import { dealFactory } from "./deal-fixtures.ts";

type Body = Record<string, any>;
let api: Awaited<ReturnType<typeof startTestApi>>;
let admin: string;
let rep: string; // li.na, East
let manager: string; // zhang.wei, East
let globalRep: string; // tom.baker, Global
let f: Awaited<ReturnType<typeof dealFactory>>;
let product: Body;

beforeAll(async () => {
  api = await startTestApi();
  [admin, rep, manager, globalRep] = await Promise.all([api.login("admin@dealflow.dev"), api.login("li.na@dealflow.dev"), api.login("zhang.wei@dealflow.dev"), api.login("tom.baker@dealflow.dev")]);
  f = await dealFactory(api, admin, rep, { name: "Ordering" });
  product = (await api.call("POST", "/products", { token: admin, body: { name: "Plant sensor", sku: "SEN-1", unit: "piece", listPriceCents: 33_333, currency: "CNY" } })).body;
});

const year = new Date().getUTCFullYear();
const close = (d: Body, body: Body) => api.call("POST", `/opportunities/${d.opportunityId}/close`, { token: rep, body: { version: d.version, ...body } });
const order = (d: Body, body: Body = {}, token = rep) => api.call("POST", `/opportunities/${d.opportunityId}/order`, { token, body });
const seq = (orderNumber: string) => Number(orderNumber.slice(-6));

/** An open deal whose primary quote totals 3 × 333.33 − 10% + 13% tax (marking it primary leaves the deal as it was). */
async function quotedDeal(discountPct = 10): Promise<{ deal: Body; quote: Body }> {
  const deal = await f.deal(f.ready);
  const q = (await api.call("POST", `/opportunities/${deal.opportunityId}/quotes`, { token: rep, body: { lines: [{ productId: product.productId, quantity: 3, discountPct }], taxRatePct: 13 } })).body;
  if (q.status !== "draft") return { deal, quote: q };
  return { deal, quote: (await api.call("POST", `/quotes/${q.quoteId}/primary`, { token: rep, body: { version: q.version } })).body.quote };
}

/** A deal won without an order (createOrder false), with its primary quote. */
async function wonDeal(): Promise<Body> {
  const { deal } = await quotedDeal();
  const won = await close(deal, { outcome: "won", createOrder: false });
  if (won.status !== 200) throw new Error(JSON.stringify(won.body));
  return won.body;
}

describe("orders with the close", () => {
  it("closing as won orders the primary quote in the same transaction", async () => {
    const { deal, quote } = await quotedDeal();
    const won = await close(deal, { outcome: "won" });
    expect(won).toMatchObject({ status: 200, body: { status: "won" } });
    const list = await api.call("GET", `/orders?opportunityId=${deal.opportunityId}`, { token: rep });
    expect(list.body.items).toHaveLength(1);
    const o = list.body.items[0];
    // 3 × 333.33 = 999.99; −10% = 100.00 (99.999) → 899.99; +13% = 117.00 (116.9987) → 1016.99
    expect(o).toMatchObject({ status: "confirmed", quoteId: quote.quoteId, currency: "CNY", subtotalCents: 99_999, discountCents: 10_000, taxCents: 11_700, totalCents: 101_699, accountId: deal.accountId, ownerId: deal.ownerId });
    expect(o.orderNumber).toMatch(new RegExp(`^SO-${year}-\\d{6}$`));
    expect(o.lines).toEqual([{ productId: product.productId, sku: "SEN-1", name: "Plant sensor", unit: "piece", quantity: 3, unitPriceCents: 33_333, discountPct: 10, lineTotalCents: 89_999 }]);
    expect(api.events.find((e) => e.name === "order.created" && e.data.orderId === o.orderId)?.data).toMatchObject({ record: { orderNumber: o.orderNumber, totalCents: 101_699 } });
    expect(await order(won.body)).toMatchObject({ status: 409, body: { field: "opportunityId" } });
  });

  it("a failing order write leaves the deal open: nothing of the close is written", async () => {
    const { deal } = await quotedDeal();
    const won = (await close(deal, { outcome: "won" })).body;
    const reopened = (await api.call("POST", `/opportunities/${deal.opportunityId}/reopen`, { token: rep, body: { version: won.version, reason: "Scope change" } })).body;
    api.events.length = 0;
    // Insisting on an order for a deal that has one: the close must fail as a whole.
    expect(await close(reopened, { outcome: "won", createOrder: true })).toMatchObject({ status: 409, body: { field: "opportunityId" } });
    expect(await f.read(deal)).toMatchObject({ status: "open", version: reopened.version });
    expect(api.events).toEqual([]);
    // Left to the default, the close sees the order and does not try again.
    expect(await close(reopened, { outcome: "won" })).toMatchObject({ status: 200, body: { status: "won" } });
    expect((await api.call("GET", `/orders?opportunityId=${deal.opportunityId}`, { token: rep })).body.items).toHaveLength(1);
  });

  it("a reopened deal with a live order cannot be closed as lost until its order is cancelled", async () => {
    const { deal } = await quotedDeal();
    const won = (await close(deal, { outcome: "won" })).body;
    const o = (await api.call("GET", `/orders?opportunityId=${deal.opportunityId}`, { token: rep })).body.items[0];
    const reopened = (await api.call("POST", `/opportunities/${deal.opportunityId}/reopen`, { token: rep, body: { version: won.version, reason: "Customer backed out" } })).body;
    const lost = { outcome: "lost", reasonKey: "price", winningCompetitor: "none" };
    expect(await close(reopened, lost)).toMatchObject({ status: 422, body: { code: "order_exists", field: "outcome", message: expect.stringContaining(o.orderNumber) } });
    expect(await f.read(deal)).toMatchObject({ status: "open", version: reopened.version });
    const cancelled = await api.call("PATCH", `/orders/${o.orderId}`, { token: manager, body: { version: o.version, status: "cancelled", cancelReason: "Deal lost after all" } });
    expect(cancelled).toMatchObject({ status: 200, body: { status: "cancelled" } });
    expect(await close(reopened, lost)).toMatchObject({ status: 200, body: { status: "lost" } });
  });

  it("insisting on an order without a usable primary quote refuses the close", async () => {
    const pending = await quotedDeal(40);
    expect(pending.quote.status).toBe("pending_approval");
    expect(await close(pending.deal, { outcome: "won", createOrder: true })).toMatchObject({ status: 422, body: { code: "no_primary_quote" } });
    expect((await f.read(pending.deal)).status).toBe("open");
    expect(await close(pending.deal, { outcome: "won" })).toMatchObject({ status: 200 });
    expect((await api.call("GET", `/orders?opportunityId=${pending.deal.opportunityId}`, { token: rep })).body.items).toEqual([]);
  });
});

describe("orders from won deals", () => {
  it("are refused for open, lost and invalid deals, and without a primary quote", async () => {
    const { deal } = await quotedDeal();
    expect(await order(deal)).toMatchObject({ status: 422, body: { code: "deal_not_won" } });
    const lost = (await close(deal, { outcome: "lost", reasonKey: "price", winningCompetitor: "none" })).body;
    expect(await order(lost)).toMatchObject({ status: 422, body: { code: "deal_not_won", message: expect.stringContaining("lost") } });
    const invalid = (await close(await f.deal(f.ready), { outcome: "invalid", reasonKey: "duplicate" })).body;
    expect(await order(invalid)).toMatchObject({ status: 422, body: { code: "deal_not_won" } });
    const bare = (await close(await f.deal(f.ready), { outcome: "won" })).body;
    expect(await order(bare)).toMatchObject({ status: 422, body: { code: "no_primary_quote" } });
    expect(await order(await wonDeal(), {}, globalRep)).toMatchObject({ status: 404 });
  });

  it("one per deal; delivered, then never cancelled once paid; cancelled is final", async () => {
    const won = await wonDeal();
    const created = await order(won, { financeEmail: "AP@Customer.example" });
    expect(created).toMatchObject({ status: 201, body: { status: "confirmed", financeEmail: "ap@customer.example", version: 1 } });
    expect(await order(won)).toMatchObject({ status: 409 });
    const o = created.body;
    const patch = (body: Body, token = rep) => api.call("PATCH", `/orders/${o.orderId}`, { token, body });
    expect(await api.call("GET", `/orders/${o.orderId}`, { token: globalRep })).toMatchObject({ status: 404 });
    expect(await patch({ version: 1, status: "confirmed" })).toMatchObject({ status: 400, body: { field: "status" } });
    const delivered = await patch({ version: 1, status: "delivered" });
    expect(delivered).toMatchObject({ status: 200, body: { status: "delivered", deliveredAt: expect.any(String), version: 2 } });
    expect(await patch({ version: 2, status: "delivered" })).toMatchObject({ status: 200, body: { version: 2 } });
    expect(await patch({ version: 1, status: "cancelled" })).toMatchObject({ status: 409 });

    // Money collected (paidCents, kept by payments) forbids cancelling.
    await api.db.entities.order.patch({ orderId: o.orderId }).set({ paidCents: 10_000 }).go();
    expect(await patch({ version: 2, status: "cancelled" })).toMatchObject({ status: 422, body: { code: "order_has_payments" } });
    await api.db.entities.order.patch({ orderId: o.orderId }).set({ paidCents: 0 }).go();
    const cancelled = await patch({ version: 2, status: "cancelled", cancelReason: "Customer went bankrupt" }, manager);
    expect(cancelled).toMatchObject({ status: 200, body: { status: "cancelled", cancelReason: "Customer went bankrupt", cancelledAt: expect.any(String) } });
    expect(await patch({ version: 3, financeEmail: "x@y.example" })).toMatchObject({ status: 422, body: { code: "order_cancelled" } });
    const trail = (await api.db.entities.audit.query.byRecord({ recordType: "order", recordId: o.orderId }).go()).data;
    expect(trail.map((a) => a.action)).toEqual(["create", "update", "update"]);

    const mine = await api.call("GET", `/orders?ownerId=${won.ownerId}&status=cancelled`, { token: rep });
    expect(mine.body.items.map((i: Body) => i.orderId)).toContain(o.orderId);
    expect(mine.body.items.every((i: Body) => i.status === "cancelled" && i.ownerId === won.ownerId)).toBe(true);
  });

  it("50 concurrent creations take 50 distinct, consecutive numbers", async () => {
    const deals = await Promise.all(Array.from({ length: 50 }, () => wonDeal()));
    const createdBefore = api.events.filter((e) => e.name === "order.created").length;
    const results = await Promise.all(deals.map((d) => order(d)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => seq(String(r.body.orderNumber))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect(Math.max(...numbers) - Math.min(...numbers)).toBe(49);
    const team = await api.call("GET", "/orders?limit=200", { token: manager });
    const all = team.body.items.map((i: Body) => seq(String(i.orderNumber))).sort((a: number, b: number) => a - b);
    // Every number from 1 up to the highest was taken by an order: no gaps anywhere in the year.
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const counter = await api.db.entities.sequence.get({ name: `order-${year}` }).go();
    expect(counter.data?.value).toBe(all.length);
    expect(api.events.filter((e) => e.name === "order.created")).toHaveLength(createdBefore + 50);
    expect(() => assertValidEvents(api.events)).not.toThrow();
  }, 240_000);
});
