// Tom Reid's journey on a phone and a desk: the witness card → confirm; another time decline, no status, Amira told.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { skipBrowser } from "../helpers/chromium.ts";
import { ACCOUNT, PEOPLE, Person, SCREENS, type Stage, startStage } from "./journey.ts";

const TESTIMONY =
  "I was on the shop floor when the card machine went down. Amira stayed calm, apologised, checked with me before moving the customer to the service desk till and walked her over.";
const SECOND =
  "On Tuesday a man rang because his click and collect order had not arrived. I apologised, looked up the order, saw it was stuck at the depot and booked it on the next van. I rang him back that afternoon to say it was on its way and he thanked me for sorting it out.";

describe.skipIf(skipBrowser)("the witness's journey", { timeout: 240_000 }, () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage("journey-witness");
  }, 120_000);
  afterAll(async () => {
    await stage?.close();
  });

  it.each(SCREENS)(
    "Tom confirms one account and declines another without a status ($name)",
    async (screen) => {
      const tom = await Person.open(stage, screen, "tom");
      onTestFinished(() => tom.close());
      const { page } = tom;

      // Amira asks Tom to witness an account (her own journey has its own test).
      const ref = await tom.fileAndSubmit(ACCOUNT, true);

      // The witness card arrives; Tom's status, how he knows her, the declaration and his own words.
      await tom.become(PEOPLE.tom);
      expect(await page.locator("#who option:checked").textContent()).toBe("Tom Reid (team leader, witness)");
      await tom.waitForInbox(`Amira Hussain has asked you to witness ${ref}`);
      const request = tom.lastCard(`Evidence ${ref} ·`);
      await request.waitFor();
      expect(await request.textContent()).toContain("Saturday was manic");
      expect(await tom.cutButtons(), "no card button is cut").toEqual([]);
      await tom.look("witness-card");
      // The status is chosen by its words, the same words the card and the pages use.
      await request.locator('[id="statusCategory"] input[type=radio]').nth(2).check();
      await request.locator('[id="relationship"] select').selectOption({ label: "Team leader" });
      await request.locator('[id="declaration"] input[type=checkbox]').check();
      await request.locator('[id="testimony"] textarea').fill(TESTIMONY);
      await tom.look("witness-card-filled");
      await tom.press(request.getByRole("button", { name: "Send my testimony" }));
      await expect
        .poll(() => tom.bubbles())
        .toContainEqual(expect.stringContaining("Your testimony is with the candidate"));
      expect(await request.locator("input, select, textarea").count()).toBe(0);
      expect(await request.textContent()).toContain(TESTIMONY);
      await tom.newestInView();
      await tom.look("testimony-sent");

      // Another time: Amira asks again about something Tom did not see; he declines without choosing a status.
      await tom.become(PEOPLE.amira);
      // She was told when Tom confirmed, by name and evidence number.
      await tom.waitForInbox(`Tom Reid confirmed ${ref}`);
      await tom.look("candidate-told-confirmed");
      const second = await tom.fileAndSubmit(SECOND, true);
      await tom.become(PEOPLE.tom);
      await tom.waitForInbox(`Amira Hussain has asked you to witness ${second}`);
      const another = tom.lastCard(`Evidence ${second} ·`);
      await another.waitFor();
      await tom.look("second-request");
      await tom.press(another.getByRole("button", { name: "I can’t confirm this" }));
      await expect
        .poll(() => tom.bubbles())
        .toContainEqual(expect.stringContaining(`Amira Hussain is told you couldn't confirm ${second}`));
      expect(await another.locator("input, select, textarea").count()).toBe(0);
      await tom.newestInView();
      await tom.look("declined");

      // Amira is told, and can ask someone else.
      await tom.become(PEOPLE.amira);
      await tom.waitForInbox(`Tom Reid couldn't confirm ${second}`);
      await tom.newestInView();
      await tom.look("candidate-told");
    },
  );
});
