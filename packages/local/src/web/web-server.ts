import { existsSync } from "node:fs";
import { relative } from "node:path";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";

/**
 * Serves the built web client (web/dist) and tells it where the API is via /config.json, so the same build
 * runs against any API URL (the static site in AWS gets its own config.json at deploy).
 */
export async function startWebServer(opts: { distDir: string; apiUrl: string; port?: number }) {
  if (!existsSync(opts.distDir)) throw new Error(`The web client is not built (${opts.distDir} is missing): run npm run build -w web`);
  const root = relative(process.cwd(), opts.distDir) || ".";
  const app = new Hono();
  app.get("/config.json", (c) => c.json({ apiUrl: opts.apiUrl }));
  app.use("/*", serveStatic({ root }));
  // Client-side routes fall back to the app shell.
  app.get("*", serveStatic({ root, path: "index.html" }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
