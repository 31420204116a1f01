// The Agents Playground's message action: "File as evidence" on a message opens the bot's dialog with the suggestion card.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentsPlayground, startAgentsPlayground } from "../../helpers/agents-playground.ts";
import { skipBrowser } from "../../helpers/chromium.ts";
import type { FakeBotCore } from "../../helpers/fake-bot-core.ts";

const SHOTS = join(process.cwd(), "test-results", "teams-playground-extension");

describe.skipIf(skipBrowser)(
  "A message action in the Microsoft 365 Agents Playground (headless Chromium)",
  () => {
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
