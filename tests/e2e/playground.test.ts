// The whole conversation in Debian's Chromium through the web playground: account → witness → decision → progress.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { CHROMIUM, launchChromium, skipBrowser } from "../helpers/chromium.ts";

const SHOTS = join(process.cwd(), "test-results", "playground");
const AMIRA = "amira.hussain@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";

/** A busy Saturday when the card machine failed, in a candidate's own words. */
const ACCOUNT =
  "Saturday was manic and right in the middle of the lunchtime rush our card machine went down, so we couldn't take card payments. A woman with a full trolley was getting frustrated. I said sorry, explained the system had let us down and that it wasn't anything she had done, and checked with my supervisor that I could take her to the customer service desk till, which was still working. I carried her basket over, put her shopping through and she paid by card there. She thanked me for keeping calm and said she'd come back next week.";
const TESTIMONY =
  "I was on the shop floor when the card machine went down. Amira stayed calm, apologised to the customer, checked with me before moving her to the service desk till and walked her over.";

/** Per unit on a coverage card: criteria and situations assessed. */
type Assessed = Record<string, { criteria: number; situations: number }>;

describe.skipIf(skipBrowser)("the playground in headless Chromium", { timeout: 180_000 }, () => {
  let product: Product;
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;
  let step = 0;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing on CI: .ci/run should install Debian's chromium package.`);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
    product = await buildProduct(config, { log: () => {} });
    server = await listen(product.app, config);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "en-GB" });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await product?.close();
  });

  /** A screenshot of the whole conversation so far, as test-results/playground/NN-name.png. */
  async function shot(name: string) {
    step += 1;
    // The composer is sticky; a window as tall as the page shows it below the conversation, as a person sees it.
    const height = Number(await page.evaluate("document.documentElement.scrollHeight"));
    await page.setViewportSize({ width: 1100, height: Math.min(Math.max(900, height), 8000) });
    await page.screenshot({ path: join(SHOTS, `${String(step).padStart(2, "0")}-${name}.png`) });
    await page.setViewportSize({ width: 1100, height: 900 });
  }

  const messagesDone = () =>
    page.waitForResponse(
      (r) => r.url().endsWith("/playground/api/messages") && r.request().method() === "POST",
    );

  /** The response has come back; its replies are drawn once the conversation is no longer busy. */
  const drawn = () => page.locator("#log:not([aria-busy])").waitFor({ state: "attached" });

  /** Types a message and waits for the bot's answer to be drawn. */
  async function say(text: string) {
    await page.fill("#text", text);
    const done = messagesDone();
    await page.click("#send");
    expect((await done).status()).toBe(200);
    await drawn();
  }

  /** Presses a card button and waits for the answer. */
  async function press(button: Locator) {
    const done = messagesDone();
    await button.click();
    expect((await done).status()).toBe(200);
    await drawn();
  }

  async function become(email: string, name: string) {
    await page.selectOption("#who", email);
    await expect.poll(() => page.locator(".msg.note").first().textContent()).toContain(`You are now ${name}`);
  }

  const lastCard = (text: string) => page.locator(".card", { hasText: text }).last();
  const bubbles = () => page.locator(".msg").allTextContents();

  /** Reads "N assessed" for criteria and situations per unit from the latest progress card. */
  async function assessed(): Promise<Assessed> {
    const card = lastCard("Progress for Amira Hussain");
    await card.waitFor();
    // innerText keeps the card's line breaks, which split it into units.
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
    const text = await card.innerText();
    const out: Assessed = {};
    for (const block of text.split(/\n(?=\d{3}[a-z]? [A-Z])/).slice(1)) {
      const unit = block.slice(0, block.indexOf(" "));
      const [criteria, situations] = [...block.matchAll(/(\d+) assessed/g)].map((m) => Number(m[1]));
      out[unit] = { criteria: criteria ?? 0, situations: situations ?? 0 };
    }
    return out;
  }

  it("takes a busy Saturday from account to assessed criteria on the candidate's progress", async () => {
    const { store, catalogue } = product;
    const amira = await store.people.byEmail(AMIRA);
    const enrolment = (await store.enrolments.ofCandidate(amira?.id ?? ""))[0];
    expect(enrolment, "Amira is enrolled in the demo centre").toBeDefined();
    // Which situations of her units are "let down by people, systems or resources" (ER4d-style ranges).
    const letDown = (enrolment?.unitIds ?? []).flatMap((u) =>
      (catalogue.unit(u)?.evidenceRequirements ?? []).flatMap((er) =>
        er.ranges.filter((r) => r.situation === "let_down").map((r) => r.id),
      ),
    );
    expect(letDown.length).toBeGreaterThan(0);

    await page.goto(base);
    await expect.poll(() => page.locator("#who option").count()).toBeGreaterThan(5);
    await become(AMIRA, "Amira Hussain");
    await say("progress");
    const before = await assessed();
    expect(Object.keys(before).length, "a progress line per unit").toBe(enrolment?.unitIds.length);
    await shot("candidate-progress-before");

    // 1. The account → a suggestion card with toggles, including a let-down range.
    await say(ACCOUNT);
    const suggestion = lastCard("Here’s what your account shows");
    await suggestion.waitFor();
    expect(await bubbles()).toContainEqual(expect.stringMatching(/Here is what I think E\d+ shows/));
    const ref = /Evidence (E\d+)\./.exec((await suggestion.textContent()) ?? "")?.[1] ?? "";
    expect(ref).toMatch(/^E\d+$/);
    const toggles = suggestion.locator('[id^="claim:"]');
    const ids = await toggles.evaluateAll((els) => els.map((e) => e.id.slice("claim:".length)));
    expect(ids.length).toBeGreaterThan(3);
    const shownLetDown = ids.filter((id) => letDown.includes(id));
    expect(shownLetDown.length, `a let-down range among ${ids.join(", ")}`).toBeGreaterThan(0);
    const letDownToggle = suggestion.locator(`[id="claim:${shownLetDown[0]}"]`);
    await expect.poll(() => letDownToggle.textContent()).toMatch(/let you down \(ER4d\)/);
    expect(await letDownToggle.locator("input[type=checkbox]").isChecked()).toBe(true);
    await shot("suggestions-with-let-down-range");

    // 2. Untick one criterion (not the let-down range) and submit.
    const unticked = ids.find((id) => catalogue.criterion(id)) ?? "";
    expect(unticked).not.toBe("");
    await suggestion.locator(`[id="claim:${unticked}"] input[type=checkbox]`).uncheck();
    await shot("one-suggestion-unticked");
    await press(suggestion.getByRole("button", { name: "Submit", exact: true }));
    // One confirmation: the draft card becomes a note of where the evidence is, nothing left to tick or press.
    const filed = lastCard(`${ref} is filed and on its way to Priya Shah`);
    await filed.waitFor();
    expect(await filed.locator("input, button").count()).toBe(0);
    const evidence = (await store.evidence.ofCandidate(amira?.id ?? "")).find((e) => e.ref === ref);
    expect(evidence?.status).toBe("submitted");
    const active = evidence?.claims.filter((c) => c.active).map((c) => c.targetId) ?? [];
    expect(active).not.toContain(unticked);
    expect(active).toContain(shownLetDown[0]);
    expect(active.length).toBe(ids.length - 1);
    await shot("submitted");

    await say("ask Tom Reid to witness this");
    await expect
      .poll(bubbles)
      .toContainEqual(expect.stringContaining(`I've asked Tom Reid to witness ${ref}`));
    await shot("witness-asked");

    // 3. The team leader: the witness card arrives in the inbox; he fills it in and sends it.
    await become(TOM, "Tom Reid");
    const request = lastCard("asks you to witness");
    await request.waitFor();
    expect(await request.textContent()).toContain(ref);
    await shot("witness-card-arrived");
    await request.locator('[id="statusCategory"] input[type=radio]').nth(2).check();
    // How he knows her at work is chosen from the card's list (his job title, team leader, comes pre-chosen).
    await request.locator('[id="relationship"] select').selectOption({ label: "Team leader" });
    await request.locator('[id="declaration"] input[type=checkbox]').check();
    await request.locator('[id="testimony"] textarea').fill(TESTIMONY);
    await shot("witness-card-filled");
    await press(request.getByRole("button", { name: "Send my testimony" }));
    await expect
      .poll(bubbles)
      .toContainEqual(expect.stringContaining("Your testimony is with the candidate"));
    await expect.poll(() => request.locator("input").count()).toBe(0);
    await shot("testimony-sent");
    const witnessed = await store.evidence.byId(evidence?.id ?? "");
    const testimony = witnessed?.witnessRequests.find((r) => r.testimony)?.testimony;
    expect(testimony).toMatchObject({
      statusCategory: 3,
      declaredNoPersonalRelationship: true,
      text: TESTIMONY,
    });

    // 4. The assessor: queue → open → Accept all but one → Submit decisions → the decided card.
    await become(PRIYA, "Priya Shah");
    await expect.poll(bubbles).toContainEqual(expect.stringContaining(`Amira Hussain submitted ${ref}`));
    await say("queue");
    const queue = lastCard("Open");
    await queue.waitFor();
    await shot("assessor-queue");
    const row = queue.locator(".ac-columnSet", { hasText: ref }).last();
    await press(row.getByRole("button", { name: "Open" }));
    const approval = lastCard(`Evidence ${ref} from Amira Hussain`);
    await approval.waitFor();
    expect(await approval.textContent()).toContain(TESTIMONY);
    const choices = approval.locator('[id^="decision:"] select');
    const count = await choices.count();
    expect(count).toBe(active.length);
    // Reject one criterion, with the reason the candidate will read; accept everything else, the let-down range
    // included. Each claim's reason box is named after its claim, in the same order as the choices.
    const reasonIds = await approval.locator('[id^="comment:"]').evaluateAll((els) => els.map((e) => e.id));
    // A criterion when there are two or more (one stays accepted, so progress moves); else a claim that is not the
    // let-down range.
    const criteriaAt = reasonIds.flatMap((id, i) => (/^comment:\d{3}\.\d+\.\d+$/.test(id) ? [i] : []));
    const rejectAt =
      criteriaAt.length >= 2
        ? (criteriaAt.at(-1) as number)
        : reasonIds.findIndex((id, i) => !criteriaAt.includes(i) && id !== `comment:${shownLetDown[0]}`);
    expect(rejectAt).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < count; i++) await choices.nth(i).selectOption(i === rejectAt ? "reject" : "accept");
    await approval
      .locator(`[id="${reasonIds[rejectAt]}"] input, [id="${reasonIds[rejectAt]}"] textarea`)
      .first()
      .fill("The account doesn't say what you told the customer.");
    await shot("assessor-decisions-chosen");
    await press(approval.getByRole("button", { name: "Submit", exact: true }));
    const decided = lastCard(`Evidence ${ref} from Amira Hussain`);
    await expect
      .poll(() => decided.textContent())
      .toMatch(new RegExp(`Assessed by Priya Shah on .*: ${count - 1} of ${count} claims accepted`));
    expect(await decided.locator("select").count()).toBe(0);
    await shot("assessor-decided");
    // Every copy shows the outcome: the approval card that arrived when Amira submitted catches up at once, and
    // the inbox's copy is shown as it is now when Priya comes back to the page.
    const copies = page.locator(".card", { hasText: `Evidence ${ref} from Amira Hussain` });
    expect(await copies.count()).toBeGreaterThanOrEqual(2);
    const everyCopyDecided = async () =>
      (await copies.allTextContents()).every((t) => /Assessed by Priya Shah/.test(t)) &&
      (await copies.locator("select").count()) === 0;
    await expect.poll(everyCopyDecided).toBe(true);
    await shot("every-copy-decided");
    // Switching person and back no longer replays the inbox (issue 15: old notices are not shown again), so the
    // copies checked are the ones on the page when Priya decided.
    const after = await store.evidence.byId(evidence?.id ?? "");
    expect(after?.status).toBe("assessed");
    const decisions = after?.claims.filter((c) => c.active).map((c) => c.decision) ?? [];
    expect(decisions.filter((d) => d === "rejected")).toHaveLength(1);
    expect(decisions.filter((d) => d === "accepted")).toHaveLength(count - 1);

    // 5. The candidate: the news in the inbox, then progress shows the accepted criteria as assessed.
    await become(AMIRA, "Amira Hussain");
    await expect
      .poll(bubbles)
      .toContainEqual(
        expect.stringContaining(`Priya Shah accepted ${count - 1} of ${count} claims on ${ref}; `),
      );
    await say("progress");
    const now = await assessed();
    const accepted = after?.claims.filter((c) => c.active && c.decision === "accepted") ?? [];
    const acceptedUnits = new Set(accepted.filter((c) => c.kind === "criterion").map((c) => c.unitId));
    const total = (a: Assessed) => Object.values(a).reduce((n, u) => n + u.criteria + u.situations, 0);
    expect(total(now)).toBeGreaterThan(total(before));
    for (const unit of acceptedUnits)
      expect(now[unit]?.criteria).toBeGreaterThanOrEqual(before[unit]?.criteria ?? 0);
    expect([...acceptedUnits].some((u) => (now[u]?.criteria ?? 0) > (before[u]?.criteria ?? 0))).toBe(true);
    await shot("candidate-progress-after");
  });
  it("marks the conversation busy while a reply is on its way, and not once it is drawn", async () => {
    await page.goto(base);
    await expect.poll(() => page.locator("#who option").count()).toBeGreaterThan(5);
    await become(AMIRA, "Amira Hussain");
    // Hold the answer back, as a slow network would.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/playground/api/messages", async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.fill("#text", "help");
      const done = messagesDone();
      await page.click("#send");
      await page.locator("#log[aria-busy=true]").waitFor({ state: "attached" });
      const before = (await bubbles()).length;
      release();
      expect((await done).status()).toBe(200);
      await drawn();
      // Once the conversation is no longer busy, the answer is there to read.
      expect((await bubbles()).length).toBeGreaterThan(before);
    } finally {
      release();
      await page.unroute("**/playground/api/messages");
    }
  });

  it("stays busy while an earlier message is still on its way after a later one is answered", async () => {
    await page.goto(base);
    await expect.poll(() => page.locator("#who option").count()).toBeGreaterThan(5);
    await become(AMIRA, "Amira Hussain");
    // Each message is held until it is let through: the first is kept back longer than the second.
    const releases: Array<() => void> = [];
    await page.route("**/playground/api/messages", async (route) => {
      await new Promise<void>((resolve) => releases.push(resolve));
      await route.continue();
    });
    try {
      for (const words of ["help", "progress"]) {
        await page.fill("#text", words);
        await page.click("#send");
      }
      await expect.poll(() => releases.length).toBe(2);
      const second = messagesDone();
      releases[1]?.();
      expect((await second).status()).toBe(200);
      // The second answer is in, the first is not: the conversation is still busy.
      await expect
        .poll(() => page.locator(".card", { hasText: "Progress for Amira Hussain" }).count())
        .toBe(1);
      expect(await page.locator("#log").getAttribute("aria-busy")).toBe("true");
      const first = messagesDone();
      releases[0]?.();
      expect((await first).status()).toBe(200);
      await drawn();
    } finally {
      for (const release of releases) release();
      await page.unroute("**/playground/api/messages");
    }
  });
});
