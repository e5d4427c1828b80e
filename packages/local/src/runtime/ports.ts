import { createServer } from "node:net";
import { freePort } from "../net.ts";

/** The port npm start prefers for each endpoint, so bookmarks survive restarts; a busy one falls back to a free one. */
export const preferredPorts = { api: 4000, web: 5173, dynamodb: 8000, events: 4010, states: 4020, smtp: 1025, mail: 1080 } as const;
export type Endpoint = keyof typeof preferredPorts;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export async function pickPort(preferred: number | undefined): Promise<number> {
  if (preferred && (await isFree(preferred))) return preferred;
  return freePort();
}
