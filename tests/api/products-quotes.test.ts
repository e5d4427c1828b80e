import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { SFNClient } from "@aws-sdk/client-sfn";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import { systemClock } from "@dealflow/core/ports/clock";
import { createSfnWorkflowEngine } from "@dealflow/core/workflow/index";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { localCredentials, localRegion } from "@dealflow/local/dynamodb/dynamodb-local";
import { startSmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { deliverThroughRule } from "../events/collab-fixtures.ts";
import { quoteApprovalMailHandler } from "@dealflow/functions/events/quote-approval-mail";
import { assertValidEvents, eventJsonSchemas } from "@dealflow/core/events/index";
import { dealFactory } from "./deal-fixtures.ts";

type Body = Record<string, any>;
let api: Awaited<ReturnType<typeof startTestApi>>;
let admin: string;
let rep: string; // li.na, East
let manager: string; // zhang.wei, East
let otherManager: string; // sarah.lee, Global
let f: Awaited<ReturnType<typeof dealFactory>>;
let licence: Body;
let support: Body;

beforeAll(async () => {
  api = await startTestApi();
  [admin, rep, manager, otherManager] = await Promise.all([api.login("admin@dealflow.dev"), api.login("li.na@dealflow.dev"), api.login("zhang.wei@dealflow.dev"), api.login("sarah.lee@dealflow.dev")]);
  f = await dealFactory(api, admin, rep, { name: "Quoting" });
  licence = (await api.call("POST", "/products", { token: admin, body: { name: "CRM licence", sku: "LIC-1", unit: "seat", listPriceCents: 120_000, currency: "CNY" } })).body;
  support = (await api.call("POST", "/products", { token: admin, body: { name: "Support plan", sku: "SUP-1", unit: "year", listPriceCents: 4_999, currency: "CNY", description: "Office hours" } })).body;
});

const quote = (deal: Body, body: Body, token = rep) => api.call("POST", `/opportunities/${deal.opportunityId}/quotes`, { token, body });
const edit = (q: Body, body: Body, token = rep) => api.call("PATCH", `/quotes/${q.quoteId}`, { token, body: { version: q.version, ...body } });
const act = (q: Body, action: string, body: Body = {}, token = rep) => api.call("POST", `/quotes/${q.quoteId}/${action}`, { token, body: { version: q.version, ...body } });
const read = async (q: Body) => (await api.call("GET", `/quotes/${q.quoteId}`, { token: rep })).body;
const lines = (discountPct = 10) => [{ productId: licence.productId, quantity: 2, discountPct }, { productId: support.productId, quantity: 7 }];

describe("the price book", () => {
  it("is kept by admins, read by everyone, with unique and fixed SKUs", async () => {
    expect(licence).toMatchObject({ sku: "LIC-1", unit: "seat", listPriceCents: 120_000, currency: "CNY", active: true, version: 1 });
    expect(await api.call("POST", "/products", { token: rep, body: { name: "Rogue", sku: "R-1", unit: "x", listPriceCents: 1, currency: "CNY" } })).toMatchObject({ status: 403 });
    expect(await api.call("POST", "/products", { token: admin, body: { name: "Copy", sku: "lic-1", unit: "seat", listPriceCents: 1, currency: "CNY" } })).toMatchObject({ status: 409, body: { field: "sku" } });
    expect(await api.call("POST", "/products", { token: admin, body: { name: "Cheap", sku: "C-1", unit: "x", listPriceCents: 9.99, currency: "CNY" } })).toMatchObject({ status: 400, body: { field: "listPriceCents" } });
    const old = (await api.call("POST", "/products", { token: admin, body: { name: "Abacus", sku: "OLD-1", unit: "piece", listPriceCents: 500, currency: "CNY" } })).body;
    expect(await api.call("PATCH", `/products/${old.productId}`, { token: admin, body: { version: 1, sku: "NEW-1" } })).toMatchObject({ status: 422, body: { code: "sku_immutable" } });
    expect(await api.call("PATCH", `/products/${old.productId}`, { token: admin, body: { version: 1, active: false } })).toMatchObject({ status: 200, body: { active: false, version: 2 } });

    const names = async (active: string) => (await api.call("GET", `/products?active=${active}`, { token: rep })).body.items.map((p: Body) => p.name);
    expect(await names("true")).toEqual(["CRM licence", "Support plan"]);
    expect(await names("false")).toEqual(["Abacus"]);
    expect(await names("all")).toEqual(["CRM licence", "Support plan", "Abacus"]);
    expect(await quote(await f.deal(f.ready), { lines: [{ productId: old.productId, quantity: 1 }] })).toMatchObject({ status: 422, body: { code: "product_inactive", field: "lines.0.productId" } });
  });
});

describe("quotes", () => {
  it("snapshot the products and total with integer, half-up arithmetic", async () => {
    const deal = await f.deal(f.ready);
    const res = await quote(deal, { lines: lines(10), overallDiscountPct: 5, taxRatePct: 13 });
    // 2 × 1200.00 − 10% = 2160.00; 7 × 49.99 = 349.93; overall 5% of 2509.93 = 125.50 (125.4965); 13% of 2384.43 = 309.98 (309.9759)
    expect(res).toMatchObject({ status: 201, body: { status: "draft", quoteVersion: 1, latest: true, isPrimary: false, currency: "CNY", subtotalCents: 274_993, discountCents: 36_550, taxCents: 30_998, totalCents: 269_441 } });
    expect(res.body.quoteNumber).toMatch(new RegExp(`^QT-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(res.body.lines[0]).toEqual({ productId: licence.productId, sku: "LIC-1", name: "CRM licence", unit: "seat", quantity: 2, unitPriceCents: 120_000, discountPct: 10, grossCents: 240_000, discountCents: 24_000, lineTotalCents: 216_000 });
    expect(api.events.find((e) => e.name === "quote.created" && e.data.quoteId === res.body.quoteId)).toBeDefined();

    // A renamed product does not change the quote: the line keeps what was quoted.
    await api.call("PATCH", `/products/${support.productId}`, { token: admin, body: { version: support.version, name: "Support plan (2026)" } });
    support = (await api.call("GET", `/products/${support.productId}`, { token: rep })).body;
    expect((await read(res.body)).lines[1]).toMatchObject({ name: "Support plan", sku: "SUP-1", lineTotalCents: 34_993 });
  });

  it("refuse bad lines and closed deals with clear errors", async () => {
    const deal = await f.deal(f.ready);
    expect(await quote(deal, { lines: [{ productId: licence.productId, quantity: 0 }] })).toMatchObject({ status: 400, body: { field: "lines.0.quantity" } });
    expect(await quote(deal, { lines: [{ productId: licence.productId, quantity: 1, discountPct: 101 }] })).toMatchObject({ status: 400, body: { field: "lines.0.discountPct" } });
    expect(await quote(deal, { lines: [] })).toMatchObject({ status: 400, body: { field: "lines" } });
    expect(await quote(deal, { lines: [{ productId: "nope", quantity: 1 }] })).toMatchObject({ status: 422, body: { code: "unknown_product" } });
    expect(await quote(deal, { lines: lines(), currency: "USD" })).toMatchObject({ status: 422, body: { code: "currency_mismatch" } });
    const lost = await api.call("POST", `/opportunities/${deal.opportunityId}/close`, { token: rep, body: { version: deal.version, outcome: "lost", reasonKey: "price", winningCompetitor: "none" } });
    expect(lost.status).toBe(200);
    expect(await quote(deal, { lines: lines() })).toMatchObject({ status: 422, body: { code: "deal_closed" } });
    expect(await quote({ opportunityId: "missing" }, { lines: lines() })).toMatchObject({ status: 404 });
  });

  it("change a draft in place, and turn every edit of a sent quote into the next version", async () => {
    const deal = await f.deal(f.ready);
    const v1 = (await quote(deal, { lines: lines(0) })).body;
    const draft = await edit(v1, { taxRatePct: 6 });
    expect(draft).toMatchObject({ status: 200, body: { quoteId: v1.quoteId, quoteVersion: 1, version: 2, taxRatePct: 6 } });
    expect(await edit(v1, { taxRatePct: 9 })).toMatchObject({ status: 409, body: { field: "version" } });
    const sent = await act(draft.body, "send");
    expect(sent).toMatchObject({ status: 200, body: { status: "sent", sentAt: expect.any(String) } });

    const v2 = await edit(sent.body, { lines: [{ productId: licence.productId, quantity: 3 }] });
    expect(v2).toMatchObject({ status: 201, body: { quoteNumber: v1.quoteNumber, quoteVersion: 2, status: "draft", latest: true, totalCents: 381_600 } });
    expect(v2.body.quoteId).not.toBe(v1.quoteId);
    expect(await read(v1)).toMatchObject({ status: "sent", latest: false, supersededBy: v2.body.quoteId, totalCents: 291_493 });
    expect(await edit(await read(v1), { taxRatePct: 1 })).toMatchObject({ status: 422, body: { code: "superseded" } });
    const v3 = await edit(v2.body, { note: "With training" });
    expect(v3).toMatchObject({ status: 200, body: { quoteVersion: 2, note: "With training" } });

    const family = (await api.call("GET", `/opportunities/${deal.opportunityId}/quotes`, { token: rep })).body.items;
    expect(family.map((q: Body) => `${q.quoteNumber}/v${q.quoteVersion}/${q.status}/${q.latest}`)).toEqual([`${v1.quoteNumber}/v1/sent/false`, `${v1.quoteNumber}/v2/draft/true`]);
  });
});

describe("the primary quote", () => {
  it("is one per deal: marking another unmarks the first in the same write, and can set the deal amount", async () => {
    const deal = await f.deal(f.ready);
    const a = (await quote(deal, { lines: lines(0) })).body;
    const b = (await quote(deal, { lines: [{ productId: licence.productId, quantity: 1 }], taxRatePct: 13 })).body;
    expect(await act(a, "primary")).toMatchObject({ status: 200, body: { quote: { isPrimary: true } } });

    expect(await act(b, "primary", { updateDealAmount: true })).toMatchObject({ status: 400, body: { field: "dealVersion" } });
    expect(await act(b, "primary", { updateDealAmount: true, dealVersion: deal.version + 5 })).toMatchObject({ status: 409 });
    expect((await read(b)).isPrimary).toBe(false);
    expect((await read(a)).isPrimary).toBe(true);

    const switched = await act(b, "primary", { updateDealAmount: true, dealVersion: deal.version });
    // 1200.00 + 13% = 1356.00
    expect(switched).toMatchObject({ status: 200, body: { quote: { quoteId: b.quoteId, isPrimary: true }, opportunity: { amount: 1356, version: deal.version + 1 } } });
    const all = (await api.call("GET", `/opportunities/${deal.opportunityId}/quotes`, { token: rep })).body.items;
    expect(all.filter((q: Body) => q.isPrimary).map((q: Body) => q.quoteId)).toEqual([b.quoteId]);
    expect(api.events.find((e) => e.name === "quote.marked_primary" && e.data.quoteId === b.quoteId)?.data).toMatchObject({ previousQuoteId: a.quoteId, totalCents: 135_600 });
    expect(api.events.some((e) => e.name === "opportunity.updated" && e.data.opportunityId === deal.opportunityId)).toBe(true);

    // Editing the primary keeps it intact: the edit is the next version, not yet primary.
    const next = await edit(await read(b), { taxRatePct: 0 });
    expect(next).toMatchObject({ status: 201, body: { quoteVersion: 2, isPrimary: false } });
    expect(await read(b)).toMatchObject({ isPrimary: true, totalCents: 135_600 });
  });
});

describe("discount approval", () => {
  it("holds a quote over the team threshold for the team's manager, mailing the request and the decisions", async () => {
    const runtime = await consumerDeps();
    const deps = runtime.deps;
    const deliver = () => deliverThroughRule("QuoteApprovalMail", api.events.splice(0), quoteApprovalMailHandler(deps));
    const deal = await f.deal({ ...f.ready, name: "Discount deal" });
    api.events.length = 0;

    const pending = (await quote(deal, { lines: lines(20) })).body;
    expect(pending).toMatchObject({ status: "pending_approval", maxDiscountPct: 20, approvalThresholdPct: 15 });
    expect(await act(pending, "primary")).toMatchObject({ status: 422, body: { code: "approval_pending" } });
    expect(await act(pending, "send")).toMatchObject({ status: 422, body: { code: "approval_pending" } });
    expect(await deliver()).toBe(1);
    // Zhang Wei and Li Na read Chinese (their locale): the mails are in it.
    const request = await runtime.mail.waitFor((m) => m.to.includes("zhang.wei@dealflow.dev"));
    expect(request.subject).toBe(`折扣待审批：「Discount deal」的报价 ${pending.quoteNumber} v1（20% > 15%）`);
    expect(request.text).toContain("总额 2,269.93 CNY"); // 2400.00 − 20% + 349.93

    expect(await act(pending, "approve", {}, rep)).toMatchObject({ status: 403 });
    expect(await act(pending, "approve", {}, otherManager)).toMatchObject({ status: 404 });
    expect(await act(pending, "reject", {}, manager)).toMatchObject({ status: 400, body: { field: "comment" } });
    const rejected = await act(pending, "reject", { comment: "Max 15% this quarter" }, manager);
    expect(rejected).toMatchObject({ status: 200, body: { status: "rejected", approvalComment: "Max 15% this quarter", decidedBy: expect.any(String) } });
    expect(await deliver()).toBe(1);
    const no = await runtime.mail.waitFor((m) => m.to.includes("li.na@dealflow.dev") && m.subject.includes("已驳回"));
    expect(no.text).toContain("意见：Max 15% this quarter");

    // The rep edits: still over the threshold, so the manager is asked again; then approves.
    const asked = (await edit(rejected.body, { lines: lines(18) })).body;
    expect(asked).toMatchObject({ status: "pending_approval", version: 3, maxDiscountPct: 18 });
    expect(asked.approvalComment).toBeUndefined();
    const approved = await act(asked, "approve", { comment: "OK for this logo" }, manager);
    expect(approved).toMatchObject({ status: 200, body: { status: "approved" } });
    expect(await deliver()).toBe(2);
    await runtime.mail.waitFor((m) => m.to.includes("li.na@dealflow.dev") && m.subject.includes("已批准"));
    expect(await act(approved.body, "primary")).toMatchObject({ status: 200, body: { quote: { isPrimary: true } } });

    const trail = (await api.db.entities.audit.query.byRecord({ recordType: "quote", recordId: pending.quoteId }).go()).data;
    expect(trail.map((a) => a.action)).toEqual(["create", "reject", "update", "approve", "mark_primary"]);
    expect(trail[1]?.changes).toEqual(expect.arrayContaining([{ field: "status", old: "pending_approval", new: "rejected" }, { field: "approvalComment", old: null, new: "Max 15% this quarter" }]));

    // A redelivered event mails nobody twice; an English-speaking author (Tom Baker) reads English.
    const tom = (await api.call("GET", "/me", { token: await api.login("tom.baker@dealflow.dev") })).body;
    const before = runtime.mail.messages().length;
    const decided = { id: "dup", name: "quote.approved", version: 1, occurredAt: new Date().toISOString(), data: { ...approvalFields(approved.body), authorId: tom.userId, decidedBy: "x", comment: null } };
    await deliverThroughRule("QuoteApprovalMail", [decided, decided], quoteApprovalMailHandler(deps));
    expect(runtime.mail.messages().length).toBe(before + 1);
    expect(runtime.mail.messages().at(-1)).toMatchObject({ to: [tom.email], subject: `Quote ${approved.body.quoteNumber} v1 on "Discount deal" approved by x` });
  });

  it("follows the threshold the team's manager sets", async () => {
    expect(await api.call("GET", "/teams/" + (await api.call("GET", "/me", { token: rep })).body.teamId + "/quote-settings", { token: rep })).toMatchObject({ status: 200, body: { discountThresholdPct: 15, version: null } });
    const teamId = (await api.call("GET", "/me", { token: rep })).body.teamId;
    expect(await api.call("PUT", `/teams/${teamId}/quote-settings`, { token: rep, body: { discountThresholdPct: 30 } })).toMatchObject({ status: 403 });
    expect(await api.call("PUT", `/teams/${teamId}/quote-settings`, { token: manager, body: { discountThresholdPct: 25 } })).toMatchObject({ status: 200, body: { discountThresholdPct: 25, version: 1 } });
    const q = (await quote(await f.deal(f.ready), { lines: lines(20) })).body;
    expect(q).toMatchObject({ status: "draft", approvalThresholdPct: 25 });
    expect((await quote(await f.deal(f.ready), { lines: lines(0), overallDiscountPct: 26 })).body.status).toBe("pending_approval");
    expect(await api.call("PUT", `/teams/${teamId}/quote-settings`, { token: manager, body: { version: 1, discountThresholdPct: 15 } })).toMatchObject({ status: 200, body: { discountThresholdPct: 15 } });
  });
});

describe("events and docs", () => {
  it("publishes quote events that match their catalogued schemas, documented with the routes", async () => {
    const deal = await f.deal(f.ready);
    const q = (await quote(deal, { lines: lines(30) })).body;
    await act(q, "approve", {}, manager);
    const names = new Set(api.events.map((e) => e.name));
    for (const name of ["quote.created", "quote.updated", "quote.approval_requested", "quote.approved"]) expect(names).toContain(name);
    expect(() => assertValidEvents(api.events)).not.toThrow();
    expect(Object.keys(eventJsonSchemas())).toEqual(expect.arrayContaining(["product.created", "quote.approval_requested", "quote.rejected", "quote.marked_primary", "order.created"]));
    const paths = Object.keys((await api.call("GET", "/openapi.json")).body.paths);
    expect(paths).toEqual(expect.arrayContaining(["/products", "/products/{id}", "/opportunities/{id}/quotes", "/quotes/{id}/approve", "/quotes/{id}/primary", "/teams/{id}/quote-settings"]));
  });
});

/**
 * The consumer's runtime on the API's own table (ElectroDB binds its entities to the last table a process opens,
 * so a second test table here would hide the API's). The consumer never starts workflows: that client is idle.
 */
async function consumerDeps(): Promise<{ deps: RuntimeDeps; mail: Awaited<ReturnType<typeof startSmtpCapture>> }> {
  const mail = await startSmtpCapture();
  afterAll(() => mail.close());
  const idle = new SFNClient({ endpoint: "http://127.0.0.1:9", region: localRegion, credentials: localCredentials });
  const deps: RuntimeDeps = {
    db: api.db, publisher: { publish: async () => undefined }, clock: systemClock, mailer: createSmtpMailer({ url: mail.smtpUrl, from: "noreply@dealflow.test" }),
    workflow: createSfnWorkflowEngine(idle), stateMachineArns: {}, appUrl: "http://127.0.0.1:5173",
  };
  return { deps, mail };
}

function approvalFields(q: Body): Body {
  return { quoteId: q.quoteId, quoteNumber: q.quoteNumber, quoteVersion: q.quoteVersion, teamId: q.teamId, opportunityId: q.opportunityId, authorId: q.createdBy, totalCents: q.totalCents, currency: q.currency, maxDiscountPct: q.maxDiscountPct, thresholdPct: q.approvalThresholdPct };
}
