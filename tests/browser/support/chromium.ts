import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const executablePath = "/usr/bin/chromium";

/** Debian's Chromium, headless, with every feature that would phone home switched off. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: install it with apt-get install -y chromium`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
