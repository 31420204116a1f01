// The pages in Debian's Chromium: an assessor decides, the matrix updates, a verifier samples; refusals; axe on every page.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLink } from "../../src/web/signed-link.ts";
import { seriousAxeFindings as axe } from "../helpers/axe.ts";
import { launchChromium, skipBrowser } from "../helpers/chromium.ts";
import { type PagesApp, startPagesApp } from "./app.ts";

const SHOTS = join(process.cwd(), "test-results", "pages");

describe.skipIf(skipBrowser)("pages in headless Chromium", { timeout: 120_000 }, () => {
  let app: PagesApp;
  let browser: Browser;
  const checked: Record<string, string[]> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startPagesApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh browser (own cookies); bypassCSP only so the test can inject axe-core's script. */
  async function fresh(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, bypassCSP: true, locale: "en-GB" });
    context.setDefaultTimeout(10_000);
    return context;
  }
  const link = (key: string, ttl?: number) =>
    signLink(app.id(key), app.config, ttl).replace(/^http:\/\/[^/]+/, app.base);
  /** Opens the bot's link and presses the page's sign-in button, as a person does. */
  async function signIn(page: Page, key: string) {
    await page.goto(link(key));
    await page.getByRole("button", { name: /^Open Shiftnote as / }).click();
  }

  /** Screenshot and axe check of the current page, under `name`. */
  async function look(page: Page, name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    checked[name] = await axe(page);
    expect(checked[name], `axe on ${name}`).toEqual([]);
  }

  it("walks an assessor from the signed link to a decision, and the matrix updates", async () => {
    const context = await fresh();
    const page = await context.newPage();
    await page.goto(link("priya"));
    await look(page, "sign-in-link");
    await page.getByRole("button", { name: "Open Shiftnote as Priya Shah" }).click();
    await expect.poll(() => page.url()).toBe(`${app.base}/pages`);
    await look(page, "assessor-home");
    // The link worked once: opening it again from the chat is refused, with what to do.
    await page.goBack();
    await page.getByRole("button", { name: "Open Shiftnote as Priya Shah" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("This sign-in link has been used");
    await look(page, "link-used");
    await page.goto(`${app.base}/pages`);
    await page.getByRole("link", { name: "Assessment queue" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Assessment queue");
    await look(page, "queue");
    const rows = page.locator("table tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain("Saturday before Christmas");

    await page.getByRole("link", { name: /^E2: Saturday before Christmas/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("E2");
    expect(await page.locator(".account").textContent()).toContain("queue was out of the door");
    expect(await page.locator("blockquote").first().textContent()).toContain("I was on the next till");
    await look(page, "evidence-decision-form");

    // reject one claim with a comment, accept the rest (by keyboard-reachable labels)
    const claims = ["205.1.3", "205.2.4", "205.ER4.b", "205.ER5.b", "213.1.1", "213.3.4"];
    for (const claim of claims) {
      const group = page.getByRole("group", { name: new RegExp(`^${claim.replaceAll(".", "\\.")} `) });
      await group.getByLabel(claim === "213.1.1" ? "Reject" : "Accept", { exact: true }).check();
    }
    await page
      .getByLabel("Comment on 213.1.1")
      .fill("The account doesn't show you listening to the problem.");
    await page.getByLabel(/Comment to the candidate/).fill("Good account of a busy day.");
    await page.getByRole("button", { name: "Save decisions" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Saved: E2 is assessed");
    expect(await page.locator(".badge").first().textContent()).toBe("Assessed");
    expect(
      await page.getByText("The account doesn't show you listening to the problem.").count(),
    ).toBeGreaterThan(0);
    expect(await page.locator("ol.trail").textContent()).toContain("rejected 213.1.1");
    await look(page, "evidence-assessed");

    // the unit 205 matrix now shows E2 as assessed where it was claimed
    await page.goto(`${app.base}/pages/candidates/${app.id("amira")}/units/205`);
    const row = page.locator("tbody tr", { has: page.locator("th", { hasText: "205.2.4" }) });
    const refs = row.locator("td.refs");
    expect(await refs.getAttribute("class")).toContain("assessed");
    expect((await refs.textContent())?.replace(/\s+/g, " ")).toContain("Assessed: E2, E5");
    const busy = row.locator("td.cell").nth(8); // a–g, then ER4a, ER4b
    expect(await busy.getAttribute("class")).toContain("assessed");
    expect(await busy.textContent()).toContain("E2");
    await look(page, "matrix-205");
    // the rejected claim does not count: 213.1.1 is missing on unit 213, 213.3.4 is assessed
    await page.goto(`${app.base}/pages/candidates/${app.id("amira")}/units/213`);
    const refsOf = (id: string) =>
      page.locator("tbody tr", { has: page.locator("th", { hasText: id }) }).locator("td.refs");
    expect(await refsOf("213.1.1").getAttribute("class")).toContain("missing");
    expect(await refsOf("213.3.4").getAttribute("class")).toContain("assessed");
    await context.close();
  });

  it("lets the internal verifier sample the assessed evidence and countersign", async () => {
    const context = await fresh();
    const page = await context.newPage();
    await signIn(page, "grace");
    await page.getByRole("link", { name: "Sampling", exact: true }).first().click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sampling");
    await look(page, "verify");
    await page.getByLabel("Unit", { exact: true }).selectOption("213");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByRole("link", { name: /^E2: / }).click();
    await look(page, "evidence-sample-form");
    await page.getByLabel("Yes", { exact: true }).check();
    await page.getByLabel(/^Comment/).fill("Decisions consistent with the standards.");
    expect(await page.getByLabel("I countersign the assessor's decisions").isChecked()).toBe(true);
    await page.getByRole("button", { name: "Record the sample" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("your sample of E2 is recorded");
    expect(await page.locator(".badge").first().textContent()).toBe("Assessed and sampled");
    expect(await page.getByText(/Grace Mensah sampled it and countersigned/).count()).toBe(1);
    await page.goto(`${app.base}/pages/verify?unit=213`);
    expect(await page.locator("main").textContent()).not.toContain("Saturday before Christmas");
    await context.close();
  });

  it("refuses an expired or tampered link, and keeps a candidate out of another candidate's pages", async () => {
    const context = await fresh();
    const page = await context.newPage();
    const expired = await page.goto(link("priya", -5));
    expect(expired?.status()).toBe(401);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This sign-in link has expired");
    await look(page, "link-expired");
    const tampered = await page.goto(link("priya").replace(/.{4}$/, "AAAA"));
    expect(tampered?.status()).toBe(400);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "This sign-in link is not valid",
    );
    expect((await context.cookies()).filter((c) => c.name === "shiftnote_session")).toEqual([]);

    await signIn(page, "leo");
    const other = await page.goto(`${app.base}/pages/candidates/${app.id("amira")}`);
    expect(other?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Not found");
    await look(page, "not-found");
    expect((await page.goto(`${app.base}/pages/candidates/${app.id("amira")}/evidence/E2`))?.status()).toBe(
      404,
    );
    await context.close();
  });

  it("shows a candidate their own portfolio and gaps, on a phone as well", async () => {
    const context = await fresh({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${app.base}/pages/demo`);
    await look(page, "demo-phone");
    await page.getByRole("button", { name: "Open as Amira Hussain" }).click();
    await page.getByRole("link", { name: "My portfolio" }).first().click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Your portfolio");
    expect(await page.getByRole("heading", { name: "What you still need" }).count()).toBeGreaterThan(0);
    await look(page, "candidate-portfolio-phone");
    await page.getByRole("link", { name: "Unit 205", exact: true }).click();
    await look(page, "candidate-matrix-phone");
    await page.goto(`${app.base}/pages/candidates/${app.id("amira")}/evidence/E3`);
    expect(
      await page
        .getByRole("button")
        .filter({ hasText: /Save decisions|Record the sample/ })
        .count(),
    ).toBe(0);
    await look(page, "candidate-evidence-phone");
    // keyboard: the skip link is the first stop and lands on the main content
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Skip to main content");
    await context.close();
  });
});
