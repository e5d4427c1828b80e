import { synthesizeApp, type SynthesizedApp } from "./synth-app.ts";

/**
 * Synthesizing the app bundles every Lambda (about a minute of CPU), so the suites that need only the default
 * "test" stage share one synthesis: each awaits the same promise, and default-app.test.ts cleans it up.
 */
let app: Promise<SynthesizedApp> | undefined;
export const sharedApp = (): Promise<SynthesizedApp> => (app ??= synthesizeApp("test"));
/** Bundling every Lambda with esbuild takes minutes on a loaded machine. */
export const sharedAppTimeout = 600_000;

export async function cleanupSharedApp(): Promise<void> {
  await (await app)?.cleanup();
}
