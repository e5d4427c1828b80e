import { execFile } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Rebuilds web/dist when any client source is newer than the last build, so the browser never tests old code. */
export async function buildWebIfStale(repoRoot: string): Promise<void> {
  const web = join(repoRoot, "web");
  const builtAt = statSync(join(web, "dist", "index.html"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["src", "index.html", "vite.config.ts", "package.json"].map((p) => newestMtime(join(web, p)));
  if (Math.max(...sources) <= builtAt) return;
  await run("npm", ["run", "build", "-w", "web"], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
}
