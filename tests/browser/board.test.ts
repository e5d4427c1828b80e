import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createBoardFixture, openDealsByStage, storedStage, type BoardFixture } from "./support/board-fixtures.ts";
import { launchChromium } from "./support/chromium.ts";
import { documentLang, focusedLabel, layoutWidths, tabToken } from "./support/in-page.ts";
import { stackApi } from "./support/stack.ts";

const shots = fileURLToPath(new URL("./screenshots/", import.meta.url));
const stages = ["Initial contact", "Needs analysis", "Proposal / quote", "Negotiation", "Contract"];

const api = stackApi();
const web = { url: inject("webUrl") };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let fixture: BoardFixture;
const offLoopback: string[] = [];

const column = (name: string) => page.getByRole("region", { name, exact: true });
const card = (name: string) => page.getByRole("article", { name, exact: true });
const cardIn = (stage: string, deal: string) => column(stage).getByRole("article", { name: deal, exact: true });
/** The keyboard path: pick the stage in the card's "Move to…" select, then press Enter on its Move button. */
async function moveWithKeyboard(deal: string, stage: string) {
  await page.getByLabel(`Move “${deal}” to another stage`).selectOption({ label: stage });
  await page.getByRole("button", { name: `Move “${deal}” to the chosen stage` }).press("Enter");
}
const shoot = (name: string) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

