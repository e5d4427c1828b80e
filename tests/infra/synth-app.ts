import { cp, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import type { Stack } from "aws-cdk-lib";
import { App, getStack, type StackContext } from "sst/constructs";
import { initProject, setProject, useProject } from "sst/project.js";
import sstConfig from "../../sst.config.ts";
import { settingNames } from "../../stacks/stage-settings.ts";

export const testAccount = "123456789012";
export const testRegion = "us-east-1";
/** Stand-in web client whose `npm run build` writes a tiny dist/, so these tests never depend on web/. */
export const fixtureWebDir = "tests/infra/fixtures/web";

type StackFn = (ctx: StackContext) => unknown;

export interface SynthesizedApp {
  readonly app: App;
  /** This run's copy of the fixture web client (built into `dist/` during synthesis). */
  readonly webDir: string;
  stack(fn: StackFn): Stack;
  /** The CloudFormation template of one stack (synthesized once, then cached). */
  template(fn: StackFn): Template;
  cleanup(): Promise<void>;
}

/**
 * Builds the whole SST app in-process the way `sst deploy` does (sst.config.ts `stacks`, then `app.finish()`,
 * which bundles every function with esbuild), minus everything that needs AWS: a fixed account and region,
 * and NODE_ENV=test, which SST checks (`App.isRunningSSTTest`) to skip the bootstrap-bucket lookup.
 */
export async function synthesizeApp(stage: string, env: Record<string, string> = {}, only?: readonly StackFn[]): Promise<SynthesizedApp> {
  process.env.NODE_ENV = "test";
  await initProjectOnce(stage);
  const out = await isolateOutput();
  const webDir = path.join(out, "web");
  await cp(fixtureWebDir, webDir, { recursive: true });
  Object.assign(process.env, { [settingNames.webDir]: webDir }, env);
  const app = new App(
    { mode: "deploy", stage, name: useProject().config.name, region: testRegion, account: testAccount },
    { outdir: path.join(out, "cdk.out") },
  );
  // `only`: just these stacks (in order), for a test that needs no function bundled; else the whole app.
  if (only) for (const fn of only) app.stack(fn);
  else await sstConfig.stacks(app);
  await app.finish();
  const templates = new Map<StackFn, Template>();
  return {
    app,
    stack: (fn) => getStack(fn),
    template(fn) {
      const cached = templates.get(fn) ?? Template.fromStack(getStack(fn));
      templates.set(fn, cached);
      return cached;
    },
    webDir,
    async cleanup() {
      await rm(out, { recursive: true, force: true });
    },
  };
}

/**
 * initProject compiles sst.config.ts to `.sst.config.<Date.now()>.mjs` in the cwd and deletes it after import;
 * test files run in parallel processes, so two can pick the same millisecond. One retry gets a fresh name.
 */
async function initProjectOnce(stage: string): Promise<void> {
  try {
    await initProject({ stage });
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
    await initProject({ stage });
  }
}

/**
 * SST writes function bundles to `.sst/artifacts/<construct address>`, the same path in every process; give
 * this process its own output folder (bundles, site build, cloud assembly) so parallel test files do not
 * overwrite each other and nothing is left behind for the next run.
 */
async function isolateOutput(): Promise<string> {
  const project = useProject();
  const out = await mkdtemp(path.join(project.paths.out, "infra-test-"));
  setProject({ ...project, paths: { ...project.paths, out, artifacts: path.join(out, "artifacts") } });
  return out;
}
