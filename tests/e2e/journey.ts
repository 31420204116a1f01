// What every role's journey test shares: one server per file, the playground driven as a person, axe and screenshots.
import { mkdirSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { seriousAxeFindings } from "../helpers/axe.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { freePort } from "../helpers/free-port.ts";

export const PEOPLE = {
  amira: { email: "amira.hussain@demo.shiftnote.test", name: "Amira Hussain" },
  priya: { email: "priya.shah@demo.shiftnote.test", name: "Priya Shah" },
  tom: { email: "tom.reid@demo.shiftnote.test", name: "Tom Reid" },
  grace: { email: "grace.mensah@demo.shiftnote.test", name: "Grace Mensah" },
} as const;

/** The two screens every journey is walked on. */
export const SCREENS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
export type Screen = (typeof SCREENS)[number];

/** A busy Saturday when the card machine failed, in a candidate's own words. */
export const ACCOUNT =
  "Saturday was manic and right in the middle of the lunchtime rush our card machine went down, so we couldn't take card payments. A woman with a full trolley was getting frustrated. I said sorry, explained the system had let us down and that it wasn't anything she had done, and checked with my supervisor that I could take her to the customer service desk till, which was still working. I carried her basket over, put her shopping through and she paid by card there. She thanked me for keeping calm and said she'd come back next week.";

export interface Stage {
  product: Product;
  base: string;
  browser: Browser;
  shots: string;
  close(): Promise<void>;
}

/** One in-memory Shiftnote with the demo centre and one Chromium, for a whole test file. */
export async function startStage(folder: string): Promise<Stage> {
  const shots = join(process.cwd(), "test-results", folder);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: String(await freePort()),
    HOST: "127.0.0.1",
  });
  const product = await buildProduct(config, { log: () => {} });
  const server: Server = await listen(product.app, config);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    product,
    base,
    browser,
    shots,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await product.close();
    },
  };
}

/** A person at the playground on one screen: says things, presses buttons, looks (screenshot and axe). */
export class Person {
  step = 0;
  constructor(
    readonly stage: Stage,
    readonly screen: Screen,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly label: string,
  ) {}

