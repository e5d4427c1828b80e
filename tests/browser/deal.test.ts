import { beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shootBoth, signInAs, stackApi, type BrowserSession } from "./support/stack.ts";

const api = stackApi();
let s: BrowserSession;
let token: string;
let dealId: string;
const boss = { contactId: "", name: "Browser test · 赵总" };
const buyer = { contactId: "", name: "Browser test · 钱经理" };

async function created(path: string, body: unknown): Promise<Record<string, any>> {
  const res = await api.call("POST", path, { token, body });
  if (res.status !== 201) throw new Error(`POST ${path} failed: ${JSON.stringify(res.body)}`);
  return res.body;
}
const storedDeal = async () => (await api.call("GET", `/opportunities/${dealId}`, { token })).body;
const storedContact = async (contactId: string) => (await api.call("GET", `/contacts/${contactId}`, { token })).body;
/** The page's signed-in user becomes `email` (the token lives in sessionStorage; a reload keeps it). */
async function switchUser(email: string) {
  const other = await api.login(email);
  await s.page.evaluate(`sessionStorage.setItem("dealflow.token", ${JSON.stringify(other)})`);
  await s.page.reload();
}

/**
 * li.na's own account, two contacts (the buyer reports to the boss) and a deal moved to "Needs analysis" with an
 * amount but no expected close date, so the gate out of that stage is half met.
 */
beforeAll(async () => {
  token = await api.login("li.na@dealflow.dev");
  const account = await created("/accounts", { name: `Browser test · 360 account ${Date.now()}` });
  boss.contactId = (await created("/contacts", { accountId: account.accountId, name: boss.name, title: "CEO" })).contactId;
  buyer.contactId = (await created("/contacts", { accountId: account.accountId, name: buyer.name, title: "IT manager", reportsToContactId: boss.contactId })).contactId;
  const deal = await created("/opportunities", { name: "Browser test · 360 view", accountId: account.accountId, amount: 880_000, currency: "CNY" });
  dealId = deal.opportunityId;
  const moved = await api.call("PATCH", `/opportunities/${dealId}`, { token, body: { version: deal.version, stage: "needs_analysis" } });
  if (moved.status !== 200) throw new Error(`moving the deal failed: ${JSON.stringify(moved.body)}`);
  s = await openBrowser();
  await signInAs(s, "li.na@dealflow.dev", `#/deals/${dealId}`);
});