beforeAll(async () => {
  fixture = await createBoardFixture(api);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  // The client may talk to the two loopback servers only; anything else is refused and recorded.
  await context.route(/.*/, (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
    offLoopback.push(route.request().url());
    return route.abort();
  });
  page = await context.newPage();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("web client", () => {
  it("signs a seeded rep in from the demo quick-pick and keeps the token for the tab only", async () => {
    await page.goto(web.url);
    await page.getByRole("heading", { name: "Sign in to Dealflow" }).waitFor();
    await shoot("sign-in-1280");
    await page.getByLabel("Work email").fill("nobody@dealflow.dev");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect(await page.getByRole("alert").textContent()).toContain("No active user with email nobody@dealflow.dev");

    await page.getByRole("button", { name: /李娜/ }).click();
    expect(await page.getByLabel("Work email").inputValue()).toBe("li.na@dealflow.dev");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await page.getByRole("button", { name: /Account menu: 李娜/ }).waitFor();
    expect(await tabToken(page)).toMatch(/\S{20,}/);
  });

  it("shows one column per stage with the API's open deals, their counts, totals and cards", async () => {
    await column("Initial contact").waitFor();
    const headings = await page.locator(".stage-column__title").allTextContents();
    expect(headings).toEqual(stages);

    const expected = await openDealsByStage(api, fixture.token, fixture.pipelineId);
    for (const [i, key] of ["initial_contact", "needs_analysis", "proposal", "negotiation", "contract"].entries()) {
      const cards = await column(stages[i] ?? "").getByRole("article").count();
      expect(cards, `cards in ${key}`).toBe(expected.get(key) ?? 0);
    }
    // A rep is offered moves only on deals the API lets her change: her own.
    const own = await api.call("GET", `/opportunities?status=open&pipelineId=${fixture.pipelineId}&ownerId=${fixture.userId}&limit=200`, { token: fixture.token });
    expect(await page.getByRole("combobox", { name: /^Move “/ }).count()).toBe(own.body.items.length);
    const keyboardCard = cardIn("Initial contact", fixture.deals.keyboard.name);
    expect(await keyboardCard.textContent()).toContain("CN¥123,456");
    expect(await keyboardCard.textContent()).toContain("Closes Jun 30, 2031");
    expect(await keyboardCard.textContent()).toContain("李娜");
    // Three test deals of CN¥828K at 10% sit in the first column next to whatever the seed put there.
    expect(await column("Initial contact").locator("[data-total=unweighted]").textContent()).toMatch(/CN¥/);
    await shoot("board-1280");
  });

  it("moves a deal to the next stage with the keyboard 'Move to…' control and keeps it after reload", async () => {
    const { keyboard } = fixture.deals;
    await moveWithKeyboard(keyboard.name, "Needs analysis");
    await cardIn("Needs analysis", keyboard.name).waitFor();
    await expect.poll(() => storedStage(api, fixture.token, keyboard.opportunityId)).toBe("needs_analysis");
    await expect.poll(() => card(keyboard.name).getAttribute("aria-busy")).toBe("false");
    // Focus follows the card into its new column, so a keyboard user can keep going from there.
    await expect.poll(() => focusedLabel(page)).toBe(`Move “${keyboard.name}” to another stage`);

    await page.reload();
    await cardIn("Needs analysis", keyboard.name).waitFor();
    expect(await cardIn("Initial contact", keyboard.name).count()).toBe(0);
  });

  it("moves a deal by dragging its card onto the next column and keeps it after reload", async () => {
    const { drag } = fixture.deals;
    await cardIn("Initial contact", drag.name).dragTo(column("Needs analysis"));
    await cardIn("Needs analysis", drag.name).waitFor();
    await expect.poll(() => storedStage(api, fixture.token, drag.opportunityId)).toBe("needs_analysis");

    await page.reload();
    await cardIn("Needs analysis", drag.name).waitFor();
    expect(await cardIn("Initial contact", drag.name).count()).toBe(0);
  });

  it("puts the card back and shows the server's message when the deal changed since the board loaded", async () => {
    const { stale } = fixture.deals;
    const changed = await api.call("PATCH", `/opportunities/${stale.opportunityId}`, { token: fixture.token, body: { version: stale.version, nextStep: "Call back on Monday" } });
    expect(changed.status).toBe(200);

    await moveWithKeyboard(stale.name, "Needs analysis");
    const alert = page.getByRole("alert").filter({ hasText: stale.name });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("was changed by someone else");
    expect(await alert.getAttribute("data-error-code")).toBe("conflict");
    await cardIn("Initial contact", stale.name).waitFor();
    expect(await storedStage(api, fixture.token, stale.opportunityId)).toBe("initial_contact");
    await shoot("board-conflict-1280");

    await alert.getByRole("button", { name: "Reload" }).click();
    await moveWithKeyboard(stale.name, "Needs analysis");
    await cardIn("Needs analysis", stale.name).waitFor();
    await expect.poll(() => storedStage(api, fixture.token, stale.opportunityId)).toBe("needs_analysis");
  });

  it("switches to 简体中文: Chinese stage names and labels, locale formats, kept across reloads", async () => {
    await page.getByLabel("Language").selectOption({ label: "简体中文" });
    await column("初步接洽").waitFor();
    expect(await page.locator(".stage-column__title").allTextContents()).toEqual(["初步接洽", "需求调研", "方案/报价", "商务谈判", "合同签署"]);
    expect(await page.getByRole("link", { name: "线索" }).count()).toBe(1);
    expect(await cardIn("需求调研", fixture.deals.keyboard.name).textContent()).toContain("¥123,456");
    expect(await documentLang(page)).toBe("zh-CN");

    await page.reload();
    await column("初步接洽").waitFor();
    await shoot("board-zh-1280");
  });

  it("opens the team's leads inbox and filters it by status", async () => {
    await page.getByRole("link", { name: "线索" }).click();
    await page.getByRole("heading", { name: "线索收件箱" }).waitFor();
    await page.locator("tbody tr").first().waitFor();
    const all = await api.call("GET", "/leads?limit=50", { token: fixture.token });
    expect(await page.locator("tbody tr").count()).toBe(all.body.items.length);
    await shoot("leads-zh-1280");

    await page.getByLabel("语言").selectOption({ label: "English" });
    await page.getByLabel("Status").selectOption({ label: "Assigned" });
    await expect.poll(async () => new Set(await page.locator("tbody .status").allTextContents())).toEqual(new Set(["Assigned"]));
    const assigned = await api.call("GET", "/leads?status=assigned&limit=50", { token: fixture.token });
    expect(await page.locator("tbody tr").count()).toBe(assigned.body.items.length);
    await shoot("leads-1280");
  });

  it("fits a 375 px phone: the board scrolls sideways, the page itself does not", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole("link", { name: "Pipeline" }).click();
    await column("Initial contact").waitFor();
    const widths = await layoutWidths(page);
    expect(widths.page).toBeLessThanOrEqual(375);
    expect(widths.board).toBeGreaterThan(widths.boardVisible);
    await shoot("board-375");

    await page.getByRole("link", { name: "Leads" }).click();
    await page.locator("tbody tr").first().waitFor();
    expect((await layoutWidths(page)).page).toBeLessThanOrEqual(375);
    await shoot("leads-375");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("signs out from the user menu back to the sign-in screen", async () => {
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Dealflow" }).waitFor();
    expect(await tabToken(page)).toBeNull();
    expect(offLoopback).toEqual([]);
  });

  it("greets a browser set to Chinese in Chinese before anyone signs in", async () => {
    const zh = await browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 812 } });
    const zhPage = await zh.newPage();
    await zhPage.goto(web.url);
    await zhPage.getByRole("heading", { name: "登录 Dealflow" }).waitFor();
    await zhPage.screenshot({ path: `${shots}sign-in-zh-375.png`, fullPage: true });
    await zh.close();
  });
});
