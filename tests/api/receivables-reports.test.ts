import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { Team, User, systemPrincipal, type Ctx, type Principal } from "@dealflow/core";
import { recordPayment, setPlan } from "@dealflow/core/payment/index";
import { startTestApi } from "../support/api.ts";
import { seedOrder } from "./payments-fixture.ts";

const api = await startTestApi();
const at = (iso: string) => ({ now: () => new Date(iso) });
const ctxAt = (actor: Principal, iso: string): Ctx => ({ db: api.db, publisher: { publish: async () => undefined }, clock: at(iso), actor });
const people: Record<"manager" | "repA" | "repB", Principal> = {} as never;
const tokens: Record<string, string> = {};
let teamId = "";
const get = (path: string, who: string) => api.call("GET", path, { token: tokens[who] });

/**
 * A hand-checked book (team in UTC), as of 2026-06-30:
 *   O1 rep A, 1,000.00 CNY signed 2026-01-05: 4 × 250.00 due 02-01 (paid 02-01), 03-15 (100.00 paid 03-20), 05-20, 07-31
 *   O2 rep B,   600.00 CNY signed 2026-04-01: 2 × 300.00 due 04-10, 06-15 (50.00 paid 07-02, after asOf)
 *   O3 rep A,   500.00 CNY signed 2026-02-01, due 03-01, then cancelled: not receivable
 *   O4 rep B,   100.00 USD signed 2026-06-01, due 06-30
 */
async function book() {
  const sys = ctxAt(systemPrincipal, "2026-01-01T00:00:00Z");
  const team = await Team.createTeam(sys, { name: "Receivables Fixture", timezone: "UTC" });
  teamId = team.teamId;
  for (const [key, role, name] of [["manager", "manager", "Mona"], ["repA", "rep", "Arthur"], ["repB", "rep", "Bea"]] as const) {
    const u = await User.createUser(sys, { email: `${name.toLowerCase()}@receivables.test`, name, role, teamId });
    people[key] = { userId: u.userId, email: u.email, role, teamId };
    tokens[key] = await api.login(u.email);
  }
  const { repA, repB } = people;
  const order = (owner: Principal, totalCents: number, createdAt: string, currency = "CNY") => seedOrder(api.db, { teamId, ownerId: owner.userId, totalCents, createdAt, currency });
  const plan = async (owner: Principal, orderId: string, when: string, dues: [number, string][]) =>
    (await setPlan(ctxAt(owner, when), orderId, { instalments: dues.map(([amountCents, dueDate]) => ({ amountCents, dueDate })) })).instalments.map((i) => i.instalmentId);
  const pay = (owner: Principal, orderId: string, instalmentId: string | undefined, amountCents: number, receivedOn: string, extra: { method?: string; reference?: string } = {}) =>
    recordPayment(ctxAt(owner, `${receivedOn}T10:00:00Z`), orderId, { instalmentId: instalmentId ?? "", amountCents, receivedOn, ...extra });

  const o1 = await order(repA, 100_000, "2026-01-05T02:00:00.000Z");
  const i1 = await plan(repA, o1.orderId, "2026-01-05T03:00:00Z", [[25_000, "2026-02-01"], [25_000, "2026-03-15"], [25_000, "2026-05-20"], [25_000, "2026-07-31"]]);
  await pay(repA, o1.orderId, i1[0], 25_000, "2026-02-01");
  // Text a customer or a careless colleague typed: a spreadsheet must not run it.
  await pay(repA, o1.orderId, i1[1], 10_000, "2026-03-20", { method: "@SUM(1+1)", reference: '=HYPERLINK("http://evil.example","pay"), ref 7' });
  const o2 = await order(repB, 60_000, "2026-04-01T09:00:00.000Z");
  const i2 = await plan(repB, o2.orderId, "2026-04-01T10:00:00Z", [[30_000, "2026-04-10"], [30_000, "2026-06-15"]]);
  await pay(repB, o2.orderId, i2[1], 5_000, "2026-07-02");
  const o3 = await order(repA, 50_000, "2026-02-01T09:00:00.000Z");
  await plan(repA, o3.orderId, "2026-02-01T10:00:00Z", [[50_000, "2026-03-01"]]);
  await api.db.entities.order.patch({ orderId: o3.orderId }).set({ status: "cancelled", cancelledAt: "2026-02-10T00:00:00.000Z" }).go();
  const o4 = await order(repB, 10_000, "2026-06-01T09:00:00.000Z", "USD");
  await plan(repB, o4.orderId, "2026-06-01T10:00:00Z", [[10_000, "2026-06-30"]]);
  return { o1, o2, o3, o4 };
}

