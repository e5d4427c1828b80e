import { beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shootBoth, signInAs, stackApi, type BrowserSession } from "./support/stack.ts";

/** The API's own figures, read with the manager's token, that the dashboard must show. */
interface Figures {
  funnel: { currency: string; stages: { stage: string; reached: number }[] };
  forecast: { currency: string; byMonth: { month: string; commit: number; pipeline: number }[] };
  responseSla: { overall: { met: number; judged: number }; byOwner: { key: string; met: number }[] };
  risks: { deals: { opportunityId: string; name: string }[] };
}

const today = new Date();
const month = today.toISOString().slice(0, 7);
const quarter = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
const lastDay = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3 + 3, 0)).toISOString().slice(0, 10);
const firstDay = `${quarter.slice(0, 4)}-${String(Math.floor(today.getUTCMonth() / 3) * 3 + 1).padStart(2, "0")}-01`;
const money = (locale: string, amount: number, currency: string) => new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
const num = (n: number) => new Intl.NumberFormat("en").format(n);

let s: BrowserSession;
let figures: Figures;
let eastTeamId: string;
let names: Map<string, string>;

beforeAll(async () => {
  const api = stackApi();
  const token = await api.login("zhang.wei@dealflow.dev");
  const get = async (path: string) => {
    const res = await api.call("GET", path, { token });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const me = await get("/me");
  eastTeamId = me.teamId as string;
  const cohort = `teamId=${eastTeamId}&from=${firstDay}&to=${lastDay}`;
  const [funnel, forecast, responseSla, risks, users] = await Promise.all([
    get(`/analytics/funnel?${cohort}`),
    get(`/forecast?teamId=${eastTeamId}&period=${quarter}`),
    get(`/analytics/response-sla?${cohort}`),
    get(`/risks?teamId=${eastTeamId}`),
    get(`/users?teamId=${eastTeamId}&limit=200`),
  ]);
  figures = { funnel, forecast, responseSla, risks } as unknown as Figures;
  names = new Map((users.items as { userId: string; name: string }[]).map((u) => [u.userId, u.name]));
  s = await openBrowser();
});

describe("manager dashboard", () => {
  it("shows the API's own figures for the team's quarter: funnel, forecast, response SLA and risks", async () => {
    await signInAs(s, "zhang.wei@dealflow.dev", `#/dashboard?period=${quarter}`);
    const page = s.page;
    const funnel = page.getByRole("region", { name: "Sales funnel" });
    const first = figures.funnel.stages[0];
    expect(first?.stage).toBe("initial_contact");
    const firstRow = funnel.locator("tbody tr").filter({ has: page.getByRole("link", { name: "Deals in Initial contact" }) });
    await expect.poll(() => firstRow.locator('td[data-label="Reached"]').textContent()).toBe(num(first?.reached ?? -1));

    const forecastMonth = figures.forecast.byMonth.find((m) => m.month === month);
    const monthRow = page.getByRole("region", { name: "Forecast vs quota" }).locator(`tr[data-month="${month}"]`);
    await expect.poll(() => monthRow.locator('td[data-label="Commit"]').textContent()).toBe(money("en", forecastMonth?.commit ?? -1, figures.forecast.currency));
    expect(await monthRow.locator('td[data-label="Pipeline"]').textContent()).toBe(money("en", forecastMonth?.pipeline ?? -1, figures.forecast.currency));
    expect(figures.forecast.currency).toBe("CNY");
    expect(await monthRow.locator('td[data-label="Commit"]').textContent()).toMatch(/^CN¥/);

    const sla = page.getByRole("region", { name: "Lead response SLA" });
    const { met, judged } = figures.responseSla.overall;
    await expect.poll(() => sla.getByText(`${num(met)} of ${num(judged)} met`).count()).toBe(1);

    const risks = page.getByRole("list", { name: "Deals at risk" });
    await expect.poll(() => risks.locator(":scope > li").count()).toBe(figures.risks.deals.length);
    const riskiest = figures.risks.deals[0];
    if (riskiest) {
      const link = risks.locator(":scope > li").first().getByRole("link", { name: riskiest.name, exact: true });
      expect(await link.getAttribute("href")).toBe(`#/deals/${riskiest.opportunityId}`);
    }

    await shootBoth(page, "dashboard");
  });

  it("opens the board filtered to a rep from that rep's SLA row", async () => {
    const rep = figures.responseSla.byOwner[0];
    expect(rep).toBeDefined();
    const name = names.get(rep?.key ?? "") ?? "";
    await s.page.getByRole("region", { name: "Lead response SLA" }).getByRole("link", { name: `Deals of ${name}` }).click();
    await expect.poll(() => s.page.url()).toContain(`#/board?owner=${rep?.key}`);
    const owner = s.page.getByRole("search", { name: "Board filters" }).getByLabel("Owner");
    await expect.poll(() => owner.inputValue()).toBe(rep?.key);
    await s.page.goBack();
    await s.page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
  });

  it("shows a month's quota against its forecast, and empty reports where the period has no deals", async () => {
    const api = stackApi();
    const admin = await api.login("admin@dealflow.dev");
    const far = "2031-03";
    const put = await api.call("PUT", "/quotas", { token: admin, body: { teamId: eastTeamId, month: far, amount: 1_500_000 } });
    expect(put.status).toBe(200);
    await s.page.getByLabel("Period type").selectOption("month");
    await expect.poll(() => s.page.url()).toContain(`period=${month}`);
    await s.page.goto(`${s.webUrl}/#/dashboard?period=${far}`);
    const forecast = s.page.getByRole("region", { name: "Forecast vs quota" });
    await expect.poll(() => forecast.locator(`tr[data-month="${far}"] td[data-label="Quota"]`).textContent()).toBe(money("en", 1_500_000, "CNY"));
    expect(await forecast.getByText(`Attainment ${new Intl.NumberFormat("en", { style: "percent" }).format(0)}`).count()).toBe(1);
    await s.page.getByRole("region", { name: "Sales funnel" }).getByText("No deals were created in this period.").waitFor();
  });

  it("speaks 简体中文 with yuan formatted for China", async () => {
    await s.page.goto(`${s.webUrl}/#/dashboard?period=${quarter}`);
    await s.page.getByLabel("Language").selectOption("zh-CN");
    const forecast = s.page.getByRole("region", { name: "预测与配额" });
    await forecast.waitFor();
    await s.page.getByRole("region", { name: "销售漏斗" }).getByRole("link", { name: "初步接洽阶段的商机" }).waitFor();
    const commit = figures.forecast.byMonth.find((m) => m.month === month)?.commit ?? -1;
    await expect.poll(() => forecast.locator(`tr[data-month="${month}"] td[data-label="承诺"]`).textContent()).toBe(money("zh-CN", commit, "CNY"));
    expect(await s.page.getByRole("heading", { name: "仪表盘", level: 1 }).count()).toBe(1);
    await shootBoth(s.page, "dashboard-zh");
    expect(s.offLoopback).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
