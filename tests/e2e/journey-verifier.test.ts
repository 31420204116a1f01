// Grace Mensah's journey on a phone and a desk: sample → countersign → the sampled item in the list → her pages.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { skipBrowser } from "../helpers/chromium.ts";
import { PEOPLE, Person, SCREENS, type Stage, startStage } from "./journey.ts";

const COMMENT = "Decisions match the account and the testimony; reasons given are clear.";

describe.skipIf(skipBrowser)("the internal verifier's journey", { timeout: 240_000 }, () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage("journey-verifier");
  }, 120_000);
  afterAll(async () => {
    await stage?.close();
  });

  it.each(SCREENS)("Grace samples, countersigns and opens sampling on her pages ($name)", async (screen) => {
    const grace = await Person.open(stage, screen, "grace");
    onTestFinished(() => grace.close());
    const { page } = grace;
    await grace.become(PEOPLE.grace);
    expect(await page.locator("#who option:checked").textContent()).toBe("Grace Mensah (internal verifier)");
    expect(await page.locator("#text").getAttribute("placeholder")).toMatch(/sample/);
    await grace.look("start");

    await grace.say("sample");
    const list = grace.lastCard("Assessed evidence to sample");
    await list.waitFor();
    await grace.newestInView(list);
    expect(await grace.cutButtons(), "no card button is cut").toEqual([]);
    await grace.look("sample-list");
    // The first piece not yet sampled: its row says who and which evidence.
    const row = list.locator(".ac-columnSet", {
      has: page.getByRole("button", { name: "Sample", exact: true }),
    });
    const rowWords = (await row.first().textContent()) ?? "";
    const ref = /· (E\d+) ·/.exec(rowWords)?.[1] ?? "";
    expect(ref, rowWords).toMatch(/^E\d+$/);
    await grace.press(row.first().getByRole("button", { name: "Sample", exact: true }));
    const card = grace.lastCard("Do you agree with the assessment?");
    await card.waitFor();
    expect(await card.textContent()).toContain(ref);
    await grace.newestInView(card);
    await grace.look("sample-card");

    await card.getByRole("radio", { name: "Yes, I agree with the assessment" }).check();
    await card.locator("textarea").fill(COMMENT);
    await grace.look("countersign-filled");
    await grace.press(card.getByRole("button", { name: "Countersign" }));
    const signed = grace.lastCard(COMMENT);
    await expect.poll(() => signed.textContent()).toMatch(/Countersigned by Grace Mensah/);
    expect(await signed.locator("input, textarea, button").count()).toBe(0);
    await grace.look("countersigned");

    // Countersigned evidence leaves the list at once; the button to her pages opens sampling.
    await grace.say("sample");
    const again = grace.lastCard("Open sampling");
    await again.waitFor();
    const words = (await page.locator("#log > *").allTextContents()).slice(-2).join(" ");
    expect(words).not.toContain(`· ${ref} ·`);
    expect(words).toMatch(/Assessed evidence to sample|Nothing assessed is waiting to be sampled/);
    await grace.newestInView();
    await grace.look("sample-list-after");
    const pages = await grace.openLink(grace.linkButton(grace.lastCard("Open sampling"), "Open sampling"));
    expect(await pages.locator("h1").first().textContent()).toMatch(/ampl/);
    await grace.look("sampling-page", pages);
  });
});
