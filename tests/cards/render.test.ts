// Renders cards with the adaptivecards JS renderer in headless Chromium: screenshots, and inputs reaching actions.

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdaptiveCard } from "../../src/cards/adaptive.ts";
import { hostConfig, hostCss } from "../../src/cards/host-config.ts";
import { adaptiveCard } from "../../src/cards/render.ts";
import { launchChromium, skipBrowser } from "../helpers/chromium.ts";
import { approval, EXAMPLES, IDS } from "./fixtures.ts";

const SHOTS = join(process.cwd(), "test-results", "cards");
const dist = join(dirname(createRequire(import.meta.url).resolve("adaptivecards/package.json")), "dist");

const PAGE = (): string => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Shiftnote cards</title>
<link rel="stylesheet" href="/adaptivecards.css">
<style>${hostCss}</style>
<style>
  body { margin: 0; padding: 16px; background: #f5f5f5; font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
  #card { width: min(560px, calc(100vw - 32px)); background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; overflow: hidden; }
</style>
<script src="/adaptivecards.js"></script>
<script>
  window.renderCard = (json) => {
    const host = document.getElementById("card");
    host.innerHTML = "";
    window.lastAction = null;
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(hostConfig)});
    card.onExecuteAction = (action) => { window.lastAction = { verb: action.verb, data: action.data }; };
    const context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    host.appendChild(card.render());
    return context.eventCount;
  };
