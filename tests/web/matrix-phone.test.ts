// The unit matrix on a 390-pixel phone: one line per standard, nothing off-screen, referred evidence shown as the candidate's to act on.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAxeFindings as seriousAxe } from "../helpers/axe.ts";
import { launchChromium, skipBrowser } from "../helpers/chromium.ts";
import { type PagesApp, startPagesApp } from "./app.ts";

const SHOTS = join(process.cwd(), "test-results", "pages");

describe.skipIf(skipBrowser)("the unit matrix", { timeout: 120_000 }, () => {
  let app: PagesApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startPagesApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openUnit(viewport: { width: number; height: number }, unit: string) {
    const context = await browser.newContext({ viewport, bypassCSP: true, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.base}/pages/demo`);
    await page.getByRole("button", { name: "Open as Amira Hussain" }).click();
    await page.getByRole("link", { name: "My portfolio" }).first().click();
    await page.getByRole("link", { name: `Unit ${unit}`, exact: true }).click();
    await page.waitForURL(new RegExp(`/units/${unit}$`));
    return { context, page };
  }

  it("reads on a 390-pixel phone: one line per standard, no grid of dashes, nothing off-screen", async () => {
    const { context, page } = await openUnit({ width: 390, height: 844 }, "213");
    expect(await page.locator("table.matrix").isVisible()).toBe(false);
    const list = page.locator(".matrix-phone");
    expect(await list.isVisible()).toBe(true);
    // every standard is a line that says its state in words, and the page does not scroll sideways
    expect(await list.getByText("213.2.4", { exact: true }).isVisible()).toBe(true);
    expect(await list.getByText("Missing: no evidence yet").count()).toBe(0);
    expect(await list.getByText("Missing").count()).toBeGreaterThan(0);
    const wide = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document;
      return d.documentElement.scrollWidth;
    });
    expect(wide).toBeLessThanOrEqual(390);
    // the refund Amira was asked to change waits for her, not the assessor
    expect(await list.getByText("Referred back: waiting for the candidate").first().isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "matrix-213-phone.png"), fullPage: true });
    expect(await seriousAxe(page)).toEqual([]);
    await context.close();
  });

  it("keeps the grid on a desktop, with referred evidence in its own colour and words", async () => {
    const { context, page } = await openUnit({ width: 1280, height: 800 }, "213");
    expect(await page.locator("table.matrix").isVisible()).toBe(true);
    expect(await page.locator(".matrix-phone").isVisible()).toBe(false);
    expect(await page.locator("table.matrix td.referred").count()).toBeGreaterThan(0);
    expect(await page.getByText(/Referred back: the assessor returned it/).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "matrix-213-desktop.png"), fullPage: true });
    expect(await seriousAxe(page)).toEqual([]);
    await context.close();
  });
});
