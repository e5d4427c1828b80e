import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// Browser tests drive a real Chromium against npm start's stack (started once, tests/browser/support/stack.global-setup.ts),
// so they run on their own: npx vitest run --config tests/browser/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/browser/support/stack.global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
