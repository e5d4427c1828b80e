import { beforeAll, describe, expect, it } from "vitest";
import { rules } from "@dealflow/infra";
import { matchesPattern } from "@dealflow/local/bus/pattern-matcher";
import { forecastLinesHandler } from "@dealflow/functions/events/forecast-lines";
import { forecastSnapshotHandler } from "@dealflow/functions/events/forecast-snapshot";
import { systemClock } from "@dealflow/core/ports/clock";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { startTestApi } from "../support/api.ts";
import { deliverThroughRule, envelopeOf } from "./collab-fixtures.ts";

type Body = Record<string, any>;
let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string;
let admin: string;
let liId: string;
let teamId: string;
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);
const rule = rules.find((r) => r.name === "ForecastLines");

const deliverAll = () => deliverThroughRule("ForecastLines", api.events, forecastLinesHandler({ db: api.db }));

beforeAll(async () => {
  api = await startTestApi();
  rep = await api.login("li.na@dealflow.dev");
  admin = await api.login("admin@dealflow.dev");
  const me = (await api.call("GET", "/me", { token: rep })).body;
  liId = me.userId;
  teamId = me.teamId;
  const account = (await api.call("POST", "/accounts", { token: rep, body: { name: "Forecast account" } })).body;
  const deal = async (amount: number, forecastCategory: string, probability: number) => {
    const body = { name: `Deal ${amount}`, accountId: account.accountId, amount, expectedCloseDate: today, forecastCategory, probability };
    const res = await api.call("POST", "/opportunities", { token: rep, body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body;
  };
  const close = (d: Body, body: Body) => api.call("POST", `/opportunities/${d.opportunityId}/close`, { token: rep, body: { version: d.version, ...body } });
  await deal(300, "commit", 60);
  await deal(200, "best_case", 40);
  await deal(100, "pipeline", 10);
  await deal(70, "omitted", 30);
  await close(await deal(400, "commit", 90), { outcome: "won" });
  await close(await deal(50, "pipeline", 20), { outcome: "lost", reasonKey: "price", winningCompetitor: "unknown" });
  await api.call("PUT", "/quotas", { token: admin, body: { teamId, month, amount: 1000 } });
  await api.call("PUT", "/quotas", { token: admin, body: { teamId, month, userId: liId, amount: 600 } });
}, 60_000);

describe("forecast against quota, from lines kept by the ForecastLines consumer", () => {
  it("routes every deal event, and only deal events, to the consumer", () => {
    expect(rule && matchesPattern(rule.pattern, envelopeOf({ id: "1", name: "opportunity.closed", version: 1, occurredAt: today, data: { opportunityId: "x" } }))).toBe(true);
    expect(rule && matchesPattern(rule.pattern, envelopeOf({ id: "2", name: "activity.created", version: 1, occurredAt: today, data: { activityId: "x" } }))).toBe(false);
  });

  it("rolls up the team and the rep for the month and its quarter", async () => {
    expect(await deliverAll()).toBeGreaterThanOrEqual(8);
    const team = await api.call("GET", `/forecast?period=${month}`, { token: rep });
    expect(team.status).toBe(200);
    expect(team.body.total).toEqual({ deals: 4, closed: 400, commit: 700, bestCase: 900, pipeline: 1000, weighted: 670, quota: 1000, attainment: 0.4, coverage: 1 });
    const li = team.body.byRep.find((r: Body) => r.ownerId === liId);
    expect(li).toMatchObject({ closed: 400, pipeline: 1000, quota: 600, attainment: 0.6667, coverage: 3 });
    const quarter = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;
    const q = await api.call("GET", `/forecast?period=${quarter}&ownerId=${liId}`, { token: rep });
    expect(q.body.months).toHaveLength(3);
    expect(q.body.total).toMatchObject({ closed: 400, commit: 700, quota: 600 });
    expect(q.body.byMonth.find((m: Body) => m.month === month)).toMatchObject({ closed: 400, quota: 600 });
  });

  it("rolls the teams up into the company's forecast for admins", async () => {
    const team = (await api.call("GET", `/forecast?period=${month}`, { token: rep })).body.total;
    expect(await api.call("GET", `/forecast/company?period=${month}`, { token: rep })).toMatchObject({ status: 403 });
    const company = await api.call("GET", `/forecast/company?period=${month}`, { token: admin });
    expect(company.status).toBe(200);
    expect(company.body.byTeam.find((t: Body) => t.teamId === teamId)).toEqual({ teamId, teamName: expect.any(String), ...team });
    const sumOf = (k: string) => company.body.byTeam.reduce((s: number, t: Body) => s + t[k], 0);
    expect(company.body.total).toMatchObject({ deals: sumOf("deals"), closed: sumOf("closed"), commit: sumOf("commit"), pipeline: sumOf("pipeline"), weighted: sumOf("weighted"), quota: 1000 });
    expect(await api.call("GET", "/forecast/company?period=2026-13", { token: admin })).toMatchObject({ status: 400, body: { field: "period" } });
  });

  it("changes nothing when the same events are delivered again", async () => {
    const before = (await api.call("GET", `/forecast?period=${month}`, { token: rep })).body;
    await deliverAll();
    expect((await api.call("GET", `/forecast?period=${month}`, { token: rep })).body).toEqual(before);
  });

  it("refuses bad periods, quota edits by non-admins and quotas for another team's rep", async () => {
    expect(await api.call("GET", "/forecast?period=2026-13", { token: rep })).toMatchObject({ status: 400, body: { field: "period" } });
    expect(await api.call("PUT", "/quotas", { token: rep, body: { month, amount: 5 } })).toMatchObject({ status: 403 });
    const tom = (await api.call("GET", "/me", { token: await api.login("tom.baker@dealflow.dev") })).body;
    expect(await api.call("PUT", "/quotas", { token: admin, body: { teamId, month, userId: tom.userId, amount: 5 } })).toMatchObject({ status: 400, body: { field: "userId" } });
    expect(await api.call("PUT", "/quotas", { token: admin, body: { teamId, month, amount: -1 } })).toMatchObject({ status: 400, body: { field: "amount" } });
  });

  it("snapshots each team's month and quarter once a day, and answers what was forecast against what closed", async () => {
    const published: DomainEvent[] = [];
    const job = forecastSnapshotHandler({ db: api.db, clock: systemClock, publisher: { publish: async (batch) => void published.push(...batch) } });
    const tick = envelopeOf({ id: "tick", name: "Scheduled Event", version: 1, occurredAt: today, data: {} });
    await job(tick);
    const again = await api.db.entities.forecastSnapshot.query.primary({ teamId, period: month }).go();
    await job(tick);
    expect((await api.db.entities.forecastSnapshot.query.primary({ teamId, period: month }).go()).data).toEqual(again.data);
    expect(again.data).toHaveLength(1);

    const manager = await api.login("zhang.wei@dealflow.dev");
    expect(await api.call("POST", "/forecast/submissions", { token: rep, body: { period: month, amount: 650 } })).toMatchObject({ status: 403 });
    expect(await api.call("POST", "/forecast/submissions", { token: manager, body: { period: month, amount: 650, note: "Two commits slip" } })).toMatchObject({ status: 201 });
    const history = await api.call("GET", `/forecast/history?period=${month}`, { token: manager });
    // Actual closed 400: commit 700 → +75%, weighted 670 → +67.5%, the call of 650 → +62.5%.
    expect(history.body).toMatchObject({ actualClosed: 400, periodOver: false });
    expect(history.body.snapshots).toEqual([{ takenOn: today, closed: 400, commit: 700, bestCase: 900, weighted: 670, commitError: 0.75, weightedError: 0.675 }]);
    expect(history.body.submissions).toEqual([expect.objectContaining({ amount: 650, note: "Two commits slip", error: 0.625 })]);
    expect(published).toEqual([]);
  });

  it("converts other currencies at the admin's rates; a deal in a currency without a rate is listed, never added", async () => {
    // The demo seed sets CNY with USD and EUR rates; a yen deal has no rate yet.
    const account = (await api.call("POST", "/accounts", { token: rep, body: { name: "Yen account" } })).body;
    const yen = await api.call("POST", "/opportunities", { token: rep, body: { name: "Yen deal", accountId: account.accountId, amount: 10_000, currency: "JPY", expectedCloseDate: today, forecastCategory: "commit", probability: 50 } });
    expect(yen.status).toBe(201);
    await deliverAll();
    const before = (await api.call("GET", `/forecast?period=${month}`, { token: rep })).body;
    expect(before).toMatchObject({ currency: "CNY", unconverted: [{ currency: "JPY", items: 1, amount: 10_000 }], total: { deals: 4, commit: 700 } });

    const seeded = await api.call("GET", "/settings/currency", { token: rep });
    expect(seeded).toMatchObject({ status: 200, body: { reportingCurrency: "CNY", rates: { USD: 7.1, EUR: 7.8 }, version: 1 } });
    const rates = { version: 1, reportingCurrency: "CNY", rates: { ...seeded.body.rates, JPY: 0.048 } };
    expect(await api.call("PUT", "/settings/currency", { token: rep, body: rates })).toMatchObject({ status: 403 });
    expect(await api.call("PUT", "/settings/currency", { token: admin, body: { ...rates, rates: { CNY: 1 } } })).toMatchObject({ status: 400, body: { field: "rates.CNY" } });
    expect(await api.call("PUT", "/settings/currency", { token: admin, body: { ...rates, rates: { jpy: 1 } } })).toMatchObject({ status: 400 });
    expect(await api.call("PUT", "/settings/currency", { token: admin, body: { ...rates, version: undefined } })).toMatchObject({ status: 400, body: { field: "version" } });
    expect(await api.call("PUT", "/settings/currency", { token: admin, body: { ...rates, version: 5 } })).toMatchObject({ status: 409 });
    expect(await api.call("PUT", "/settings/currency", { token: admin, body: rates })).toMatchObject({ status: 200, body: { version: 2, rates: { JPY: 0.048 } } });

    // 10,000 JPY × 0.048 = 480 CNY of commit, weighted at 50%: 240.
    const after = (await api.call("GET", `/forecast?period=${month}`, { token: rep })).body;
    expect(after).toMatchObject({ unconverted: [], total: { deals: 5, commit: 1180, bestCase: 1380, pipeline: 1480, weighted: 910 } });
    const company = (await api.call("GET", `/forecast/company?period=${month}`, { token: admin })).body;
    expect(company).toMatchObject({ currency: "CNY", unconverted: [], total: { commit: expect.any(Number) } });
    expect(company.byTeam.find((t: Body) => t.teamId === teamId)).toMatchObject(after.total);
  });
});
