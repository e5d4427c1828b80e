import { beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shootBoth, signInAs, stackApi, type BrowserSession } from "./support/stack.ts";

/** The API's own figures, read with the manager's token, that the dashboard must show. */
interface Figures {
  funnel: { currency: string; stages: { stage: string; reached: number }[] };
  forecast: { currency: string; byMonth: { month: string; commit: number; pipeline: number }[] };
  responseSla: { overall: { met: number; judged: number }; byOwner: { key: string; met: number }[] };
  risks: { deals: { opportunityId: string; name: string }[] };
}

const money = (locale: string, amount: number, currency: string) => new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
const num = (n: number) => new Intl.NumberFormat("en").format(n);

/** Setup waits for the stack's consumers (expect.poll only runs inside a test). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((r) => setTimeout(r, 300))) {
    const value = await read();
    if (ok(value)) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The quarter a day falls in, with its first and last day. */
function quarterOf(day: string) {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const last = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { period: `${y}-Q${q + 1}`, from: `${y}-${String(q * 3 + 1).padStart(2, "0")}-01`, to: last, months: [1, 2, 3].map((i) => `${y}-${String(q * 3 + i).padStart(2, "0")}`) };
}

let s: BrowserSession;
let figures: Figures;
let eastTeamId: string;
let quarter: ReturnType<typeof quarterOf>;
let month: string;
let rep: { userId: string; name: string };

/**
 * This run's own response-SLA verdict: a lead the manager assigns to wang.fang, who calls it at once (met). The
 * dashboard's period is the quarter its first contact was due in, so the SLA panel has a figure to show.
 */
async function metLead(api: ReturnType<typeof stackApi>, managerToken: string): Promise<string> {
  const repToken = await api.login("wang.fang@dealflow.dev");
  const me = (await api.call("GET", "/me", { token: repToken })).body;
  rep = { userId: me.userId as string, name: "" };
  const tag = Math.random().toString(36).slice(2, 7);
  const created = await api.call("POST", "/leads", { token: managerToken, body: { source: "phone", name: `Dash ${tag}`, email: `dash.${tag}@dash-${tag}.example`, companyName: `Dash ${tag} Ltd` } });
  if (created.status !== 201) throw new Error(`lead: ${JSON.stringify(created.body)}`);
  const leadId = created.body.leadId as string;
  const assigned = await api.call("POST", `/leads/${leadId}/assign`, { token: managerToken, body: { ownerId: rep.userId } });
  if (assigned.status !== 200) throw new Error(`assign: ${JSON.stringify(assigned.body)}`);
  const dueAt = await until(async () => ((await api.call("GET", `/leads/${leadId}`, { token: repToken })).body.slaDueAt as string | undefined) ?? "", (d) => d !== "", "the lead's SLA");
  const call = await api.call("POST", "/activities", { token: repToken, body: { subjectType: "lead", subjectId: leadId, type: "call", title: "First call" } });
  if (call.status !== 201) throw new Error(`call: ${JSON.stringify(call.body)}`);
  return dueAt.slice(0, 10);
}