</script></head>
<body><div id="card"></div></body></html>`;

function serve(): Promise<Server> {
  const files: Record<string, [string, string]> = {
    "/adaptivecards.js": [join(dist, "adaptivecards.min.js"), "text/javascript"],
    "/adaptivecards.css": [join(dist, "adaptivecards.css"), "text/css"],
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? ""];
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE());
    else if (file) res.writeHead(200, { "content-type": file[1] }).end(readFileSync(file[0]));
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const cardOf = (name: string): AdaptiveCard => {
  const view = EXAMPLES[name];
  if (!view) throw new Error(name);
  return adaptiveCard(view);
};

describe.skipIf(skipBrowser)("cards in the adaptivecards renderer (headless Chromium)", () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await serve();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const render = async (name: string): Promise<void> => {
    const warnings = await page.evaluate(
      (json) => (globalThis as unknown as { renderCard: (j: unknown) => number }).renderCard(json),
      cardOf(name),
    );
    expect(warnings).toBe(0);
    await page.locator("#card").screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  const lastAction = () =>
    page.evaluate(
      () =>
        (globalThis as unknown as { lastAction: { verb: string; data: Record<string, unknown> } | null })
          .lastAction,
    );

  it.each([
    "suggestion",
    "suggestion-voice",
    "approval",
    "approval-decided",
    "witness-request",
    "coverage",
    "queue",
    "sample",
    "action-plan-form",
    "action-plan",
    "feedback",
    "expert-statement",
    "approval-expert",
  ])("renders the %s card and saves a screenshot", async (name) => {
    await render(name);
    expect(existsSync(join(SHOTS, `${name}.png`))).toBe(true);
  });

  it("sends the suggestion's toggles with Submit", async () => {
    await render("suggestion");
    await page.getByRole("checkbox", { name: /205\.1\.6/ }).uncheck();
    await page.getByRole("button", { name: "Submit" }).click();
    const action = await lastAction();
    expect(action?.verb).toBe("evidence.submit");
    expect(action?.data).toMatchObject({
      verb: "evidence.submit",
      evidenceId: IDS.evidence,
      version: 1,
      "claim:205.1.3": "true",
      "claim:205.1.6": "false",
      "claim:206.K.c": "false",
    });
  });

  it("sends the plan form's unit, ticked methods, date, time and texts with Sign and send the plan", async () => {
    await render("action-plan-form");
    await page.getByRole("checkbox", { name: "Case study" }).check();
    await page.getByRole("checkbox", { name: "Oral questioning" }).uncheck();
    await page.getByLabel("Feedback arrangements").fill("Straight after, in the staff room.");
    await page.getByRole("button", { name: "Sign and send the plan" }).click();
    const action = await lastAction();
    expect(action?.verb).toBe("plan.make");
    expect(action?.data).toMatchObject({
      verb: "plan.make",
      evidenceId: IDS.evidence3,
      unit: "205",
      methods: "direct_observation,case_study",
      venue: "Leeds store",
      date: "2026-12-04",
      time: "10:00",
      feedbackArrangements: "Straight after, in the staff room.",
    });
  });

  it("shows the edit box under Edit text and sends the new text", async () => {
    await render("suggestion");
    await page.getByRole("button", { name: "Edit text" }).click();
    await page.getByLabel("Your account").fill("It was a quiet Tuesday.");
    await page.getByRole("button", { name: "Save and check again" }).click();
    expect(await lastAction()).toMatchObject({
      verb: "evidence.edit",
      data: { text: "It was a quiet Tuesday." },
    });
  });

  it("starts the assessor's card with nothing chosen, and sends each choice and the reason for a rejection", async () => {
    await render("approval");
    const choices = page.locator("select");
    expect(await choices.count()).toBe(approval.claims.length);
    for (const value of await choices.evaluateAll((all) =>
      all.map((s) => (s as unknown as { value: string }).value),
    ))
      expect(value).toBe("");
    await choices.nth(0).selectOption("accept");
    await choices.nth(1).selectOption("reject");
    await page
      .getByPlaceholder(/If you reject it/)
      .nth(1)
      .fill("The queue is not described.");
    await page.getByLabel(/Comment for Sam/).fill("Tell me more about the queue.");
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    const action = await lastAction();
    expect(action?.verb).toBe("evidence.decide");
    expect(action?.data).toMatchObject({
      [`decision:${IDS.claims[0]}`]: "accept",
      [`decision:${IDS.claims[1]}`]: "reject",
      [`comment:${approval.claims[1]?.ref}`]: "The queue is not described.",
      comment: "Tell me more about the queue.",
      version: 4,
    });
    // A claim left alone is sent undecided: the bot then says which one still needs a choice.
    expect(action?.data[`decision:${IDS.claims[2]}`] ?? "").toBe("");
  });

  it("will not send testimony until the witness has filled in what is required", async () => {
    await render("witness-request");
    await page.getByRole("button", { name: "Send my testimony" }).click();
    expect(await lastAction()).toBeNull();
    await page.getByRole("radio", { name: /^3\./ }).check();
    await page.getByRole("checkbox", { name: /not related to the candidate/ }).check();
    await page.getByLabel(/What you saw Sam do/).fill("Sam kept the queue calm.");
    await page.getByRole("button", { name: "Send my testimony" }).click();
    expect(await lastAction()).toMatchObject({
      verb: "witness.testify",
      data: {
        statusCategory: "3",
        relationship: "team_leader",
        declaration: "true",
        testimony: "Sam kept the queue calm.",
      },
    });
  });

  it("lets a witness choose Other and say what, and decline without choosing a status", async () => {
    await render("witness-request");
    await page.getByLabel(/How you know Sam at work/).selectOption("other");
    await page.getByLabel(/If other: say what/).fill("Store manager");
    await page.getByRole("button", { name: "I can’t confirm this" }).click();
    // Declining sends none of the form: no status, relationship or declaration is needed.
    const declined = await lastAction();
    expect(declined?.verb).toBe("witness.decline");
    expect(declined?.data.statusCategory).toBeUndefined();
  });

  it.each(["approval", "suggestion", "witness-request", "sample"])(
    "shows every %s button's words in full on a 390-pixel phone",
    async (name) => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await render(name);
        await page.locator("#card").screenshot({ path: join(SHOTS, `${name}-390.png`) });
        const cut = await page.locator("#card button").evaluateAll((all) =>
          all
            .filter((b) => (b as unknown as { offsetParent: unknown }).offsetParent !== null)
            // The renderer cuts a long title with an ellipsis on the button or the element inside it.
            .filter(
              (b) =>
                [b, ...b.querySelectorAll("*")].some((e) => e.scrollWidth > e.clientWidth + 1) ||
                b.getBoundingClientRect().right > 390,
            )
            .map((b) => b.textContent),
        );
        expect(cut).toEqual([]);
      } finally {
        await page.setViewportSize({ width: 600, height: 900 });
      }
    },
  );
});