let orders: Awaited<ReturnType<typeof book>>;
beforeAll(async () => {
  tokens.eastManager = await api.login("zhang.wei@dealflow.dev");
  orders = await book();
}, 60_000);

describe("receivables ageing", () => {
  it("buckets outstanding amounts by days past due as of a date, per currency, leaving out cancelled orders", async () => {
    const res = await get(`/reports/receivables/ageing?teamId=${teamId}&asOf=2026-06-30`, "manager");
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { currency: "CNY", buckets: { current: 25_000, "1-30": 30_000, "31-60": 25_000, "61-90": 30_000, "90+": 15_000 }, totalCents: 125_000, count: 5 },
      { currency: "USD", buckets: { current: 10_000, "1-30": 0, "31-60": 0, "61-90": 0, "90+": 0 }, totalCents: 10_000, count: 1 },
    ]);
    expect(res.body.instalments[0]).toMatchObject({ orderNumber: orders.o1.orderNumber, seq: 2, outstandingCents: 15_000, daysPastDue: 107, bucket: "90+" });
    expect(res.body.instalments.some((l: { orderId: string }) => l.orderId === orders.o3.orderId)).toBe(false);
  });

  it("counts only what was planned and paid by an earlier asOf", async () => {
    const res = await get(`/reports/receivables/ageing?teamId=${teamId}&asOf=2026-03-31`, "manager");
    expect(res.body.rows).toEqual([{ currency: "CNY", buckets: { current: 50_000, "1-30": 15_000, "31-60": 0, "61-90": 0, "90+": 0 }, totalCents: 65_000, count: 3 }]);
  });

  it("narrows to one rep; a rep sees only their own and other teams' managers nothing", async () => {
    const byA = await get(`/reports/receivables/ageing?ownerId=${people.repA.userId}&asOf=2026-06-30`, "manager");
    expect(byA.body.rows).toEqual([{ currency: "CNY", buckets: { current: 25_000, "1-30": 0, "31-60": 25_000, "61-90": 0, "90+": 15_000 }, totalCents: 65_000, count: 3 }]);
    const mine = await get("/reports/receivables/ageing?asOf=2026-06-30", "repA");
    expect(mine.body.rows).toEqual(byA.body.rows);
    expect((await get(`/reports/receivables/ageing?ownerId=${people.repB.userId}`, "repA")).status).toBe(403);
    expect((await get(`/reports/receivables/ageing?teamId=${teamId}`, "eastManager")).status).toBe(403);
    expect((await get(`/reports/receivables/ageing?teamId=${teamId}&asOf=2026-02-30`, "manager")).status).toBe(400);
  });
});

