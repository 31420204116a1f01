// The Agents Playground's message action: "File as evidence" on a message opens the bot's dialog with the suggestion card.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import { mountTeams } from "../../../src/bot/teams/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { launchChromium, skipBrowser } from "../../helpers/chromium.ts";
import { createFakeBotCore } from "../../helpers/fake-bot-core.ts";

const SHOTS = join(process.cwd(), "test-results", "teams-playground-extension");
const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;

/** A free loopback port, found by letting the kernel pick one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

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

describe.skipIf(skipBrowser)(
  "A message action in the Microsoft 365 Agents Playground (headless Chromium)",
  () => {
    const core = createFakeBotCore();
    let bot: Server;
    let playground: { child: ChildProcess; output: () => string };
    let browser: Browser;
    let page: Page;
    let playgroundUrl: string;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      const config = loadConfig({ TEAMS_ANONYMOUS: "1", SHIFTNOTE_LOG_LEVEL: "silent" });
      const log = { debug() {}, info() {}, warn() {}, error() {} };
      const app = createApp({
        config,
        catalogue,
        mount: [(express) => mountTeams(express, { config, core, log })],
      });
      bot = await new Promise<Server>((resolve) => {
        const s = app.listen(0, "127.0.0.1", () => resolve(s));
      });
      const botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages`;
      const port = await freePort();
      playground = await startPlayground(botUrl, port);
      playgroundUrl = `http://127.0.0.1:${port}/`;
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // Only this machine: the Playground's page also asks a CDN for fonts, which we refuse rather than attempt.
      await page.route("**/*", (route) => {
        const host = new URL(route.request().url()).hostname;
        return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
      });
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      if (playground?.child.exitCode === null) {
        const exited = new Promise((resolve) => playground.child.once("exit", resolve));
        playground.child.kill("SIGTERM");
        await exited;
      }
      await new Promise<void>((resolve) => (bot ? bot.close(() => resolve()) : resolve()));
    });

    it("File as evidence on the candidate's own message opens the bot's dialog with the suggestion card", async () => {
      await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
      await expect.poll(() => page.getByText("Connected.").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const account =
        "On Saturday the card machine failed and I took payments by phone while the queue grew.";
      await page.getByRole("textbox").first().click();
      await page.keyboard.type(account);
      await page.keyboard.press("Enter");
      await page.getByText("Suggested evidence").first().waitFor({ state: "visible", timeout: 15_000 });

      // The message's "…" menu → Action Command; the Playground asks for the command id the manifest would give.
      await page.getByText(account).first().hover();
      await page.getByRole("button", { name: "Show more information" }).first().click();
      await page.getByText("Action Command").click();
      await page.getByPlaceholder("Input command id or leave blanks").fill("fileEvidence");
      await page.screenshot({ path: join(SHOTS, "01-action-command.png") });
      await page.getByRole("button", { name: "Create" }).click();

      const dialog = page.getByRole("dialog");
      await dialog.getByText("Suggested evidence").waitFor({ state: "visible", timeout: 15_000 });
      await expect.poll(() => dialog.getByRole("button", { name: "Submit" }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, "02-dialog.png") });
      // The bot was given that message's text, written by the person acting, as a message action.
      const command = core.commands.at(-1);
      expect(command?.text).toBe(account);
      expect(command?.messageAction).toMatchObject({ kind: "file_evidence" });
      expect(command?.messageAction?.authorUserId).toBe(command?.actor.userId);
    }, 90_000);
  },
);
