import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shootBoth, signInAs, stackApi, type BrowserSession } from "./support/stack.ts";

const api = stackApi();
const tag = `L${Math.random().toString(36).slice(2, 7)}`;
let s: BrowserSession;
let page: Page;
let rep: { token: string; userId: string };
let managerToken: string;
let lead: { leadId: string; name: string };

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 250 });
const stored = async (leadId: string, token = rep.token) => (await api.call("GET", `/leads/${leadId}`, { token })).body;
const pageWidth = (p: Page) => p.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

/**
 * A lead of this run, captured by the East team's manager and assigned to li.na, as the assignment engine would:
 * the assignment starts her response SLA, and the capture scores it (title, size, industry, source, email: 50, B).
 */
async function assignedLead(name: string) {
  const created = await api.call("POST", "/leads", {
    token: managerToken,
    body: { source: "trade_show", name, email: `${name.replace(/\W+/g, ".").toLowerCase()}@${tag.toLowerCase()}-corp.example`, title: "CTO", companyName: `${tag} Robotics`, companySize: "201-1000", industry: "software", region: "Shanghai" },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const leadId = created.body.leadId as string;
  const assigned = await api.call("POST", `/leads/${leadId}/assign`, { token: managerToken, body: { ownerId: rep.userId } });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  // Scoring and the SLA start run on the lead's events; beforeAll cannot use expect.poll, so it waits by hand.
  for (let tries = 0; ; tries++) {
    const l = await stored(leadId);
    if (l.slaDueAt && (l.totalScore as number) > 0) break;
    if (tries > 60) throw new Error(`lead ${leadId} got no SLA or score: ${JSON.stringify(l)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { leadId, name };
}

/** Every lead of the East team, page by page. */
async function teamLeads(): Promise<{ name: string; source: string }[]> {
  const items: { name: string; source: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await api.call("GET", `/leads?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: managerToken });
    items.push(...(res.body.items as { name: string; source: string }[]));
    cursor = res.body.cursor as string | null;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  managerToken = await api.login("zhang.wei@dealflow.dev");
  const token = await api.login("li.na@dealflow.dev");
  rep = { token, userId: (await api.call("GET", "/me", { token })).body.userId as string };
  lead = await assignedLead(`Qiao ${tag}`);
  s = await openBrowser();
  page = s.page;
});

describe("leads inbox", () => {
  it("shows the rep's queue with her new lead, its live SLA countdown and its score", async () => {
    await signInAs(s, "li.na@dealflow.dev", "#/leads");
    await page.getByRole("heading", { name: "Leads inbox" }).waitFor();
    const row = page.locator(`tr[data-lead-id="${lead.leadId}"]`);
    await row.waitFor();
    expect(await row.locator("time.countdown").textContent()).toMatch(/left|Overdue/);
    expect(await row.locator(".score").textContent()).toBe("50B");
    expect(await page.getByRole("button", { name: "My queue" }).getAttribute("aria-pressed")).toBe("true");

    await page.getByLabel("Search", { exact: true }).fill(tag);
    await expect.poll(() => page.url()).toContain(`q=${tag}`);
    expect(await page.locator("tbody tr").count()).toBe(1);
    await shootBoth(page, "leads-queue");
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("opens the lead with its score explained and logs the first contact, which ends the SLA", async () => {
    await page.getByRole("link", { name: lead.name }).click();
    await page.getByRole("heading", { name: lead.name, level: 1 }).waitFor();
    const explanation = page.getByRole("table", { name: "Points per scoring rule" });
    await explanation.waitFor();
    expect(await explanation.textContent()).toContain("Decision-maker title");
    expect(await explanation.textContent()).toContain("Target industry");

    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Call" });
    await page.getByLabel("Summary", { exact: true }).fill("Intro call, wants a demo");
    await page.getByRole("button", { name: "Log touch" }).click();
    await page.getByText("Call: Intro call, wants a demo").waitFor();
    await poll(async () => Boolean((await stored(lead.leadId)).firstContactAt)).toBe(true);
    await page.getByText(/^First contacted /).waitFor();
    await shootBoth(page, "lead-detail");
  });

  it("qualifies and converts the lead into account, contact and deal, then opens the deal", async () => {
    await page.getByRole("button", { name: "Qualify", exact: true }).click();
    await page.getByRole("button", { name: "Convert", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Convert ${lead.name}` });
    await dialog.getByLabel("Account name").waitFor();
    expect(await dialog.getByLabel("Account name").inputValue()).toBe(`${tag} Robotics`);
    await dialog.getByLabel("Deal name").fill(`${tag} robot arms`);
    await dialog.getByLabel("Amount").fill("250000");
    await dialog.getByLabel("Expected close date").fill("2031-03-31");
    await shootBoth(page, "lead-convert");
    await dialog.getByRole("button", { name: "Convert lead" }).click();
    await dialog.getByRole("link", { name: `Open the new deal ${tag} robot arms` }).click();
    await expect.poll(() => page.url()).toMatch(/#\/deals\/[^/?]+$/);

    const dealId = decodeURIComponent(page.url().split("#/deals/")[1] ?? "");
    const converted = await stored(lead.leadId);
    expect(converted).toMatchObject({ status: "converted", convertedOpportunityId: dealId });
    const deal = (await api.call("GET", `/opportunities/${dealId}`, { token: rep.token })).body;
    expect(deal).toMatchObject({ name: `${tag} robot arms`, amount: 250000, expectedCloseDate: "2031-03-31", sourceLeadId: lead.leadId });
  });

  it("releases a recycled lead to the team pool (公海) from its detail; the pool lists it and the API has it ownerless", async () => {
    const spare = await assignedLead(`Ruan ${tag}`);
    // Recycled through the API (disqualified, then reopened), as the detail's own buttons do: only a recycled lead may go.
    for (const status of ["disqualified", "recycled"]) {
      const { version } = await stored(spare.leadId);
      expect((await api.call("PATCH", `/leads/${spare.leadId}`, { token: rep.token, body: { version, status } })).status).toBe(200);
    }
    await page.goto(`${s.webUrl}/#/leads/${encodeURIComponent(spare.leadId)}`);
    await page.getByRole("heading", { name: spare.name, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Release to team pool" }).click();
    const dialog = page.getByRole("dialog", { name: `Release ${spare.name} to the team pool` });
    await dialog.getByLabel("Reason (optional)").fill("Outside my territory");
    await dialog.getByRole("button", { name: "Release to team pool" }).click();
    await page.getByText("This lead is in the team pool (公海)").waitFor();
    expect(await page.getByRole("button", { name: "Release to team pool" }).count()).toBe(0);
    await poll(async () => {
      const l = await stored(spare.leadId);
      return [l.pooled, l.ownerId ?? null];
    }).toEqual([true, null]);
    // The pool lists it; its detail offers Claim, and the server's cool-down refuses the rep who just released it.
    await page.goto(`${s.webUrl}/#/leads?view=pool`);
    await page.getByRole("link", { name: spare.name }).click();
    await page.getByRole("button", { name: "Claim", exact: true }).click();
    expect(await page.getByRole("alert").textContent()).toMatch(/^The lead could not be claimed: You released or lost this record recently/);
    expect((await stored(spare.leadId)).pooled).toBe(true);
  });

  it("imports a CSV: preview with an error row, progress to 100%, a summary, and a re-run that creates nothing", async () => {
    // The import is for managers: switch this tab to zhang.wei.
    await page.evaluate((t) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem("dealflow.token", t), managerToken);
    await page.goto(`${s.webUrl}/#/leads/import`);
    await page.reload();
    const names = [`Wu ${tag}`, `Zhou ${tag}`];
    const csv = [
      "姓名,邮箱,公司,职位,备注",
      `${names[0]},wu.${tag}@example-import.com,"${tag} Foods, Ltd",采购总监,"first, quoted"`,
      `Bad ${tag},not-an-email,${tag} Bad,经理,`,
      `${names[1]},zhou.${tag}@example-import.com,${tag} Steel,总经理,`,
    ].join("\n");
    await page.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.waitFor();
    expect(await page.getByLabel("Field for column 姓名").inputValue()).toBe("name");
    expect(await page.getByLabel("Field for column 备注").inputValue()).toBe("skip");
    const rows = preview.getByRole("table", { name: "What each row would do" }).locator("tbody tr");
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toMatch(/Error.*email/i);
    expect(await preview.textContent()).toContain("2 will be created");
    await shootBoth(page, "lead-import-preview");

    await preview.getByRole("button", { name: "Import 2 rows" }).click();
    const summary = page.getByRole("region", { name: "Import finished" });
    await summary.waitFor();
    expect(await page.getByRole("progressbar", { name: "Import progress" }).getAttribute("aria-valuenow")).toBe("100");
    expect(await summary.textContent()).toMatch(/2\s*created.*1\s*with errors/);

    const imported = (await teamLeads()).filter((l) => names.includes(l.name));
    expect(imported.map((l) => l.source).sort()).toEqual(["import", "import"]);

    await summary.getByRole("button", { name: "Import the same file again" }).click();
    await poll(async () => (await summary.textContent()) ?? "").toMatch(/0\s*created.*2\s*already imported/);
    expect((await teamLeads()).filter((l) => names.includes(l.name))).toHaveLength(2);
    expect(s.offLoopback).toEqual([]);
    // The cool-down refusal above is a 422 the browser logs; nothing else may fail.
    expect(s.pageErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
