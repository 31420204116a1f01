// A real Teams client: Microsoft's Agents Playground pointed at the running bot, driven in Debian's Chromium.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentsPlayground, startAgentsPlayground } from "../../helpers/agents-playground.ts";
import { skipBrowser } from "../../helpers/chromium.ts";
import type { FakeBotCore } from "../../helpers/fake-bot-core.ts";

const SHOTS = join(process.cwd(), "test-results", "teams-playground");

describe.skipIf(skipBrowser)("Teams in the Microsoft 365 Agents Playground (headless Chromium)", () => {
  let playground: AgentsPlayground;
  let core: FakeBotCore;
  let page: Page;
  let playgroundUrl: string;

  beforeAll(async () => {
    playground = await startAgentsPlayground(SHOTS);
    ({ core, page, url: playgroundUrl } = playground);
  }, 90_000);

  afterAll(async () => {
    await playground?.close();
  });

  it("a candidate sends an account, the suggestion card renders, Submit is pressed and the confirmation arrives", async () => {
    await page.goto(playgroundUrl, { waitUntil: "domcontentloaded" });
    await expect.poll(() => page.getByText("Connected.").count(), { timeout: 15_000 }).toBeGreaterThan(0);

    const account = "On Saturday the card machine failed and I took payments by phone while the queue grew.";
    await page.getByRole("textbox").first().click();
    await page.keyboard.type(account);
    await page.screenshot({ path: join(SHOTS, "01-account-typed.png") });
    await page.keyboard.press("Enter");

    const submit = page.getByRole("button", { name: "Submit" });
    await submit.waitFor({ state: "visible", timeout: 15_000 });
    await expect.poll(() => page.getByText("Suggested evidence").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "02-suggestion-card.png") });
    expect(core.commands[0]).toMatchObject({
      channel: "teams",
      text: account,
      actor: { channel: "teams" },
    });

    await submit.click();
    await page.getByText("Submitted for assessment").waitFor({ state: "visible", timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, "03-submitted.png") });
    expect(core.commands[1]?.action).toMatchObject({
      verb: "evidence.submit",
      evidenceId: "ev-1",
      version: 1,
    });
    // The card was replaced in place: its Submit button is gone.
    expect(await submit.count()).toBe(0);
    expect(playground.output()).toContain("Listening on");
  }, 90_000);
});
