import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { startLocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { launchChromium } from "../tests/browser/support/chromium.ts";
import { bulkOpenDeals } from "./bulk-deals.ts";
import { percentile, seededRandom, timeIt } from "./stats.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const DEALS = Number(process.env.BENCH_DEALS ?? 2000);
const LOADS = 5;
const MOVES = 20;
const webDir = fileURLToPath(new URL("../web", import.meta.url));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** (1) What the first load ships, gzip: index.html's script, modulepreload chunks and CSS; lazy chunks apart. */
export function firstLoadSizes(dist: string) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const refs = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? ""));
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const first = [...refs].map((f) => ({ file: f, gzip: gz(f) }));
  const lazy = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js") && !refs.has(`assets/${f}`)).map((f) => ({ file: `assets/${f}`, gzip: gz(`assets/${f}`) }));
  return { first, lazy, total: first.reduce((a, b) => a + b.gzip, 0) };
}

/**
 * `npm run bench:web`: the web client on the local runtime with DEALS open deals in one team's default pipeline
 * (the small demo seed, then bulk-written deals: bench/bulk-deals.ts). Prints JS shipped on first load (gzip), time to an interactive
 * board (navigation start → every column rendered and a card's drag handle focusable; p50 of 5 loads), and
 * drag-to-saved latency (mouse drop → PATCH answered and the card settled in its new column; p50/p95 of 20 moves),
 * frame intervals while the fullest column scrolls top to bottom at 400 px a frame (with the risk batches the
 * cards scrolled into view ask for), and the risk reads behind the board and the dashboard, timed over HTTP.
 * Prints figures; asserts nothing about timings.
 */