beforeAll(async () => {
  const api = stackApi();
  const token = await api.login("zhang.wei@dealflow.dev");
  const get = async (path: string) => {
    const res = await api.call("GET", path, { token });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  eastTeamId = (await get("/me")).teamId as string;
  quarter = quarterOf(await metLead(api, token));
  const today = new Date().toISOString().slice(0, 7);
  month = quarter.months.includes(today) ? today : (quarter.months[0] ?? today);
  const cohort = `teamId=${eastTeamId}&from=${quarter.from}&to=${quarter.to}`;
  const repMet = (r: Record<string, any>) => (r.byOwner as { key: string; met: number }[]).some((o) => o.key === rep.userId && o.met > 0);
  await until(() => get(`/analytics/response-sla?${cohort}`), repMet, "the rep's met response SLA");
  const [funnel, forecast, responseSla, risks, users] = await Promise.all([
    get(`/analytics/funnel?${cohort}`),
    get(`/forecast?teamId=${eastTeamId}&period=${quarter.period}`),
    get(`/analytics/response-sla?${cohort}`),
    get(`/risks?teamId=${eastTeamId}`),
    get(`/users?teamId=${eastTeamId}&limit=200`),
  ]);
  figures = { funnel, forecast, responseSla, risks } as unknown as Figures;
  rep.name = (users.items as { userId: string; name: string }[]).find((u) => u.userId === rep.userId)?.name ?? "";
  s = await openBrowser();
});

describe("manager dashboard", () => {
  it("shows the API's own figures for the team's quarter: funnel, forecast, response SLA and risks", async () => {
    await signInAs(s, "zhang.wei@dealflow.dev", `#/dashboard?period=${quarter.period}`);
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
    const repMet = figures.responseSla.byOwner.find((o) => o.key === rep.userId)?.met ?? -1;
    expect(await sla.locator(`tr[data-key="${rep.userId}"] td[data-label="Met"]`).textContent()).toBe(num(repMet));

    const risks = page.getByRole("list", { name: "Deals at risk" });
    await expect.poll(() => risks.locator(":scope > li").count()).toBe(figures.risks.deals.length);
    const riskiest = figures.risks.deals[0];
    if (riskiest) {
      const link = risks.locator(":scope > li").first().getByRole("link", { name: riskiest.name, exact: true });
      expect(await link.getAttribute("href")).toBe(`#/deals/${riskiest.opportunityId}`);
    }

    await shootBoth(page, "dashboard");
    await page.setViewportSize({ width: 375, height: 900 });
    // Charts follow the new width on their next resize observation, so this is polled.
    const overflowing = () =>
      page.evaluate(() => {
        const doc = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ className: string; scrollWidth: number; clientWidth: number; querySelector(s: string): { textContent: string } | null }> } };
        return Array.from(doc.document.querySelectorAll(".dashboard, .dash-panel")).filter((el) => el.scrollWidth > el.clientWidth).map((el) => `${el.querySelector("h2")?.textContent ?? el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      });
    await expect.poll(overflowing).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("opens the board filtered to a rep from that rep's SLA row", async () => {
    expect(rep.name).toBe("王芳");
    await s.page.getByRole("region", { name: "Lead response SLA" }).getByRole("link", { name: `Deals of ${rep.name}` }).click();
    await expect.poll(() => s.page.url()).toContain(`#/board?owner=${rep.userId}`);
    const owner = s.page.getByRole("search", { name: "Board filters" }).getByLabel("Owner");
    await expect.poll(() => owner.inputValue()).toBe(rep.userId);
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
    await expect.poll(() => s.page.url()).toContain(`period=${new Date().toISOString().slice(0, 7)}`);
    await s.page.goto(`${s.webUrl}/#/dashboard?period=${far}`);
    const forecast = s.page.getByRole("region", { name: "Forecast vs quota" });
    await expect.poll(() => forecast.locator(`tr[data-month="${far}"] td[data-label="Quota"]`).textContent()).toBe(money("en", 1_500_000, "CNY"));
    expect(await forecast.getByText(`Attainment ${new Intl.NumberFormat("en", { style: "percent" }).format(0)}`).count()).toBe(1);
    await s.page.getByRole("region", { name: "Sales funnel" }).getByText("No deals were created in this period.").waitFor();
  });

  it("speaks 简体中文 with yuan formatted for China", async () => {
    await s.page.goto(`${s.webUrl}/#/dashboard?period=${quarter.period}`);
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

  it("gives an admin the company forecast: each team against its quota as the API rolls it up, and a team's row opens its reports", async () => {
    const admin = await openBrowser();
    const token = await signInAs(admin, "admin@dealflow.dev", `#/dashboard?period=${quarter.period}`);
    const company = (await stackApi().call("GET", `/forecast/company?period=${quarter.period}`, { token })).body as { currency: string; total: { commit: number }; byTeam: { teamId: string; teamName: string; commit: number; pipeline: number }[] };
    expect(company.byTeam.length).toBeGreaterThanOrEqual(2);
    const panel = admin.page.getByRole("region", { name: "Company forecast" });
    for (const team of company.byTeam) {
      const row = panel.locator(`tr[data-team="${team.teamId}"]`);
      await expect.poll(() => row.locator('td[data-label="Commit"]').textContent()).toBe(money("en", team.commit, company.currency));
      expect(await row.locator('td[data-label="Pipeline"]').textContent()).toBe(money("en", team.pipeline, company.currency));
    }
    expect(await panel.locator('tfoot td[data-label="Commit"]').textContent()).toBe(money("en", company.total.commit, company.currency));

    const other = company.byTeam.find((x) => x.teamId !== eastTeamId);
    await panel.getByRole("button", { name: `Show ${other!.teamName} on the dashboard` }).click();
    await expect.poll(() => admin.page.url()).toContain(`team=${encodeURIComponent(other!.teamId)}`);
    await shootBoth(admin.page, "dashboard-company");
    expect(admin.offLoopback).toEqual([]);
    expect(admin.pageErrors).toEqual([]);
  });
});
