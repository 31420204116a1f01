// Debian's Chromium for browser tests: one place for its path, its flags, and whether a missing one skips or fails.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Without these, Chromium tries the network at start and this machine refuses it. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Skip browser tests only off CI; on CI (.ci/run installs chromium) a missing browser fails the run. */
export const skipBrowser = !existsSync(CHROMIUM) && process.env.CI !== "true";
if (skipBrowser) console.log(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
