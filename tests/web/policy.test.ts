// /privacy and /terms, the addresses the Teams manifest gives: served, plain, true to what the store keeps, and accessible on a phone.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASED_TEXT } from "../../src/portfolio/erase-person.ts";
import { CARD_COPY_LIMITS } from "../../src/store/card-copy-repository.ts";
import { launchChromium, skipBrowser } from "../helpers/chromium.ts";
import { type PagesApp, startPagesApp } from "./app.ts";

const SHOTS = join(process.cwd(), "test-results", "pages");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let app: PagesApp;
beforeAll(async () => {
  app = await startPagesApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const get = async (path: string) => {
  const res = await fetch(`${app.base}${path}`);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
};
const words = (htmlText: string) =>
  htmlText
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the privacy and terms pages", () => {
  it("are where the Teams manifest says", () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../manifest/teams/manifest.json"), "utf8"),
    );
    expect(manifest.developer.privacyUrl).toMatch(/\/privacy$/);
    expect(manifest.developer.termsOfUseUrl).toMatch(/\/terms$/);
  });

  it("/privacy says what is kept, for how long, and how erasure works, with the store's own figures", async () => {
    const r = await get("/privacy");
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/html/);
    const text = words(r.body);
    for (const heading of [
      "What is kept",
      "Where it goes",
      "For how long",
      "Erasure: how to have your data removed",
    ])
      expect(r.body).toContain(`>${heading}</h2>`);
    expect(text).toContain("until your centre erases it");
    expect(text).toContain(
      `at most ${CARD_COPY_LIMITS.perEvidence} per piece of evidence and none older than ${CARD_COPY_LIMITS.maxAgeDays} days`,
    );
    expect(text).toContain("works for 30 minutes");
    expect(text).toContain("signed in for 8 hours");
    expect(text).toContain(`with "${ERASED_TEXT}"`);
    expect(text).toContain("shiftnote admin erase");
    expect(text).toMatch(/Voice recordings are files in the centre's files area/);
    expect(r.body).toContain('href="/terms"');
  });

  it("/terms says who may use it, that suggestions are only suggestions, and links the privacy notice", async () => {
    const r = await get("/terms");
    expect(r.status).toBe(200);
    const text = words(r.body);
    expect(text).toContain("Suggestions are suggestions");
    expect(text).toContain("only your assessor decides what is met");
    expect(text).toContain("Leave out customers' personal details");
    expect(r.body).toContain('href="/privacy"');
  });

  it("need no sign-in", async () => {
    const r = await fetch(`${app.base}/privacy`, { redirect: "manual" });
    expect(r.status).toBe(200);
    expect(await r.text()).not.toContain("Sign out");
  });
});

describe.skipIf(skipBrowser)(
  "the privacy and terms pages in Chromium on a phone",
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    for (const path of ["/privacy", "/terms"])
      it(`${path} reads at 390 pixels wide and axe finds nothing serious`, async () => {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${app.base}${path}`);
        const overflow = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        );
        expect(overflow).toBeLessThanOrEqual(390);
        await page.screenshot({
          path: join(SHOTS, `policy${path.replace("/", "-")}-phone.png`),
          fullPage: true,
        });
        await page.addScriptTag({ path: AXE });
        const result = (await page.evaluate(() =>
          (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
        )) as { violations: Array<{ id: string; impact: string | null }> };
        expect(
          result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
        ).toEqual([]);
        await context.close();
      });
  },
);
