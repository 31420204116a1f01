// Issue 17's pages in Chromium on a desktop and a phone: the assessor's five forms, the expert witness, Amira signing; axe, the PDFs read back.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLink } from "../../src/web/signed-link.ts";
import { flat, HAS_POPPLER, pdfText, savePdfAndFirstPage } from "../exports/pdf-tools.ts";
import { seriousAxeFindings as axe } from "../helpers/axe.ts";
import { launchChromium, skipBrowser } from "../helpers/chromium.ts";
import { type PagesApp, startPagesApp } from "./app.ts";

const SEEN =
  "Amira greeted the customer by name at the till, listened to the complaint about a late order without interrupting, apologised and checked the order on the system while the queue built up.";

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

describe.skipIf(skipBrowser || !HAS_POPPLER).each(VIEWPORTS)(
  "issue 17's pages in Chromium ($name)",
  { timeout: 240_000 },
  ({ name, viewport }) => {
    const shots = join(process.cwd(), "test-results", "pages-records", name);
    let app: PagesApp;
    let browser: Browser;

    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      app = await startPagesApp();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    /** A signed-in page of its own (own cookies); bypassCSP only so the test can inject axe-core. */
    async function as(key: string): Promise<Page> {
      const context = await browser.newContext({
        viewport,
        bypassCSP: true,
        locale: "en-GB",
        acceptDownloads: true,
      });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(signLink(app.id(key), app.config).replace(/^http:\/\/[^/]+/, app.base));
      await page.getByRole("button", { name: /^Open Shiftnote as / }).click();
      await page.waitForURL(`${app.base}/pages`);
      return page;
    }
    async function look(page: Page, shot: string) {
      await page.screenshot({ path: join(shots, `${shot}.png`), fullPage: true });
      // nothing wider than the screen: a person on a phone never scrolls sideways
      const wide = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect(wide, `width of ${shot}`).toBeLessThanOrEqual(viewport.width);
      expect(await axe(page), `axe on ${shot}`).toEqual([]);
    }
    /** Downloads a PDF by its link, as a person does, and reads it back; the first page is kept as a PNG. */
    async function download(page: Page, link: RegExp, shot: string): Promise<string> {
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: link }).first().click(),
      ]);
      const path = await file.path();
      const bytes = readFileSync(path);
      savePdfAndFirstPage(bytes, shot, join("pages-records", name));
      return flat(pdfText(bytes));
    }
    const amira = () => `${app.base}/pages/candidates/${app.id("amira")}`;
    let expertUrl = "";

    it("the assessor records an observation, corrects the suggestions and signs it", async () => {
      const page = await as("priya");
      await page.goto(amira());
      await look(page, "candidate-as-assessor");
      await page.getByRole("link", { name: "Record an observation" }).click();
      await look(page, "form-observation");
      await page.locator("#f-heldAt").fill("2026-11-30T14:30");
      await page.locator("#f-location").fill("the tills at the Leeds store");
      await page.locator("#f-text").fill(SEEN);
      await page.getByLabel("Photographs", { exact: true }).check();
      await page.locator("#f-supp-photographs").fill("Shared drive: Leeds/till-queue.jpg");
      await page.getByRole("button", { name: "Record the observation" }).click();
      await expect.poll(() => page.url()).toMatch(/evidence\/E\d+\?saved=recorded$/);
      await expect
        .poll(() => page.getByRole("heading", { name: "Correct the suggestions and sign" }).count())
        .toBe(1);
      expect(await page.locator('input[name="keep"]:checked').count()).toBeGreaterThan(0);
      await look(page, "observation-suggestions");
      await page.locator("#f-add").fill("205.2.1");
      await page.getByRole("button", { name: "Sign the record" }).click();
      await expect.poll(() => page.url()).toMatch(/saved=signed$/);
      expect(await page.textContent("main")).toMatch(
        /Confirmed by Priya Shah on \d\d\/\d\d\/\d{4} at \d\d:\d\d/,
      );
      await look(page, "observation-signed");
    });

    it("the assessor records a discussion, makes a plan, gives feedback and records an expert witness", async () => {
      const page = await as("priya");
      await page.goto(`${amira()}/record/discussion`);
      await page.locator("#f-heldAt").fill("2026-11-30T16:00");
      await page.locator("#f-location").fill("the staff room");
      await page.locator("#f-q1").fill("What do you do when an order is late?");
      await page.locator("#f-a1").fill("I check the order on the system and tell the customer what I found.");
      await look(page, "form-discussion");
      await page.getByRole("button", { name: "Record the discussion" }).click();
      await expect.poll(() => page.url()).toMatch(/saved=recorded$/);
      await look(page, "discussion-suggestions");

      await page.goto(amira());
      await page.getByRole("link", { name: "Make an assessment action plan" }).click();
      await page.getByLabel("Unit to plan").selectOption("205");
      await page.getByRole("button", { name: "Show its gaps" }).click();
      expect(await page.locator("#f-requirements").inputValue()).toContain("205:");
      await page.getByLabel("Direct /e-Observation").check();
      await page.getByLabel("Professional discussion").check();
      await page.locator("#f-venue").fill("Leeds store, customer service desk");
      await page.locator("#f-plannedAt").fill("2027-01-15T10:30");
      await page.locator("#f-feedbackArrangements").fill("Face to face straight after, then in writing");
      await look(page, "form-plan");
      await page.getByRole("button", { name: "Make the plan" }).click();
      await expect.poll(() => page.url()).toMatch(/saved=plan$/);

      await page.getByRole("link", { name: "Give feedback" }).click();
      await page.getByLabel("Unit or evidence assessed").selectOption("unit:205");
      await page.locator("#f-text").fill("You kept the customer informed at every step.");
      await page.locator("#f-outcome").fill("Competent in the criteria observed");
      await look(page, "form-feedback");
      await page.getByRole("button", { name: "Give the feedback" }).click();
      await expect.poll(() => page.url()).toMatch(/saved=feedback$/);

      await page.getByRole("link", { name: "Record an expert witness" }).click();
      await page.getByLabel("Expert witness").selectOption(app.id("tom"));
      await page.locator("#f-position").fill("Store manager");
      await page.locator("#f-site").fill("Leeds store");
      await page.getByLabel(/^Unit 205 /).check();
      await page.locator("#f-experienceYears").fill("6");
      await page.locator("#f-experience").fill("Six years managing the customer service team");
      await page.locator("#f-standardsKnowledge").fill("Has read and used unit 205 with new staff");
      await page.locator("#f-cpd").fill("Coaching for managers, 2025");
      await look(page, "form-expert-witness");
      await page.getByRole("button", { name: "Record the expert witness" }).click();
      await expect.poll(() => page.url()).toMatch(/expert-witnesses\/[^/?]+\?saved=recorded$/);
      expertUrl = page.url().replace(/\?.*$/, "");
      await look(page, "expert-recorded");
      await page.goto(amira());
      await look(page, "candidate-records-as-assessor");
      await page
        .locator("section[aria-labelledby=records-h]")
        .screenshot({ path: join(shots, "records-section.png") });
    });

    it("the expert witness signs, the centre confirms, and the witness gives a statement", async () => {
      const tom = await as("tom");
      await tom.getByRole("link", { name: "My record of expert witness" }).click();
      await tom.getByRole("button", { name: "Sign my record" }).click();
      await expect.poll(() => tom.url()).toMatch(/saved=signed$/);
      const grace = await as("grace");
      await grace.goto(expertUrl);
      await grace.getByRole("button", { name: "Confirm for the centre" }).click();
      await expect.poll(() => grace.url()).toMatch(/saved=confirmed$/);
      await tom.goto(expertUrl);
      await tom.locator("#f-candidateId").selectOption(app.id("amira"));
      await tom.locator("#f-venue").fill("Leeds store");
      await tom.locator("#f-occurredAt").fill("2026-11-28T11:00");
      await tom.locator("#f-activity").fill("Serving customers at the desk on a busy Saturday");
      await tom
        .locator("#f-text")
        .fill(
          "I watched Amira greet each customer by name and keep them informed while the system was slow.",
        );
      await tom.locator("#f-criteria").fill("205.2.4, 205.2.1");
      await tom.locator("#f-relationship").fill("Her store manager");
      await look(tom, "expert-statement-form");
      await tom.getByRole("button", { name: "Sign and send the statement" }).click();
      await expect.poll(() => tom.url()).toMatch(/saved=statement$/);
      expect(await tom.textContent("main")).toContain("Confirmed by Grace Mensah on");
    });

    it("Amira confirms and signs on her own page, replies, and downloads every form; each PDF prints every field", async () => {
      const page = await as("amira");
      await page.goto(amira());
      await look(page, "candidate-waiting");
      await page
        .getByRole("button", { name: /^Confirm E\d+$/ })
        .first()
        .click();
      await expect.poll(() => page.url()).toMatch(/saved=confirmed$/);
      await look(page, "observation-confirmed");
      await page.goto(amira());
      await page.getByRole("button", { name: "Sign the plan for unit 205" }).click();
      await expect.poll(() => page.url()).toMatch(/saved=plan-signed$/);
      await page
        .getByLabel("Your reply to Priya Shah")
        .fill("Thank you, I will read up on the gaps before January.");
      await page.getByRole("button", { name: /Send the reply/ }).click();
      await expect.poll(() => page.url()).toMatch(/saved=replied$/);
      await page.getByRole("button", { name: "Sign the feedback on unit 205" }).click();
      await expect.poll(() => page.url()).toMatch(/saved=feedback-signed$/);
      await page.getByRole("button", { name: /^Sign the statement E\d+$/ }).click();
      await expect.poll(() => page.url()).toMatch(/saved=statement-signed$/);
      const main = (await page.textContent("main")) ?? "";
      expect(main).toContain("Expert witness testimony");
      expect(main).toContain("Tom Reid");
      await look(page, "expert-evidence");
      await page.goto(amira());
      expect(await page.getByRole("heading", { name: "Waiting for your signature" }).count()).toBe(0);
      await look(page, "candidate-all-signed");

      const fields: Array<[RegExp, string, string[]]> = [
        [
          /^Observation record/,
          "observation-record",
          [
            "Observation records",
            "Amira Hussain",
            "Priya Shah",
            "Observation at the tills at the Leeds store",
            "Shared drive: Leeds/till-queue.jpg",
            "205.2.1",
            "Confirmed by Priya Shah on",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          /^Action plan/,
          "action-plan",
          [
            "Leeds store, customer service desk",
            "Face to face straight after, then in writing",
            "Direct /e-Observation",
            "Confirmed by Priya Shah on",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          /^Feedback/,
          "feedback",
          [
            "You kept the customer informed at every step.",
            "Competent in the criteria observed",
            "Thank you, I will read up on the gaps before January.",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          /^Expert witness statement/,
          "expert-statement",
          [
            "Tom Reid",
            "Serving customers at the desk on a busy Saturday",
            "Her store manager",
            "205.2.4",
            "Confirmed by Tom Reid on",
            "Confirmed by Amira Hussain on",
          ],
        ],
        [
          /^Record of expert witness/,
          "expert-record",
          [
            "Tom Reid",
            "Store manager",
            "Six years managing the customer service team",
            "Coaching for managers, 2025",
            "Confirmed by Grace Mensah on",
          ],
        ],
        [/^Witness status list/, "witness-list", ["Tom Reid", "Expert witness", "Her store manager"]],
      ];
      for (const [link, shot, expected] of fields) {
        const read = await download(page, link, shot);
        for (const f of expected) expect(read, `${shot}: ${f}`).toContain(f);
      }
    });
  },
);
