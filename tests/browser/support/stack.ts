import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, inject } from "vitest";
import { launchChromium } from "./chromium.ts";

const shots = fileURLToPath(new URL("../screenshots/", import.meta.url));
export const widths = [1280, 375] as const;

/** The API of the shared stack, as a test calls it to make its own fixtures and to check what the UI saved. */
export function stackApi() {
  const apiUrl = inject("apiUrl");
  async function call(method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${apiUrl}${path}`, { method, headers, ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }) });
    const text = await res.text();
    const isJson = res.headers.get("content-type")?.includes("json");
    return { status: res.status, body: (text && isJson ? JSON.parse(text) : text ? { text } : null) as Record<string, any> };
  }
  async function login(email: string): Promise<string> {
    const res = await call("POST", "/auth/dev-login", { body: { email } });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }
  return { url: apiUrl, call, login };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  webUrl: string;
  /** Requests the page tried to send off loopback (each was refused); a test asserts this stays empty. */
  offLoopback: string[];
  /** Uncaught errors and console errors of the page, for a test to assert none happened. */
  pageErrors: string[];
}

/**
 * Debian's Chromium on the shared stack, one context per file, closed after the file. The page may talk to loopback
 * only; anything else is refused and recorded.
 */
export async function openBrowser(opts: { locale?: string; width?: number } = {}): Promise<BrowserSession> {
  const browser = await launchChromium();
  afterAll(() => browser.close());
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, locale: opts.locale ?? "en-US" });
  const offLoopback: string[] = [];
  await context.route(/.*/, (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
    offLoopback.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));
  page.on("console", (msg) => msg.type() === "error" && pageErrors.push(msg.text()));
  mkdirSync(shots, { recursive: true });
  return { browser, context, page, webUrl: inject("webUrl"), offLoopback, pageErrors };
}

/**
 * Signs in without the sign-in screen (that screen has its own test): the dev token goes where the app keeps it,
 * then the page opens at `hash` (e.g. "#/board").
 */
export async function signInAs(session: BrowserSession, email: string, hash = "#/board", language: "en" | "zh-CN" = "en"): Promise<string> {
  const token = await stackApi().login(email);
  await session.context.addInitScript(
    ([t, lng]) => {
      type Store = { getItem(k: string): string | null; setItem(k: string, v: string): void };
      const g = globalThis as unknown as { sessionStorage: Store; localStorage: Store };
      // Only when missing: this runs on every load, and a reload must keep what the user changed in the page.
      if (!g.sessionStorage.getItem("dealflow.token")) g.sessionStorage.setItem("dealflow.token", t);
      if (!g.localStorage.getItem("dealflow.locale")) g.localStorage.setItem("dealflow.locale", lng);
    },
    [token, language] as const,
  );
  await session.page.goto(`${session.webUrl}/${hash}`);
  return token;
}

/** Screenshots of the page as it is now at 1280 and 375 px (`<name>-1280.png`, `<name>-375.png`); the width is restored. */
export async function shootBoth(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(before);
}