describe("opportunity 360° view", () => {
  it("shows the stage path, the current stage's playbook and its gate checklist, and refuses a move the gate blocks", async () => {
    const { page } = s;
    await page.getByRole("heading", { name: "Browser test · 360 view", level: 1 }).waitFor();
    const path = page.getByRole("navigation", { name: "Stage path" });
    await expect.poll(() => path.getByRole("listitem").count()).toBe(5);
    expect(await path.locator('[aria-current="step"]').textContent()).toContain("Needs analysis");
    expect(await path.getByRole("listitem").first().textContent()).toContain("(done)");
    await page.getByText("Map the buying committee and the decision process").waitFor();

    const gate = page.getByRole("list", { name: "Gate checklist" });
    await expect.poll(() => gate.getByRole("listitem").allTextContents()).toEqual(["✓Fill in Amountdone", "○Fill in Expected close datenot done yet"]);
    await page.getByRole("button", { name: "Move to Proposal / quote" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Expected close date must be filled in" }).count()).toBe(1);
    expect((await storedDeal()).stage).toBe("needs_analysis");
  });

  it("edits a field in place and keeps it after a reload", async () => {
    const { page } = s;
    await page.getByRole("button", { name: /^Edit Expected close date/ }).click();
    const input = page.getByRole("textbox", { name: "Expected close date" });
    await input.fill("2031-03-31");
    await input.press("Enter");
    await expect.poll(async () => (await storedDeal()).expectedCloseDate).toBe("2031-03-31");
    await page.reload();
    await page.getByRole("button", { name: "Edit Expected close date (Mar 31, 2031)" }).waitFor();
    const gate = page.getByRole("list", { name: "Gate checklist" });
    await expect.poll(() => gate.getByRole("listitem").allTextContents()).toEqual(["✓Fill in Amountdone", "✓Fill in Expected close datedone"]);
  });

  it("rolls an in-place edit back with the server's message when someone else saved first", async () => {
    const { page } = s;
    const current = await storedDeal();
    await api.call("PATCH", `/opportunities/${dealId}`, { token, body: { version: current.version, nextStep: "Set by a colleague" } });
    await page.getByRole("button", { name: /^Edit Next step/ }).click();
    const input = page.getByRole("textbox", { name: "Next step" });
    await input.fill("Set in this tab");
    await input.press("Control+Enter");
    await page.getByRole("alert").filter({ hasText: /^Not saved: .*changed by someone else/ }).waitFor();
    await page.getByRole("button", { name: "Edit Next step (Set by a colleague)" }).waitFor();
    expect((await storedDeal()).nextStep).toBe("Set by a colleague");
  });

  it("adds a contact to the buying committee with a role, shown on the map with their manager and saved through the API", async () => {
    const { page } = s;
    const committee = page.getByRole("region", { name: "Buying committee" });
    const add = committee.getByRole("form", { name: "Add to the committee" });
    await add.getByRole("combobox", { name: "Contact" }).selectOption({ label: `${buyer.name} · IT manager` });
    await add.getByRole("combobox", { name: "Role" }).selectOption({ label: "Decision maker" });
    await add.getByRole("combobox", { name: "Attitude" }).selectOption({ label: "Positive" });
    await add.getByRole("button", { name: "Add to committee" }).click();

    const map = committee.getByRole("group", { name: "Committee map" });
    const node = map.locator(".react-flow__node").filter({ hasText: buyer.name });
    await expect.poll(() => node.textContent()).toContain("Decision maker");
    await expect.poll(() => map.locator(".react-flow__node").filter({ hasText: boss.name }).count()).toBe(1);
    await expect.poll(() => map.locator(".react-flow__edge").count()).toBe(1);
    await expect
      .poll(async () => (await api.call("GET", `/opportunities/${dealId}/committee`, { token })).body.nodes)
      .toContainEqual(expect.objectContaining({ contactId: buyer.contactId, role: "decision_maker", attitude: "positive", onDeal: true }));
  });

  it("clears a reports-to link in the list (— nobody —) and on the map (its ×), and the API no longer has it", async () => {
    const { page } = s;
    const committee = page.getByRole("region", { name: "Buying committee" });
    await committee.getByRole("button", { name: "List" }).click();
    const reportsTo = committee.getByRole("combobox", { name: `${buyer.name} reports to` });
    expect(await reportsTo.locator("option:checked").textContent()).toBe(boss.name);
    await reportsTo.selectOption({ label: "— nobody —" });
    await expect.poll(async () => (await storedContact(buyer.contactId)).reportsToContactId).toBeUndefined();
    expect(await reportsTo.inputValue()).toBe("");

    // Linked again (through the API), then removed on the map.
    const contact = await storedContact(buyer.contactId);
    const relinked = await api.call("PATCH", `/contacts/${buyer.contactId}`, { token, body: { version: contact.version, reportsToContactId: boss.contactId } });
    expect(relinked.status).toBe(200);
    await page.reload();
    const map = page.getByRole("region", { name: "Buying committee" }).getByRole("group", { name: "Committee map" });
    // The map (a lazy chunk) draws its links once the people on it are measured.
    await map.locator(".react-flow__edge").first().waitFor();
    expect(await map.locator(".react-flow__edge").count()).toBe(1);
    await map.getByRole("button", { name: `Remove the link: ${buyer.name} reports to ${boss.name}` }).click();
    await expect.poll(() => map.locator(".react-flow__edge").count()).toBe(0);
    await expect.poll(async () => (await storedContact(buyer.contactId)).reportsToContactId).toBeUndefined();
    const graph = (await api.call("GET", `/opportunities/${dealId}/committee`, { token })).body;
    expect(graph.edges).toEqual([]);
    await expect.poll(() => map.locator(".react-flow__node").filter({ hasText: boss.name }).count()).toBe(0);
  });

  it("adds 王芳 to the deal team (panel and the API's teamMemberIds); a stale version is refused with the server's message and rolled back", async () => {
    const { page } = s;
    const wangFang = (await api.call("GET", "/me", { token: await api.login("wang.fang@dealflow.dev") })).body.userId as string;
    const panel = page.getByRole("region", { name: "Deal team" });
    const people = panel.getByRole("list", { name: "Deal team members" });
    await expect.poll(() => people.getByRole("listitem").allTextContents()).toEqual(["李李娜Owner"]);

    // Someone else saved the deal first: the add shows and then undoes itself, with the server's message.
    const current = await storedDeal();
    await api.call("PATCH", `/opportunities/${dealId}`, { token, body: { version: current.version, nextStep: "Changed elsewhere" } });
    const form = panel.getByRole("form", { name: "Add a teammate to the deal" });
    await form.getByRole("combobox", { name: "Teammate" }).selectOption({ label: "王芳" });
    await form.getByRole("button", { name: "Add to deal team" }).click();
    await panel.getByRole("alert").filter({ hasText: /^Not saved: .*changed by someone else/ }).waitFor();
    await expect.poll(() => people.getByRole("listitem").count()).toBe(1);
    expect((await storedDeal()).teamMemberIds ?? []).toEqual([]);

    await form.getByRole("combobox", { name: "Teammate" }).selectOption({ label: "王芳" });
    await form.getByRole("button", { name: "Add to deal team" }).click();
    await expect.poll(async () => (await storedDeal()).teamMemberIds).toEqual([wangFang]);
    await expect.poll(() => people.getByRole("listitem").allTextContents()).toEqual(["李李娜Owner", "王王芳Team member×"]);
    expect(await panel.getByRole("alert").count()).toBe(0);
    await shootBoth(page, "deal-team");
  });

  it("shows a rep who is not the owner the deal team without add or remove controls; back as the owner, removes 王芳", async () => {
    const { page } = s;
    await switchUser("chen.jie@dealflow.dev");
    const panel = page.getByRole("region", { name: "Deal team" });
    await expect.poll(() => panel.getByRole("list", { name: "Deal team members" }).getByRole("listitem").allTextContents()).toEqual(["李李娜Owner", "王王芳Team member"]);
    expect(await panel.getByRole("button").count()).toBe(0);
    expect(await panel.getByRole("combobox").count()).toBe(0);
    await panel.getByText("Only the owner or a manager can change the deal team.").waitFor();
    // Nor does the rest of the 360° view offer him a change the server would refuse: no close, move, edit or add.
    expect(await page.getByRole("button", { name: "Mark won" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Move to / }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Edit Amount/ }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Add competitor" }).count()).toBe(0);

    await switchUser("li.na@dealflow.dev");
    const people = page.getByRole("region", { name: "Deal team" }).getByRole("list", { name: "Deal team members" });
    await people.getByRole("button", { name: "Remove 王芳 from the deal team" }).click();
    await expect.poll(() => people.getByRole("listitem").count()).toBe(1);
    await expect.poll(async () => (await storedDeal()).teamMemberIds ?? []).toEqual([]);
  });

  it("offers release of a stale deal and claim of a pooled one, showing the server's refusal (the page is shown the flags: this stack cannot make a deal stale)", async () => {
    const { page } = s;
    // A deal goes stale only when the deal-flow timer's two-day grace runs out, and the stack's API has no way to
    // flag one; so the page reads this deal flagged, while every write still goes to the real API, which refuses it.
    const account = await created("/accounts", { name: `Browser test · pool account ${Date.now()}` });
    const other = await created("/opportunities", { name: "Browser test · pool", accountId: account.accountId, amount: 1000, currency: "CNY" });
    let flags: Record<string, unknown> = { stale: true };
    await page.route(`**/opportunities/${other.opportunityId}`, async (route) => {
      if (route.request().method() !== "GET") return route.continue();
      try {
        const res = await route.fetch();
        await route.fulfill({ response: res, json: { ...(await res.json()), ...flags } });
      } catch {
        // A reload or a page change cancelled the request in between: nothing is left to answer.
      }
    });
    await page.goto(`${s.webUrl}/#/deals/${other.opportunityId}`);
    const pool = page.getByRole("region", { name: "Team pool (公海)" });
    await pool.getByRole("button", { name: "Release to team pool" }).click();
    const dialog = page.getByRole("dialog", { name: "Release to the team pool" });
    await dialog.getByLabel("Reason (optional)").fill("No budget this year");
    await dialog.getByRole("button", { name: "Release", exact: true }).click();
    await dialog.getByRole("alert").filter({ hasText: /^Not released: Only an open deal flagged stale/ }).waitFor();
    const stored = (await api.call("GET", `/opportunities/${other.opportunityId}`, { token })).body;
    expect(stored).toMatchObject({ ownerId: other.ownerId, version: other.version });
    expect(stored.pooled).toBeFalsy();
    await shootBoth(page, "deal-pool-release");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    flags = { pooled: true, pooledAt: new Date().toISOString(), lastOwnerId: other.ownerId, ownerId: undefined, stale: false };
    await page.reload();
    await page.getByText("Last owner: 李娜").waitFor();
    expect(await page.locator(".deal-header__facts").textContent()).toContain("Unassigned");
    await pool.getByRole("button", { name: "Claim" }).click();
    await pool.getByRole("alert").filter({ hasText: /^Not claimed: This opportunity is not in the pool any more/ }).waitFor();
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.goto(`${s.webUrl}/#/deals/${dealId}`);
    await page.getByRole("heading", { name: "Browser test · 360 view", level: 1 }).waitFor();
    expect(await page.getByRole("region", { name: "Team pool (公海)" }).count()).toBe(0);
  });

  it("logs an activity mentioning 王芳: it stays in the timeline after a reload and she is notified", async () => {
    const { page } = s;
    const log = page.getByRole("form", { name: "Log an activity" });
    await log.getByLabel("Type").selectOption({ label: "Meeting" });
    await log.getByLabel("Subject").fill("Browser test · kickoff with IT");
    const notes = log.getByLabel("Notes");
    await notes.fill("Agreed the pilot scope. ");
    await notes.press("End");
    await notes.pressSequentially("@王");
    await log.getByRole("option", { name: /王芳/ }).click();
    await notes.pressSequentially("please send the quote");
    expect(await notes.inputValue()).toBe("Agreed the pilot scope. @王芳 please send the quote");
    await log.getByRole("button", { name: "Log activity" }).click();

    const timeline = page.getByRole("list", { name: "Timeline, newest first" });
    await timeline.getByText("Meeting · Browser test · kickoff with IT").waitFor();
    await page.reload();
    const entry = page.getByRole("list", { name: "Timeline, newest first" }).getByRole("listitem").filter({ hasText: "Browser test · kickoff with IT" });
    await expect.poll(() => entry.textContent()).toContain("Mentioned: @王芳");

    const wangFang = await api.login("wang.fang@dealflow.dev");
    await expect
      .poll(async () => (await api.call("GET", "/notifications", { token: wangFang })).body.items)
      .toContainEqual(expect.objectContaining({ subjectType: "opportunity", subjectId: dealId }));
    await shootBoth(page, "deal-360");
  });

  it("fits a phone: one column, no sideways scroll, the committee as a list", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 375, height: 800 });
    const list = page.getByRole("list", { name: "Committee members" });
    await expect.poll(() => list.getByRole("listitem").filter({ hasText: "Decision maker" }).locator("strong").allTextContents()).toEqual([buyer.name]);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("pages an older timeline, and after a new activity shows every item exactly once", async () => {
    const { page } = s;
    const account = await created("/accounts", { name: `Browser test · long timeline ${Date.now()}` });
    const long = await created("/opportunities", { name: "Browser test · long timeline", accountId: account.accountId, amount: 1000, currency: "CNY" });
    for (let i = 1; i <= 55; i++) await created("/activities", { subjectType: "opportunity", subjectId: long.opportunityId, type: "note", title: `Entry ${i}` });
    await page.goto(`${s.webUrl}/#/deals/${long.opportunityId}`);
    const timeline = page.getByRole("list", { name: "Timeline, newest first" });
    const shown = async () => (await timeline.getByRole("listitem").allTextContents()).flatMap((text) => [...text.matchAll(/Entry (\d+)/g)].map((m) => Number(m[1])));
    const showAll = async () => {
      const older = page.getByRole("button", { name: "Show older" });
      while (await older.count()) {
        const before = (await shown()).length;
        await older.click();
        await expect.poll(async () => (await shown()).length).toBeGreaterThan(before);
      }
    };
    await expect.poll(async () => (await shown())[0]).toBe(55);
    await showAll();
    expect((await shown()).sort((a, b) => a - b)).toEqual(Array.from({ length: 55 }, (_, i) => i + 1));

    const log = page.getByRole("form", { name: "Log an activity" });
    await log.getByLabel("Type").selectOption({ label: "Note" });
    await log.getByLabel("Subject").fill("Entry 56");
    await log.getByRole("button", { name: "Log activity" }).click();
    await expect.poll(async () => (await shown())[0]).toBe(56);
    // The optimistic entry gives way to the server's first page (the timeline is read again).
    await expect.poll(() => timeline.locator(".is-pending").count()).toBe(0);
    await page.waitForLoadState("networkidle");
    await showAll();
    expect((await shown()).sort((a, b) => a - b)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
    await page.goto(`${s.webUrl}/#/deals/${dealId}`);
    await page.getByRole("heading", { name: "Browser test · 360 view", level: 1 }).waitFor();
  });

  it("closes the deal as lost with a reason through the dialog", async () => {
    const { page } = s;
    await page.getByRole("button", { name: "Mark lost" }).click();
    const dialog = page.getByRole("dialog", { name: "Close as lost" });
    const reason = dialog.getByLabel("Reason");
    await expect.poll(() => reason.locator("option:not([disabled])").count()).toBeGreaterThan(0);
    const firstReason = await reason.locator("option:not([disabled])").first().getAttribute("value");
    await reason.selectOption(firstReason ?? "");
    await dialog.getByLabel("Winning competitor").fill("unknown");
    await dialog.getByRole("button", { name: "Close as lost" }).click();
    await expect.poll(async () => (await storedDeal()).status).toBe("lost");
    expect((await storedDeal()).closeReason).toBe(firstReason);
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    expect(await page.locator(".deal-status").textContent()).toBe("Lost");
    const reasons = (await api.call("GET", "/settings/lost-reasons", { token })).body.items as { key: string; label: string; labelZh?: string }[];
    const chosen = reasons.find((r) => r.key === firstReason);
    await page.getByText(`Closed because: ${chosen?.label} · Won by: Unknown`).waitFor();
  });

  it("reads in 简体中文", async () => {
    const { page } = s;
    await page.evaluate('localStorage.setItem("dealflow.locale", "zh-CN")');
    await page.reload();
    await page.getByRole("region", { name: "决策链" }).waitFor();
    expect(await page.locator(".deal-status").textContent()).toBe("输单");
    expect(await page.getByRole("navigation", { name: "阶段路径" }).locator('[aria-current="step"]').textContent()).toContain("需求调研");
    await shootBoth(page, "deal-360-zh");
    expect(s.offLoopback).toEqual([]);
    // The refused move (422) and the stale edit (409) log their responses in the console; nothing else may.
    expect(s.pageErrors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
