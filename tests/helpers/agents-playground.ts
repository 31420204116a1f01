// Microsoft's Agents Playground (a real Teams client) pointed at a Teams bot over a fake core, open in headless Chromium.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { loadConfig } from "../../src/app/config.ts";
import { createApp } from "../../src/app/server.ts";
import { mountTeams } from "../../src/bot/teams/mount.ts";
import type { Catalogue } from "../../src/standards/catalogue.ts";
import { launchChromium } from "./chromium.ts";
import { createFakeBotCore, type FakeBotCore } from "./fake-bot-core.ts";
import { freePort } from "./free-port.ts";

const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;

/** A free loopback port, found by letting the kernel pick one. */

/** Starts `agentsplayground` (TEAMSAPPTESTER_BROWSER=none, or it exits for want of a browser) and waits for its port. */
function startPlayground(
  botUrl: string,
  port: number,
): Promise<{ child: ChildProcess; output: () => string }> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
  const child = spawn(
    process.execPath,
    [cli, "-e", botUrl, "-c", "msteams", "-p", String(port), "--disable-telemetry"],
    { env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Playground did not start:\n${output}`)), 30_000);
    const check = setInterval(() => {
      if (output.includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        clearInterval(check);
        resolve({ child, output: () => output });
      }
    }, 100);
    child.once("exit", (code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`The Playground exited with code ${code}:\n${output}`));
    });
  });
}

export interface AgentsPlayground {
  /** The fake core behind the anonymous Teams bot: what the Playground sent it. */
  core: FakeBotCore;
  page: Page;
  /** The Playground's page: http://127.0.0.1:PORT/ */
  url: string;
  /** Everything the Playground printed. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Starts an anonymous Teams bot over a fake core on 127.0.0.1, the Agents Playground pointed at it, and a Chromium
 * page that may reach only this machine; `shots` is made for the caller's screenshots.
 */
export async function startAgentsPlayground(shots: string): Promise<AgentsPlayground> {
  mkdirSync(shots, { recursive: true });
  const core = createFakeBotCore();
  const config = loadConfig({ TEAMS_ANONYMOUS: "1", SHIFTNOTE_LOG_LEVEL: "silent" });
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const app = createApp({
    config,
    catalogue,
    mount: [(express) => mountTeams(express, { config, core, log })],
  });
  const bot = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  let playground: { child: ChildProcess; output: () => string } | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    const child = playground?.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await new Promise<void>((resolve) => bot.close(() => resolve()));
  };
  try {
    const botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages`;
    const port = await freePort();
    playground = await startPlayground(botUrl, port);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Only this machine: the Playground's page also asks a CDN for fonts, which we refuse rather than attempt.
    await page.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
    });
    const { output } = playground;
    return { core, page, url: `http://127.0.0.1:${port}/`, output, close };
  } catch (error) {
    await close();
    throw error;
  }
}
