// Priya's whole journey on a phone and a desk: the notice → queue → open → decide with reasons → out of the queue → matrix.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { skipBrowser } from "../helpers/chromium.ts";
import { ACCOUNT, PEOPLE, Person, SCREENS, type Stage, startStage } from "./journey.ts";

const REASON = "The account doesn't say what you told the customer.";

describe.skipIf(skipBrowser)("the assessor's journey", { timeout: 240_000 }, () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage("journey-assessor");
  }, 120_000);
  afterAll(async () => {
    await stage?.close();
  });

  it.each(SCREENS)(
    "Priya is told, opens, decides with reasons and reads the matrix ($name)",
    async (screen) => {
      const priya = await Person.open(stage, screen, "priya");
      onTestFinished(() => priya.close());
      const { page } = priya;

      // Amira files something new for Priya (the candidate's own journey has its own test).
      await priya.say(ACCOUNT);
      const draft = priya.lastCard("Here’s what your account shows");
      await draft.waitFor();
      const ref = /Evidence (E\d+)\./.exec((await draft.textContent()) ?? "")?.[1] ?? "";
      await priya.press(draft.getByRole("button", { name: "Submit", exact: true }));
      await priya.lastCard(`${ref} is filed`).waitFor();

      // The notice names the evidence and who sent it; its card opens it on her pages too.
      await priya.become(PEOPLE.priya);
      expect(await page.locator("#text").getAttribute("placeholder")).toMatch(/queue/);
      await priya.waitForInbox(`Amira Hussain submitted ${ref} for you to assess`);
      const notified = priya.lastCard(`Evidence ${ref} from Amira Hussain`);
      await notified.waitFor();
      expect(await priya.linkButton(notified, `Open ${ref} on my pages`).count()).toBe(1);
      await priya.look("notified");

      await priya.say("queue");
      const queue = priya.lastCard("Open");
      await queue.waitFor();
      expect(await queue.textContent()).toContain(ref);
      await priya.newestInView(queue);
      expect(await priya.cutButtons(), "no card button is cut").toEqual([]);
      await priya.look("queue");
      await priya.press(
        queue.locator(".ac-columnSet", { hasText: ref }).last().getByRole("button", { name: "Open" }),
      );
      const approval = priya.lastCard(`Evidence ${ref} from Amira Hussain`);
      await approval.waitFor();
      await priya.newestInView(approval);
      // Nothing is chosen for her: every claim starts undecided, as on the web form.
      const choices = approval.locator('[id^="decision:"] select');
      const count = await choices.count();
      expect(count).toBeGreaterThan(1);
      for (let i = 0; i < count; i++) expect(await choices.nth(i).inputValue()).toBe("");
      expect(await priya.cutButtons(), "no card button is cut").toEqual([]);
      await priya.look("opened");

      // Submitting with claims undecided says which; a rejection needs its reason.
      await priya.press(approval.getByRole("button", { name: "Submit", exact: true }));
      await expect
        .poll(() => priya.bubbles())
        .toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^ShiftnoteChoose Accept or Reject for each claim \\(.*\\), then submit; or refer ${ref} back`,
            ),
          ),
        );
      await priya.newestInView();
      await priya.look("undecided-refused");
      for (let i = 0; i < count; i++)
        await choices.nth(i).selectOption(i === count - 1 ? "reject" : "accept");
      const reasonBoxes = approval.locator('[id^="comment:"] input, [id^="comment:"] textarea');
      await reasonBoxes.nth(count - 1).fill(REASON);
      await priya.look("decisions-chosen");
      await priya.press(approval.getByRole("button", { name: "Submit", exact: true }));
      const decided = priya.lastCard(`Evidence ${ref} from Amira Hussain`);
      await expect
        .poll(() => decided.textContent())
        .toMatch(new RegExp(`Assessed by Priya Shah on .*: ${count - 1} of ${count} claims accepted`));
      expect(await decided.textContent()).toContain(REASON);
      expect(await decided.locator("select").count()).toBe(0);
      await priya.look("decided");

      // Decided evidence leaves the queue at once.
      await priya.say("queue");
      const after = priya.lastCard(/Open|Nothing is waiting/);
      await after.waitFor();
      expect(await after.textContent()).not.toContain(`${ref} `);
      await priya.look("queue-after");

      // The queue page, then Amira's portfolio and a unit's matrix, which reads on a phone.
      const link = priya.linkButton(priya.lastCard("Queue page"), "Queue page");
      const pages = await priya.openLink(link);
      expect(await pages.locator("body").textContent()).not.toContain(`${ref}:`);
      await priya.look("queue-page", pages);
      await pages.getByRole("link", { name: "Amira Hussain" }).first().click();
      await pages.waitForLoadState();
      await priya.look("candidate-page", pages);
      await pages.locator('a[href*="/units/"]').first().click();
      await pages.waitForURL(/\/units\/\w+$/);
      const wide = Number(await pages.evaluate("document.documentElement.scrollWidth"));
      expect(wide, "the matrix page does not scroll sideways").toBeLessThanOrEqual(screen.width);
      if (screen.name === "phone") expect(await pages.locator(".matrix-phone").isVisible()).toBe(true);
      else expect(await pages.locator("table.matrix").isVisible()).toBe(true);
      await priya.look("matrix", pages);
    },
  );
});