  static async open(stage: Stage, screen: Screen, label: string): Promise<Person> {
    // bypassCSP only so axe-core's script can be injected.
    const context = await stage.browser.newContext({
      viewport: { width: screen.width, height: screen.height },
      locale: "en-GB",
      bypassCSP: true,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(stage.base);
    await expect.poll(() => page.locator("#who option").count()).toBeGreaterThan(3);
    return new Person(stage, screen, context, page, label);
  }

  private messagesDone() {
    return this.page.waitForResponse(
      (r) => r.url().endsWith("/playground/api/messages") && r.request().method() === "POST",
    );
  }

  /** Switches to `who` and waits for the page to say so (and for the inbox to have been asked). */
  async become(who: { email: string; name: string }) {
    const inbox = this.page.waitForResponse((r) => r.url().includes("/playground/api/inbox"));
    await this.page.selectOption("#who", who.email);
    await inbox;
    await expect
      .poll(() => this.page.locator(".msg.note").first().textContent())
      .toContain(`You are now ${who.name}`);
  }

  async say(text: string) {
    await this.page.fill("#text", text);
    const done = this.messagesDone();
    await this.page.click("#send");
    expect((await done).status()).toBe(200);
    await this.repliesShown();
  }

  async press(button: Locator) {
    const done = this.messagesDone();
    await button.click();
    expect((await done).status()).toBe(200);
    await this.repliesShown();
  }

  /** The response has come back; its replies are on the page once the conversation is no longer busy. */
  private async repliesShown() {
    await this.page.locator("#log:not([aria-busy])").waitFor({ state: "attached" });
  }

  /** Waits for the next inbox poll that brings something, or gives up after `tries` polls. */
  async waitForInbox(text: string, tries = 5) {
    for (let i = 0; i < tries; i++) {
      if ((await this.page.locator(".msg, .card", { hasText: text }).count()) > 0) return;
      await this.page.waitForResponse((r) => r.url().includes("/playground/api/inbox"));
      await this.page.waitForTimeout(200);
    }
    expect(await this.bubbles(), `"${text}" arrived`).toContainEqual(expect.stringContaining(text));
  }

  lastCard(text: string | RegExp): Locator {
    return this.page.locator(".card", { hasText: text }).last();
  }

  bubbles(): Promise<string[]> {
    return this.page.locator(".msg").allTextContents();
  }

  /**
   * What the person sees now: a screenshot of the playground's window as it is (not the whole conversation: what is
   * under the composer or scrolled away is not seen), or of a whole page of theirs; and axe on it. Nothing serious
   * or critical may be found.
   */
  async look(name: string, page: Page = this.page) {
    this.step += 1;
    // Let the playground's scroll-into-view settle first.
    await page.waitForTimeout(250);
    const file = `${this.label}-${this.screen.name}-${String(this.step).padStart(2, "0")}-${name}.png`;
    await page.screenshot({ path: join(this.stage.shots, file), fullPage: page !== this.page });
    expect(await seriousAxeFindings(page), `axe on ${file}`).toEqual([]);
  }

  /**
   * What the person should be looking at is in the window with its top visible, above the composer: `target` (the
   * card or words a turn brought), or else the newest message.
   */
  async newestInView(target?: Locator) {
    const box = target
      ? await target.boundingBox()
      : await this.page.locator("#log > *").last().boundingBox();
    const composer = await this.page.locator("#composer").boundingBox();
    const top = box?.y ?? -1;
    expect(top, "its top is in the window").toBeGreaterThanOrEqual(0);
    expect(top, "its top is above the composer").toBeLessThan(composer?.y ?? 0);
  }

  /** A card's button that opens the person's pages (the renderer gives it the role of a link). */
  linkButton(card: Locator, name: string): Locator {
    return card.getByRole("link", { name, exact: true });
  }

  /** Presses a card's link button; the person's page opens in a new tab, signed in after its one button. */
  async openLink(button: Locator): Promise<Page> {
    const opened = this.context.waitForEvent("page");
    await button.click();
    const tab = await opened;
    await tab.waitForLoadState();
    const signIn = tab.getByRole("button", { name: /^Open Shiftnote as / });
    if (await signIn.count()) {
      await this.look("sign-in", tab);
      await signIn.click();
      await tab.waitForLoadState();
    }
    return tab;
  }

  /** Buttons whose words are cut off (wider than their box) or that run off the right of the window. */
  async cutButtons(page: Page = this.page): Promise<string[]> {
    // Runs in the browser (a string, as this project's TypeScript has no DOM types).
    return page.evaluate(`(() => {
      const out = [];
      for (const el of document.querySelectorAll("button, .ac-pushButton")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0) continue;
        const words = el.querySelector(".ac-truncate, div") || el;
        if (words.scrollWidth > words.clientWidth + 1 || box.right > innerWidth + 1 || box.left < -1)
          out.push((el.textContent || "").trim());
      }
      return out;
    })()`);
  }

  /** Files an account as the person the page speaks as, submits it and, when asked, asks Tom Reid to witness it. */
  async fileAndSubmit(account: string, witness = false): Promise<string> {
    await this.say(account);
    const draft = this.lastCard("Here’s what your account shows");
    await draft.waitFor();
    const ref = /Evidence (E\d+)\./.exec((await draft.textContent()) ?? "")?.[1] ?? "";
    expect(ref).toMatch(/^E\d+$/);
    await this.press(draft.getByRole("button", { name: "Submit", exact: true }));
    await this.lastCard(`${ref} is filed`).waitFor();
    if (witness) {
      await this.say("ask Tom Reid to witness this");
      expect(await this.bubbles()).toContainEqual(
        expect.stringContaining(`I've asked Tom Reid to witness ${ref}`),
      );
    }
    return ref;
  }

  async close() {
    await this.context.close();
  }
}