async function main() {
  const dist = mkdtempSync(join(tmpdir(), "dealflow-web-bench-"));
  await promisify(execFile)("npx", ["vite", "build", "--outDir", dist, "--emptyOutDir", "--logLevel", "warn"], { cwd: webDir, maxBuffer: 16 * 1024 * 1024 });
  const sizes = firstLoadSizes(dist);
  const quiet = console.log;
  console.log = () => {}; // consumers log one line per event
  const seeding = Date.now();
  const rt = await startLocalRuntime({ seed: { leadsPerTeam: 10, dealsPerTeam: 10 }, webDist: dist });
  await bulkOpenDeals(rt.db, "East China Sales", DEALS - 10, new Date(), seededRandom(7));
  const seededIn = (Date.now() - seeding) / 1000;
  const browser = await launchChromium();
  try {
    const { api, web } = rt.endpoints;
    if (!api || !web) throw new Error("no API or web endpoint");
    const login = await fetch(`${api}/auth/dev-login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "zhang.wei@dealflow.dev" }) });
    const { token } = (await login.json()) as { token: string };
    const get = async (path: string) => (await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<{ items: { opportunityId: string; stage: string }[]; cursor: string | null }>;
    let open = 0;
    const someIds: string[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await get(`/opportunities?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      open += page.items.length;
      if (someIds.length < 50) someIds.push(...page.items.slice(0, 50 - someIds.length).map((d) => d.opportunityId));
      cursor = page.cursor;
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((t) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem("dealflow.token", t), token);
    const page = await context.newPage();
    const tti: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${web}/#/board`);
      await page.locator(".stage-column").nth(4).waitFor();
      await page.locator(".deal-card__handle").first().waitFor();
      tti.push(await page.evaluate(() => (globalThis as unknown as { performance: { now(): number } }).performance.now()));
      await page.reload();
    }
    await page.goto(`${web}/#/board`);
    await page.locator(".deal-card__handle").first().waitFor();
    await page.waitForLoadState("networkidle");

    const latency: number[] = [];
    const columns = page.locator(".stage-column");
    const statuses = new Map<number, number>();
    for (let i = 0; i < MOVES; i++) {
      // Back and forth between the first two stages (the first stage's gate asks for nothing).
      const from = columns.nth(i % 2);
      const to = columns.nth((i + 1) % 2);
      const card = from.locator("article.is-draggable").first();
      const name = await card.getAttribute("aria-label");
      const handle = await card.locator(".deal-card__handle").boundingBox();
      const target = await to.boundingBox();
      if (!handle || !target || !name) throw new Error("no card to move");
      await page.mouse.move(handle.x + 10, handle.y + 10);
      await page.mouse.down();
      await page.mouse.move(handle.x + 22, handle.y + 14, { steps: 2 });
      await page.mouse.move(target.x + target.width / 2, handle.y + 60, { steps: 5 });
      const saved = page.waitForResponse((r) => r.request().method() === "PATCH");
      const dropped = Date.now();
      await page.mouse.up();
      const status = (await saved).status();
      // Settled: the card (in its new column, or back in its old one if the server refused) is no longer busy.
      await page.locator(`article[aria-label="${name.replace(/"/g, '\\"')}"][aria-busy="false"]`).first().waitFor();
      latency.push(Date.now() - dropped);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }

    // Scrolling the fullest column top to bottom, 400 px a frame: frame intervals, and the risk batches it asks.
    const riskCalls: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/risks/deals") riskCalls.push(r.url());
    });
    // A script string, not a function: tsx's keepNames would wrap named helpers in a __name the page lacks.
    const scroll = (await page.evaluate(`(async () => {
      const columns = [...document.querySelectorAll(".stage-column__scroll")];
      const el = columns.reduce((a, b) => (b.scrollHeight > a.scrollHeight ? b : a));
      const intervals = [];
      let last = await new Promise((r) => requestAnimationFrame(r));
      for (let y = 0; y < el.scrollHeight - el.clientHeight; y += 400) {
        el.scrollTop = y;
        const t = await new Promise((r) => requestAnimationFrame(r));
        intervals.push(t - last);
        last = t;
      }
      return { intervals, height: el.scrollHeight };
    })()`)) as { intervals: number[]; height: number };
    // The last batch leaves once the scroll has settled (100 ms, at most 1 s): wait past that before counting.
    await page.waitForTimeout(1500);
    await page.waitForLoadState("networkidle");
    const frames = [...scroll.intervals].sort((a, b) => a - b);
    const riskIds = riskCalls.reduce((n, u) => n + (new URL(u).searchParams.get("ids")?.split(",").length ?? 0), 0);

    // The risk reads behind the board and the dashboard, timed from here once the page is idle.
    const oneDeal = await timeIt(10, () => get(`/opportunities/${someIds[0]}/risks`));
    const batch = await timeIt(5, () => get(`/risks/deals?ids=${someIds.join(",")}`));
    const team = await timeIt(1, () => get("/risks"));

    latency.sort((a, b) => a - b);
    tti.sort((a, b) => a - b);
    console.log = quiet;
    console.log(`\nWeb client on the local runtime: ${open} open deals for zhang.wei's team (seeded in ${seededIn.toFixed(0)} s), headless Chromium\n`);
    console.log(`JS + CSS on first load, gzip                 ${kb(sizes.total)}  (${sizes.first.map((f) => `${f.file} ${kb(f.gzip)}`).join(", ")})`);
    console.log(`lazy screen chunks, gzip                     ${sizes.lazy.map((f) => `${f.file} ${kb(f.gzip)}`).join(", ")}`);
    console.log(`time to interactive board, ms p50 of ${LOADS}      ${percentile(tti, 50).toFixed(0)}  (min ${tti[0]?.toFixed(0)}, max ${tti.at(-1)?.toFixed(0)})`);
    console.log(`drag → saved, ms p50 / p95 of ${MOVES} moves     ${percentile(latency, 50).toFixed(0)} / ${percentile(latency, 95).toFixed(0)}  (PATCH answers: ${[...statuses].map(([k, v]) => `${v}× ${k}`).join(", ")})`);
    console.log(`risks of one deal, ms p50 of 10                ${percentile(oneDeal, 50).toFixed(0)}`);
    console.log(`risks of ${someIds.length} cards (/risks/deals), ms p50 of 5   ${percentile(batch, 50).toFixed(0)}`);
    console.log(`the team's ranked risk list (/risks), ms       ${team[0]?.toFixed(0)}  (the dashboard's; the board never asks it)`);
    console.log(`scroll a column (${frames.length} frames, ${Math.round(scroll.height / 202)} cards), frame ms p50 / p95 / max   ${percentile(frames, 50).toFixed(0)} / ${percentile(frames, 95).toFixed(0)} / ${frames.at(-1)?.toFixed(0)}  (risk batches asked: ${riskCalls.length}, ${riskIds} ids)`);
  } finally {
    console.log = quiet;
    await browser.close();
    await rt.stop();
    rmSync(dist, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