describe("collections and DSO", () => {
  it("compares collected with planned by month, per rep and per team", async () => {
    const res = await get(`/reports/collections?teamId=${teamId}&from=2026-01-01&to=2026-07-31&groupBy=rep`, "manager");
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    const rows = res.body.rows.map((r: { name: string; currency: string; plannedCents: number; collectedCents: number; collectedPct: number }) => [r.name, r.currency, r.plannedCents, r.collectedCents, r.collectedPct]);
    expect(rows).toEqual([["Arthur", "CNY", 100_000, 35_000, 35], ["Bea", "CNY", 60_000, 5_000, 8.3], ["Bea", "USD", 10_000, 0, 0]]);
    const arthur = res.body.rows[0].months.map((m: { plannedCents: number; collectedCents: number }) => [m.plannedCents, m.collectedCents]);
    expect(arthur).toEqual([[0, 0], [25_000, 25_000], [25_000, 10_000], [0, 0], [25_000, 0], [0, 0], [25_000, 0]]);
    const team = await get(`/reports/collections?teamId=${teamId}&from=2026-01-01&to=2026-07-31&groupBy=team`, "manager");
    expect(team.body.rows.map((r: { name: string; currency: string; plannedCents: number; collectedCents: number; collectedPct: number }) => [r.name, r.currency, r.plannedCents, r.collectedCents, r.collectedPct]))
      .toEqual([["Receivables Fixture", "CNY", 160_000, 40_000, 25], ["Receivables Fixture", "USD", 10_000, 0, 0]]);
  });

  it("computes DSO = receivables at period end / credit sales in the period × days", async () => {
    const res = await get(`/reports/dso?teamId=${teamId}&from=2026-04-01&to=2026-06-30`, "manager");
    expect(res.status).toBe(200);
    // CNY: (1,600.00 − 350.00 received) / 600.00 signed in the quarter × 91 days = 189.58; USD: 100 / 100 × 91.
    expect(res.body.rows).toEqual([
      { currency: "CNY", receivablesCents: 125_000, creditSalesCents: 60_000, days: 91, dso: 189.6 },
      { currency: "USD", receivablesCents: 10_000, creditSalesCents: 10_000, days: 91, dso: 91 },
    ]);
    expect(res.body.formula).toContain("credit sales");
  });
});

describe("CSV exports", () => {
  it("exports the team's orders with RFC 4180 quoting, a BOM and decimal amounts", async () => {
    const res = await fetch(`${api.url}/exports/orders.csv?teamId=${teamId}`, { headers: { authorization: `Bearer ${tokens.manager}` } });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('"1 × ERP-STD ERP 标准版, ""Standard"""\r\n');
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.order_number, r.status, r.currency, r.total, r.paid, r.outstanding])).toEqual([
      [orders.o1.orderNumber, "confirmed", "CNY", "1000.00", "350.00", "650.00"],
      [orders.o3.orderNumber, "cancelled", "CNY", "500.00", "0.00", "0.00"],
      [orders.o2.orderNumber, "confirmed", "CNY", "600.00", "50.00", "550.00"],
      [orders.o4.orderNumber, "confirmed", "USD", "100.00", "0.00", "100.00"],
    ]);
    expect(rows[0]?.owner_name).toBe("Arthur");
  });

  it("exports payments received in a date range, typed text guarded against spreadsheet formulas", async () => {
    const res = await fetch(`${api.url}/exports/payments.csv?teamId=${teamId}&from=2026-03-01&to=2026-12-31`, { headers: { authorization: `Bearer ${tokens.manager}` } });
    const text = (await res.text()).replace(/^\uFEFF/, "");
    // Quoted (comma, quotes), quotes doubled, and an apostrophe first so Excel and WPS show the formula as text.
    expect(text).toContain(`,'@SUM(1+1),"'=HYPERLINK(""http://evil.example"",""pay""), ref 7",`);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.order_number, r.instalment, r.received_on, r.amount])).toEqual([[orders.o1.orderNumber, "2", "2026-03-20", "100.00"], [orders.o2.orderNumber, "2", "2026-07-02", "50.00"]]);
    expect([rows[0]?.method, rows[0]?.reference]).toEqual(["'@SUM(1+1)", `'=HYPERLINK("http://evil.example","pay"), ref 7`]);
    expect((await fetch(`${api.url}/exports/payments.csv?teamId=${teamId}`, { headers: { authorization: `Bearer ${tokens.eastManager}` } })).status).toBe(403);
  });
});
