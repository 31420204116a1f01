// An assessor records an observation of Amira in chat (typed and as a voice note), signs it, and Amira confirms it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotCore } from "../../src/bot/core.ts";
import type { BotCommand, BotCore, BotResult } from "../../src/bot/types.ts";
import { adaptiveCard } from "../../src/cards/index.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { takeNotifications } from "../helpers/outbox-notifications.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";

const SEEN =
  "Amira greeted the customer by name at the till, listened to the complaint about a late delivery without interrupting, apologised, checked the order on the system and promised to ring her back that afternoon.";

let store: Store;
let portfolio: Portfolio;
let bot: BotCore;
let sequence = 0;

beforeAll(async () => {
  store = await openStore("memory://");
  portfolio = createPortfolio({
    store,
    catalogue: loadCatalogue(),
    mapper: (text, options) => mapEvidence(text, options),
  });
  await portfolio.loadDemoCentre();
  await takeNotifications(portfolio);
  bot = createBotCore({
    portfolio,
    // the platform's own transcript of a voice clip (Slack), as the voice pipeline's platform engine gives it
    async transcribe(file) {
      return { text: file.platformTranscript ?? "", engine: "platform" };
    },
  });
});
afterAll(() => store.close());

function command(as: string, body: Partial<BotCommand>): BotCommand {
  return {
    channel: "web",
    actor: { channel: "web", userId: as, email: as },
    conversationId: `c-${as}`,
    text: "",
    eventId: `t-${++sequence}`,
    ...body,
  };
}
const say = (as: string, text: string) => bot.handle(command(as, { text }));
const act = (as: string, action: Record<string, unknown>) =>
  bot.handle(command(as, { action: action as BotCommand["action"] }));
const words = (r: BotResult) => r.replies.map((x) => x.text ?? "").join("\n");
const adaptive = (r: BotResult) => {
  const card = r.replies.find((x) => x.card)?.card;
  return card ? adaptiveCard(card.view) : undefined;
};

function actionIn(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data) return n.data as Record<string, unknown>;
  for (const value of Object.values(n)) {
    const found = actionIn(value, verb);
    if (found) return found;
  }
  return undefined;
}

