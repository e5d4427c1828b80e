import { beforeAll, describe, expect, it } from "vitest";
import { openBrowser, signInAs, type BrowserSession } from "./support/stack.ts";

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser();
});

describe("app shell", () => {
  it("gives a manager every area in the main navigation, each reachable by its URL", async () => {
    await signInAs(s, "zhang.wei@dealflow.dev", "#/board");
    const nav = s.page.getByRole("navigation", { name: "Main" });
    const link = (name: string) => nav.getByRole("link", { name, exact: true });
    await link("Pipeline").waitFor();
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Pipeline", "Leads", "Dashboard", "Settings"]);
    await expect.poll(() => link("Pipeline").getAttribute("aria-current")).toBe("page");
    await link("Settings").click();
    await expect.poll(() => s.page.url()).toMatch(/#\/settings$/);
    await expect.poll(() => link("Settings").getAttribute("aria-current")).toBe("page");
    expect(s.offLoopback).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it("shows a rep only the areas a rep works in", async () => {
    const rep = await openBrowser();
    await signInAs(rep, "li.na@dealflow.dev", "#/dashboard");
    const nav = rep.page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Pipeline", exact: true }).waitFor();
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Pipeline", "Leads"]);
  });
});
