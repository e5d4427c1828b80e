import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Endpoints } from "./local-runtime.ts";

/** Where `npm start` keeps its data and writes its endpoints. */
export const localDataDir = join(resolve(import.meta.dirname, "../../../.."), ".local");

/** The endpoints of the `npm start` stack, as it last wrote them (empty when it never ran). */
export function lastEndpoints(): Endpoints {
  const file = join(localDataDir, "endpoints.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Endpoints) : {};
}

/** Whether something answers HTTP at `url` right now (any status counts). */
export async function reachable(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
}
