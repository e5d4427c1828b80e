import { synthesizeApp, type SynthesizedApp } from "./synth-app.ts";

/**
 * Synthesizing the app bundles every Lambda (about a minute of CPU), so the suites that need only the "test" stage
 * with an address sender share one synthesis: each awaits the same promise, and default-app.test.ts cleans it up.
 */
let app: Promise<SynthesizedApp> | undefined;
/** The sender address the shared synthesis is configured with (the API and Email suites assert it). */
export const sharedSender = "crm@acme.example";
export const sharedApp = (): Promise<SynthesizedApp> => (app ??= synthesizeApp("test", { DEALFLOW_MAIL_FROM: sharedSender }));
/** Bundling every Lambda with esbuild takes minutes on a loaded machine. */
export const sharedAppTimeout = 600_000;

export async function cleanupSharedApp(): Promise<void> {
  await (await app)?.cleanup();
}
