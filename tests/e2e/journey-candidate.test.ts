// Amira's whole journey on a phone and a desk: account → card → submit → witness → referral → edit → resubmit → pages.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { skipBrowser } from "../helpers/chromium.ts";
import { ACCOUNT, PEOPLE, Person, SCREENS, type Stage, startStage } from "./journey.ts";

const REASON = "Say what you told the customer about the card machine, in your own words.";
const BETTER =
  " I told her the card machine had stopped working, that it was nothing she had done, and that the desk till could still take her card.";

describe.skipIf(skipBrowser)("the candidate's journey", { timeout: 240_000 }, () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage("journey-candidate");
  }, 120_000);
  afterAll(async () => {
    await stage?.close();
  });

  it.each(SCREENS)(
    "Amira files, is referred back, edits, resubmits and opens her pages ($name)",
    async (screen) => {
      const { product } = stage;
      const amira = await Person.open(stage, screen, "amira");
      // A page left open would keep reading Amira's inbox and take the next run's notices.
      onTestFinished(() => amira.close());
      const { page } = amira;
      // The playground starts as Amira, with an invitation for a candidate.
      expect(await page.locator("#who").inputValue()).toBe(PEOPLE.amira.email);
      expect(await page.locator("#text").getAttribute("placeholder")).toMatch(/customer you helped/);
      await amira.look("start");

      // The account → a suggestion card, its top in view above the composer.
      await amira.say(ACCOUNT);
      const suggestion = amira.lastCard("Here’s what your account shows");
      await suggestion.waitFor();
      await amira.newestInView(suggestion);
      const ref = /Evidence (E\d+)\./.exec((await suggestion.textContent()) ?? "")?.[1] ?? "";
      expect(ref).toMatch(/^E\d+$/);
      await amira.newestInView();
      expect(await amira.cutButtons(), "no card button is cut").toEqual([]);
      await amira.look("suggestion-card");

      // Untick one claim and submit: one confirmation, nothing left to press.
      const toggles = suggestion.locator('[id^="claim:"] input[type=checkbox]');
      expect(await toggles.count()).toBeGreaterThan(2);
      await toggles.first().uncheck();
      await amira.look("one-unticked");
      await amira.press(suggestion.getByRole("button", { name: "Submit", exact: true }));
      const filed = amira.lastCard(`${ref} is filed and on its way to Priya Shah`);
      await filed.waitFor();
      expect(await filed.locator("input, button").count()).toBe(0);
      await amira.newestInView();
      await amira.look("submitted");

      await amira.say("ask Tom Reid to witness this");
      expect(await amira.bubbles()).toContainEqual(
        expect.stringContaining(`I've asked Tom Reid to witness ${ref}`),
      );
      await amira.newestInView();
      await amira.look("witness-asked");

      // Priya refers it back with a reason (on her own page; here through the façade, as her page would).
      const me = await product.portfolio.personByEmail(PEOPLE.amira.email);
      const priya = await product.portfolio.personByEmail(PEOPLE.priya.email);
      const id = await product.portfolio.evidenceIdByRef(me?.id ?? "", ref);
      const submitted = await product.portfolio.view({ actorId: priya?.id ?? "", evidenceId: id });
      await product.portfolio.decideFromForm({
        actorId: priya?.id ?? "",
        evidenceId: id,
        version: submitted.version,
        outcome: "referred",
        fields: {},
        comment: REASON,
      });
      await product.delivery.flush();

      // The referral arrives with the evidence's card: the assessor's reason, Edit text and Submit.
      await amira.waitForInbox(`referred ${ref} back`);
      const referred = amira.lastCard(REASON);
      await referred.waitFor();
      await amira.newestInView(referred);
      expect(await referred.getByRole("button", { name: "Edit text" }).count()).toBe(1);
      expect(await referred.getByRole("button", { name: "Submit", exact: true }).count()).toBe(1);
      await amira.newestInView();
      await amira.look("referral-arrived");

      // She opens it again by its number, changes the words and submits it again.
      await amira.say(ref);
      const opened = amira.lastCard(REASON);
      await opened.waitFor();
      await amira.newestInView(opened);
      await amira.look("opened-by-number");
      await opened.getByRole("button", { name: "Edit text" }).click();
      const box = opened.locator("textarea");
      await box.fill(`${(await box.inputValue()).trim()}${BETTER}`);
      await amira.look("editing");
      await amira.press(opened.getByRole("button", { name: "Save and check again" }));
      const edited = amira.lastCard(BETTER.trim().slice(0, 40));
      await edited.waitFor();
      await amira.look("edited");
      await amira.press(edited.getByRole("button", { name: "Submit", exact: true }));
      await amira.lastCard(`${ref} is filed and on its way to Priya Shah`).waitFor();
      await amira.newestInView();
      await amira.look("resubmitted");
      const after = await product.portfolio.view({ actorId: me?.id ?? "", evidenceId: id });
      expect(after.status).toBe("submitted");
      expect(after.text).toContain("nothing she had done, and that the desk till");

      // Progress, with its button to her own pages.
      await amira.say("progress");
      const progress = amira.lastCard("Progress for Amira Hussain");
      await progress.waitFor();
      expect(await progress.textContent()).toMatch(/criteria/);
      await amira.newestInView(progress);
      expect(await amira.cutButtons(), "no card button is cut").toEqual([]);
      await amira.look("progress");
      const portfolio = await amira.openLink(amira.linkButton(progress, "Open my portfolio"));
      expect(await portfolio.locator("h1").first().textContent()).toBe("Your portfolio");
      expect(await portfolio.locator("body").textContent()).toContain(ref);
      await amira.look("portfolio-page", portfolio);
      await portfolio.getByRole("link", { name: ref, exact: true }).first().click();
      await portfolio.waitForLoadState();
      expect(await portfolio.locator("body").textContent()).toContain("nothing she had done");
      await amira.look("evidence-page", portfolio);
    },
  );
});
