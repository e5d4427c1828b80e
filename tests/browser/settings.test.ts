import { beforeAll, describe, expect, it } from "vitest";
import { openBrowser, shootBoth, signInAs, stackApi, type BrowserSession } from "./support/stack.ts";

/**
 * Settings as an admin drives them: every change is checked through the public API, and shared records (the default
 * pipeline, the currency table) are put back as they were, since other files read the same data set.
 */
let s: BrowserSession;
let token: string;
const api = stackApi();

type Stage = { key: string; slaDays?: number; probability: number } & Record<string, unknown>;
type Pipeline = { pipelineId: string; name: string; isDefault?: boolean; version: number; stages: Stage[] };

async function defaultPipeline(): Promise<Pipeline> {
  const res = await api.call("GET", "/pipelines?limit=200", { token });
  const items = res.body.items as Pipeline[];
  return items.find((p) => p.isDefault) ?? items[0]!;
}

beforeAll(async () => {
  s = await openBrowser();
  await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.webUrl });
  token = await signInAs(s, "admin@dealflow.dev", "#/settings/pipelines");
});

describe("settings (admin)", () => {
  it("changes a stage's SLA days, which survives a reload and is what GET /pipelines answers", async () => {
    const before = await defaultPipeline();
    const proposal = before.stages.find((x) => x.key === "proposal")!;
    const next = (proposal.slaDays ?? 14) + 3;
    const stage = () => s.page.getByRole("group", { name: /Proposal \/ quote/ });
    try {
      await stage().getByLabel("SLA days").fill(String(next));
      await s.page.getByRole("button", { name: "Save stages" }).click();
      await expect.poll(() => s.page.getByRole("status").filter({ hasText: "Saved" }).count()).toBeGreaterThan(0);
      await expect.poll(async () => (await defaultPipeline()).stages.find((x) => x.key === "proposal")?.slaDays).toBe(next);

      await s.page.reload();
      await expect.poll(() => stage().getByLabel("SLA days").inputValue()).toBe(String(next));
      await shootBoth(s.page, "settings-pipelines");
    } finally {
      const now = await defaultPipeline();
      const restored = await api.call("PATCH", `/pipelines/${now.pipelineId}`, { token, body: { version: now.version, stages: before.stages } });
      expect(restored.status).toBe(200);
    }
  });

  it("shows the server's message next to a negative probability and saves nothing", async () => {
    await s.page.reload();
    const before = await defaultPipeline();
    const probability = s.page.getByRole("group", { name: /Proposal \/ quote/ }).getByLabel("Probability (%)");
    await probability.fill("-5");
    await s.page.getByRole("button", { name: "Save stages" }).click();
    await expect.poll(() => probability.getAttribute("aria-invalid")).toBe("true");
    const messageId = await probability.getAttribute("aria-describedby");
    const message = await s.page.locator(`[id="${messageId}"]`).textContent();
    expect(message).toMatch(/stages\.2\.probability/);
    expect(message).toMatch(/0/);
    const after = await defaultPipeline();
    expect(after.version).toBe(before.version);
    expect(after.stages.find((x) => x.key === "proposal")?.probability).toBe(before.stages.find((x) => x.key === "proposal")?.probability);
  });

  it("adds a lost reason that the API then lists", async () => {
    const key = `e2e_reason_${Date.now().toString(36)}`;
    await s.page.getByRole("navigation", { name: "Settings section" }).getByRole("link", { name: "Lost reasons" }).click();
    const form = s.page.getByRole("form", { name: "Add a reason" });
    await form.getByLabel("Key").fill(key);
    await form.getByLabel("Label", { exact: true }).fill("Chose to build in-house");
    await form.getByLabel("中文标签").fill("决定自主开发");
    await form.getByRole("button", { name: "Add reason" }).click();
    await s.page.getByRole("form", { name: `Reason ${key}` }).waitFor();
    const listed = await api.call("GET", "/settings/lost-reasons", { token });
    const reason = (listed.body.items as { key: string; label: string; labelZh?: string; active: boolean }[]).find((r) => r.key === key);
    expect(reason).toMatchObject({ label: "Chose to build in-house", labelZh: "决定自主开发", active: true });
    // The built-in reasons stay usable next to the new one.
    expect((listed.body.items as unknown[]).length).toBeGreaterThan(1);
  });

  it("creates a web form and shows its embed snippet with a Copy button", async () => {
    const name = `E2E form ${Date.now().toString(36)}`;
    await s.page.getByRole("link", { name: "Web forms" }).click();
    await s.page.getByRole("button", { name: "New web form" }).click();
    const form = s.page.getByRole("form", { name: "New web form" });
    await form.getByLabel("Form name").fill(name);
    await form.getByLabel("Campaign").fill("Expo 2026");
    await form.getByRole("button", { name: "Create form" }).click();

    const embed = s.page.getByRole("region", { name: `Embed code: ${name}` });
    const snippet = embed.getByLabel("HTML snippet");
    await expect.poll(() => snippet.inputValue()).toMatch(/<form[^>]*action="[^"]*\/f\//);
    const forms = await api.call("GET", "/web-forms", { token });
    const created = (forms.body.items as { formId: string; name: string }[]).find((f) => f.name === name);
    expect(created).toBeDefined();
    expect(await snippet.inputValue()).toContain(created!.formId);
    await embed.getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => embed.getByRole("status").textContent()).toMatch(/Copied|Could not copy/);
    await shootBoth(s.page, "settings-web-forms");
  });

  it("refuses a negative rate next to its field, then saves a changed rate the API reports", async () => {
    const before = (await api.call("GET", "/settings/currency", { token })).body as { reportingCurrency: string; rates: Record<string, number>; version: number };
    expect(before.rates.USD).toBeDefined();
    await s.page.getByRole("link", { name: "Currency and win model" }).click();
    const usd = s.page.getByLabel(`Rate: ${before.reportingCurrency} per 1 USD`);
    try {
      await usd.fill("-1");
      await s.page.getByRole("button", { name: "Save currency" }).click();
      await expect.poll(() => usd.getAttribute("aria-invalid")).toBe("true");
      const message = await s.page.locator(`[id="${await usd.getAttribute("aria-describedby")}"]`).textContent();
      expect(message).toMatch(/rates\.USD/);
      expect((await api.call("GET", "/settings/currency", { token })).body.version).toBe(before.version);

      await usd.fill("7.25");
      await s.page.getByRole("button", { name: "Save currency" }).click();
      await expect.poll(async () => (await api.call("GET", "/settings/currency", { token })).body.rates.USD).toBe(7.25);
      await expect.poll(() => usd.getAttribute("aria-invalid")).toBeNull();
      await shootBoth(s.page, "settings-currency");
    } finally {
      const now = (await api.call("GET", "/settings/currency", { token })).body;
      const restored = await api.call("PUT", "/settings/currency", { token, body: { version: now.version, reportingCurrency: before.reportingCurrency, rates: before.rates } });
      expect(restored.status).toBe(200);
    }
  });

  it("loads every other section with the API's data, fitting a 375 px phone", async () => {
    const sections = [
      ["Lead scoring", "settings-scoring", "Qualify at (points)"],
      ["Lead assignment", "settings-assignment", "Territory rules"],
      ["Teams and users", "settings-teams", "Lead response SLA"],
      ["Lost reasons", "settings-lost-reasons", "Add a reason"],
      ["Quotas", "settings-quotas", "Whole team"],
    ] as const;
    for (const [link, shot, landmark] of sections) {
      await s.page.getByRole("navigation", { name: "Settings section" }).getByRole("link", { name: link }).click();
      await s.page.getByRole("heading", { name: link === "Teams and users" ? "Teams and users" : link, level: 2 }).waitFor();
      await s.page.getByText(landmark, { exact: true }).first().waitFor();
      await expect.poll(() => s.page.getByText("Loading settings…").count()).toBe(0);
      expect(await s.page.getByText("These settings could not be loaded").count()).toBe(0);
      await shootBoth(s.page, shot);
    }
    // On a phone the section list becomes a select, and nothing in the settings screen is wider than the screen.
    await s.page.setViewportSize({ width: 375, height: 800 });
    await s.page.getByRole("combobox", { name: "Settings section" }).selectOption({ label: "Pipelines and stages" });
    await s.page.getByRole("button", { name: "Save stages" }).waitFor();
    const overflow = await s.page.locator(".screen--settings").evaluate((el) => el.getBoundingClientRect().right - el.ownerDocument.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await s.page.setViewportSize({ width: 1280, height: 900 });
    expect(s.offLoopback).toEqual([]);
    expect(s.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it("creates a team (a bad time zone refused beside its field), selects it, and gives it a copy of East's pipeline as its default", async () => {
    const name = `Browser test team ${Date.now()}`;
    const named = async () => ((await api.call("GET", "/teams?limit=200", { token })).body.items as { teamId: string; name: string; timezone?: string; regions?: string[] }[]).filter((x) => x.name === name);
    await s.page.goto(`${s.webUrl}/#/settings/teams`);
    const form = s.page.getByRole("form", { name: "New team" });
    await form.getByLabel("Team name").fill(name);
    await form.getByLabel("Time zone (IANA)").fill("Mars/Olympus");
    await form.getByRole("button", { name: "New team" }).click();
    await expect.poll(() => form.getByLabel("Time zone (IANA)").getAttribute("aria-invalid")).toBe("true");
    expect(await named()).toEqual([]);

    await form.getByLabel("Time zone (IANA)").fill("Asia/Shanghai");
    await form.getByLabel("Regions (comma-separated)").fill("华南, HK");
    await form.getByRole("button", { name: "New team" }).click();
    await expect.poll(async () => (await named()).length).toBe(1);
    const [team] = await named();
    expect(team).toMatchObject({ timezone: "Asia/Shanghai" });
    expect(team?.regions?.sort()).toEqual(["HK", "华南"]);
    await expect.poll(() => s.page.url()).toContain(`team=${team!.teamId}`);

    const east = await defaultPipeline();
    await s.page.goto(`${s.webUrl}/#/settings/pipelines?team=${team!.teamId}`);
    await s.page.getByText("This team has no pipeline yet.").waitFor();
    const create = s.page.getByRole("form", { name: "New pipeline" });
    await create.getByLabel("Pipeline name").fill("South B2B");
    await create.getByLabel("Start from").selectOption({ label: `A copy of ${east.name} (华东销售一部 East China Sales, ${east.stages.length} stages)` });
    expect(await create.getByRole("checkbox", { name: /default pipeline/ }).isChecked()).toBe(true);
    await create.getByRole("button", { name: "New pipeline" }).click();
    await s.page.getByRole("form", { name: "Stages of South B2B" }).waitFor();
    const stored = (await api.call("GET", `/pipelines?teamId=${team!.teamId}`, { token })).body.items as Pipeline[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: "South B2B", isDefault: true, stages: east.stages.map((x) => expect.objectContaining({ key: x.key, probability: x.probability, slaDays: x.slaDays })) });
    await shootBoth(s.page, "settings-new-pipeline");
  });
});

describe("settings (manager and rep)", () => {
  it("tells a manager politely when the API keeps a change for admins", async () => {
    const manager = await openBrowser();
    await signInAs(manager, "zhang.wei@dealflow.dev", "#/settings/pipelines");
    await manager.page.getByRole("button", { name: "Save stages" }).click();
    await manager.page.getByRole("alert").filter({ hasText: "Your role cannot do this." }).waitFor();
    expect(manager.offLoopback).toEqual([]);
  });

  it("offers a rep no settings and answers a typed #/settings politely", async () => {
    const rep = await openBrowser();
    await signInAs(rep, "li.na@dealflow.dev", "#/settings");
    const nav = rep.page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Pipeline", exact: true }).waitFor();
    expect(await nav.getByRole("link", { name: "Settings" }).count()).toBe(0);
    await rep.page.getByRole("alert").filter({ hasText: "Settings are not available to you." }).waitFor();
    expect(await rep.page.getByRole("button", { name: "Save stages" }).count()).toBe(0);
    expect(rep.pageErrors).toEqual([]);
  });
});
