// The playground on a phone: starts as Amira, roles in words, the composer's invitation per role, the newest reply in view.
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { launchChromium, skipBrowser } from "../helpers/chromium.ts";

const SHOTS = join(process.cwd(), "test-results", "playground-view");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const ACCOUNT =
  "Saturday was manic and the card machine went down in the lunchtime rush. A woman with a full trolley was getting frustrated. I said sorry, explained the system had let us down, checked with my supervisor that I could take her to the service desk till, carried her basket over and put her shopping through. She thanked me for keeping calm.";

describe.skipIf(skipBrowser)("the playground page on a phone", { timeout: 180_000 }, () => {
  let product: Product;
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
    product = await buildProduct(config, { log: () => {} });
    server = await listen(product.app, config);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "en-GB",
      bypassCSP: true,
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } })
        .document;
      return d.querySelectorAll("#who option").length > 3;
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await product?.close();
  });

  /** Where the element is against the sticky composer: its top and bottom, and the composer's top. */
  const placing = (selector: string) =>
    page.evaluate((sel) => {
      const d = (
        globalThis as unknown as {
          document: {
            querySelectorAll(
              s: string,
            ): ArrayLike<{ getBoundingClientRect(): { top: number; bottom: number } }>;
            getElementById(id: string): { getBoundingClientRect(): { top: number } };
          };
        }
      ).document;
      const all = d.querySelectorAll(sel);
      const last = all[all.length - 1];
      const box = last?.getBoundingClientRect();
      return {
        top: box?.top ?? -1,
        bottom: box?.bottom ?? -1,
        composer: d.getElementById("composer").getBoundingClientRect().top,
      };
    }, selector);

  it("starts as Amira, with roles in words and an invitation for a candidate", async () => {
    expect(await page.locator("#who").inputValue()).toBe("amira.hussain@demo.shiftnote.test");
    const options = (await page.locator("#who option").allTextContents()).join(" | ");
    expect(options).toContain("internal verifier");
    expect(options).toContain("Tom Reid (team leader, witness)");
    expect(options).not.toContain("internal_verifier");
    expect(await page.locator("#text").getAttribute("placeholder")).toMatch(/customer you helped/);
  });

  it("shows a new card with its top in view, above the composer", async () => {
    await page.locator("#text").fill(ACCOUNT);
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.locator(".card").count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const card = await placing(".card");
    expect(card.top).toBeGreaterThanOrEqual(0);
    expect(card.top).toBeLessThan(card.composer);
    await page.screenshot({ path: join(SHOTS, "01-amira-card-phone.png") });
  });

  it("keeps the newest reply above the composer, and invites an assessor to their queue", async () => {
    await page.locator("#who").selectOption("priya.shah@demo.shiftnote.test");
    expect(await page.locator("#text").getAttribute("placeholder")).toMatch(/queue/);
    await page.locator("#text").fill("help");
    await page.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => page.locator(".msg").filter({ hasText: "Type queue" }).count())
      .toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const reply = await placing(".msg");
    expect(reply.bottom).toBeLessThanOrEqual(reply.composer + 1);
    await page.screenshot({ path: join(SHOTS, "02-priya-help-phone.png") });
    await page.addScriptTag({ path: AXE });
    const result = (await page.evaluate(() =>
      (
        globalThis as unknown as { axe: { run(d: unknown, o: object): Promise<unknown> }; document: unknown }
      ).axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ["violations"] }),
    )) as { violations: Array<{ id: string; impact: string | null; nodes: Array<{ html: string }> }> };
    expect(
      result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 200)).join(" ; ")}`),
    ).toEqual([]);
  });

  it("tells an admin what an admin can do", async () => {
    await page.locator("#who").selectOption("dana.okafor@demo.shiftnote.test");
    expect(await page.locator("#text").getAttribute("placeholder")).toMatch(/centre admin/);
    await page.locator("#text").fill("help");
    await page.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => page.locator(".msg").filter({ hasText: "npx shiftnote admin" }).count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "03-dana-help-phone.png") });
  });
});
