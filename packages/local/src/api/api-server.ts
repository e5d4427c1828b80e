import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "@dealflow/functions/api/app";
import { devTokens } from "@dealflow/functions/api/auth/tokens";
import type { ApiDeps } from "@dealflow/functions/api/deps";

/** The Lambda's Hono app served over real HTTP on loopback, with the local dev login switched on. */
export async function startApiServer(deps: Omit<ApiDeps, "verifier" | "devLogin">, opts: { devTokenSecret: string; port?: number; serveStatic?: (app: ReturnType<typeof createApp>) => void }) {
  const tokens = devTokens(opts.devTokenSecret);
  const app = createApp({ ...deps, verifier: tokens.verifier, devLogin: { issue: (c) => tokens.issue(c) } });
  opts.serveStatic?.(app);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