describe("the assessor's observation in chat", () => {
  it("typed: suggestions to untick, Sign, Amira's confirm card, Confirm, then it is on the recording form as an observation", async () => {
    const recorded = await say(PRIYA, `observed Amira: ${SEEN}`);
    expect(words(recorded)).toMatch(/^E\d+ is saved\. Untick any standard/);
    const card = adaptive(recorded);
    const shown = JSON.stringify(card);
    expect(shown).toContain("Observation record");
    expect(shown).toContain("Amira Hussain");
    const claimIds = [...shown.matchAll(/"id":"claim:([^"]+)"/g)].map((m) => m[1] as string);
    expect(claimIds.length).toBeGreaterThan(1);
    // Amira is asked nothing until it is signed
    expect(await takeNotifications(portfolio)).toEqual([]);

    const sign = actionIn(card, "record.sign");
    expect(sign).toBeDefined();
    const untick = claimIds[0] as string;
    const signed = await act(PRIYA, { ...sign, [`claim:${untick}`]: "false" });
    expect(words(signed)).toMatch(/Signed\. The candidate is asked to read and confirm it\./);
    expect(JSON.stringify(adaptive(signed))).toContain("Confirmed by Priya Shah on ");
    expect(JSON.stringify(adaptive(signed))).not.toContain(`**${untick}**`);

    const told = await takeNotifications(portfolio);
    expect(told).toHaveLength(1);
    const amira = (await portfolio.personByEmail(AMIRA))?.id;
    expect(told[0]?.personId).toBe(amira);
    expect(told[0]?.reply.text).toMatch(/Priya Shah has recorded an observation of you \(E\d+\)/);
    const confirm = actionIn(
      told[0]?.reply.card ? adaptiveCard(told[0].reply.card.view) : undefined,
      "record.confirm",
    );
    expect(confirm).toBeDefined();

    // only Amira confirms: a stranger pressing her button hears "not found"
    expect(words(await act(TOM, confirm as Record<string, unknown>))).toMatch(/can't find/i);
    const confirmed = await act(AMIRA, confirm as Record<string, unknown>);
    expect(words(confirmed)).toMatch(/you have confirmed it/);
    expect(JSON.stringify(adaptive(confirmed))).toContain("Both have signed");
    const back = await takeNotifications(portfolio);
    expect(back.map((n) => n.reply.text)).toEqual([
      expect.stringMatching(/^Amira Hussain has confirmed E\d+\. Its claims are assessed/),
    ]);

    const ref = String(shown.match(/Observation record (E\d+)/)?.[1]);
    const form = await portfolio.recordingForm({
      actor: { personId: (await portfolio.personByEmail(PRIYA))?.id as string },
      candidateId: amira as string,
      unitId: String(claimIds[1]).split(".")[0] as string,
    });
    expect(form.evidence).toContainEqual({ ref, method: "observation" });
  });

  it("by voice note, with the platform's transcript; a candidate who says 'observed' files their own account", async () => {
    const voice = await bot.handle(
      command(PRIYA, {
        files: [
          {
            name: "Voice clip.m4a",
            mimeType: "audio/mp4",
            bytes: new Uint8Array([1, 2, 3]),
            platformTranscript: `Observed Amira Hussain. ${SEEN}`,
          },
        ],
      }),
    );
    expect(words(voice)).toMatch(/^E\d+ is saved/);
    expect(JSON.stringify(adaptive(voice))).toContain("Observation record");

    const own = await say(
      AMIRA,
      `observed a customer struggling with the self-checkout, so I went over and helped her scan her shopping and pay.`,
    );
    expect(JSON.stringify(adaptive(own))).not.toContain("Observation record");
  });

  it("someone who does not assess Amira gets no record of her, and nothing is filed or told", async () => {
    const before = (await portfolio.outbox.pending(100, 5)).length;
    const tom = await say(TOM, `observed Amira: ${SEEN}`);
    expect(JSON.stringify(adaptive(tom) ?? {})).not.toContain("Observation record");
    expect((await portfolio.outbox.pending(100, 5)).length).toBe(before);
  });

  it("a professional discussion is recorded the same way, as a discussion record with the mapper's claims", async () => {
    const r = await say(
      PRIYA,
      "discussed with Amira: she explained how she dealt with the customer who complained about a late delivery: she followed the organisation's complaints procedure, knew the limits of her authority to offer a refund, and passed it to her supervisor when the customer asked for compensation.",
    );
    const shown = JSON.stringify(adaptive(r));
    expect(shown).toContain("Professional discussion record");
    const ids = [...shown.matchAll(/"id":"claim:([^"]+)"/g)].map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThan(0);
  });

  it("oral questioning is recorded as an oral questioning record, not as a discussion", async () => {
    const r = await say(
      PRIYA,
      "oral questions with Amira: I asked what she may offer a customer whose order is late; she said a refund of the delivery charge, and that anything more goes to her supervisor.",
    );
    expect(JSON.stringify(adaptive(r))).toContain("Oral questioning record");
    expect(JSON.stringify(adaptive(r))).not.toContain("Professional discussion record");
  });

  // Knowledge first: the learned mapper returns knowledge items only when it would defend them, and on this
  // discussion it returns none, so this test uses a mapper stub that returns a criterion and a knowledge item (the
  // criterion first). The discussion's text must be mapped with focus "knowledge", and the card lists the knowledge
  // item before the criterion.
  it("knowledge first: a discussion is mapped for knowledge, and its card lists knowledge items before criteria", async () => {
    const asked: Array<Record<string, unknown>> = [];
    const stubStore = await openStore("memory://");
    const stubbed = createPortfolio({
      store: stubStore,
      catalogue: loadCatalogue(),
      mapper: (text, options) => {
        asked.push({ ...options });
        const real = mapEvidence(text, options);
        const support = { text, start: 0, end: text.length };
        return {
          ...real,
          isEvidence: true,
          criteria: [{ id: "201.1.1", unitId: "201", text: "criterion", score: 0.9, support }],
          knowledge: [
            { id: "201.K.a", unitId: "201", text: "knowledge", score: 0.5, support, guideSections: [] },
          ],
          ranges: [],
        };
      },
    });
    try {
      await stubbed.loadDemoCentre();
      const stubBot = createBotCore({ portfolio: stubbed });
      const r = await stubBot.handle(
        command(PRIYA, {
          text: "discussed with Amira: she explained what her organisation's service offer is and what she may promise.",
        }),
      );
      // read as written by the assessor about Amira: her acts are the evidence
      expect(asked).toEqual([expect.objectContaining({ focus: "knowledge", writer: "observer" })]);
      const ids = [...JSON.stringify(adaptive(r)).matchAll(/"id":"claim:([^"]+)"/g)].map((m) => m[1]);
      expect(ids).toEqual(["201.K.a", "201.1.1"]);
    } finally {
      await stubStore.close();
    }
  });

  // The same rule as the candidate's card: an observation suggests the claims the mapper marks shown, not the
  // ranking behind them (a stub mapper, so the test says which is which).
  it("an observation suggests only the claims the mapper would show, as the candidate's card does", async () => {
    const stubStore = await openStore("memory://");
    const stubbed = createPortfolio({
      store: stubStore,
      catalogue: loadCatalogue(),
      mapper: (text, options) => {
        const real = mapEvidence(text, options);
        const support = { text, start: 0, end: text.length };
        return {
          ...real,
          isEvidence: true,
          criteria: [
            { id: "201.1.1", unitId: "201", text: "criterion", score: 0.9, support, shown: true },
            { id: "201.1.2", unitId: "201", text: "criterion", score: 0.2, support, shown: false },
          ],
          knowledge: [],
          ranges: [],
        };
      },
    });
    try {
      await stubbed.loadDemoCentre();
      const stubBot = createBotCore({ portfolio: stubbed });
      const r = await stubBot.handle(
        command(PRIYA, { text: "observed Amira: she greeted a customer at the till and checked his order." }),
      );
      const ids = [...JSON.stringify(adaptive(r)).matchAll(/"id":"claim:([^"]+)"/g)].map((m) => m[1]);
      expect(ids).toEqual(["201.1.1"]);
    } finally {
      await stubStore.close();
    }
  });

  it("an action plan made for Amira shows as her next planned assessment in progress", async () => {
    const priya = (await portfolio.personByEmail(PRIYA))?.id as string;
    const amira = (await portfolio.personByEmail(AMIRA))?.id as string;
    const before = await say(AMIRA, "progress");
    expect(words(before)).not.toContain("Next planned assessment");
    await portfolio.makeActionPlan({
      actorId: priya,
      candidateId: amira,
      unitId: "205",
      methods: ["direct_observation"],
      venue: "Shop floor, Leeds",
      plannedAt: "2099-03-02 10:30",
      feedbackArrangements: "Straight after, in the staff room.",
    });
    expect(words(await say(AMIRA, "progress"))).toContain(
      "Next planned assessment: unit 205 with Priya Shah, 02/03/2099 at 10:30 at Shop floor, Leeds. Press Sign on the plan I sent you (or sign it on your portfolio page) to agree it.",
    );
  });
});
