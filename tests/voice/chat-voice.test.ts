// Voice notes through the chat core with the real pipeline: what the candidate is told, and no recording left unheld.
import { readFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBotCore } from "../../src/bot/core.ts";
import type { BotCommand, BotCore } from "../../src/bot/types.ts";
import { slackFallbackText } from "../../src/cards/index.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { chatTranscriber } from "../../src/voice/chat-transcriber.ts";
import { type FakeOpenAi, reply, startFakeOpenAi } from "../helpers/fake-openai.ts";
import { type VoiceFixtures, voiceFixtures } from "./fixtures.ts";
import { type Scratch, scratch } from "./helpers.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const ROUTE = "/v1/audio/transcriptions";
const ACCOUNT =
  "Saturday afternoon was heaving and the card reader kept freezing, so an older gentleman at my till got cross about waiting. " +
  "I said sorry, told him what was going on and asked my supervisor whether I could put the payment through on the other till. " +
  "She agreed, I walked him over so he didn't lose his place, and he left smiling and thanked me.";

let fx: VoiceFixtures;
let s: Scratch;
let api: FakeOpenAi;
let store: Store;
let portfolio: Portfolio;
let sequence = 0;

beforeAll(async () => {
  fx = await voiceFixtures();
  s = await scratch();
  api = await startFakeOpenAi();
  store = await openStore("memory://");
  portfolio = createPortfolio({
    store,
    catalogue: loadCatalogue(),
    mapper: (text, options) => mapEvidence(text, options),
  });
  await portfolio.loadDemoCentre();
}, 180_000);
afterEach(() => api.reset());
afterAll(async () => {
  await api.close();
  await store.close();
  await s.remove();
});

const bot = (env: Record<string, string> = {}): BotCore =>
  createBotCore({ portfolio, transcribe: chatTranscriber(s.config(env), { scratchDir: s.work }) });

async function voiceNote(core: BotCore, platformTranscript?: string) {
  const first = fx.spoken[0];
  if (!first) throw new Error("no fixtures");
  const command: BotCommand = {
    channel: "web",
    actor: { channel: "web", userId: AMIRA, email: AMIRA },
    conversationId: "c-voice",
    text: "",
    eventId: `voice-${++sequence}`,
    files: [
      {
        name: "note.m4a",
        mimeType: "audio/mp4",
        bytes: new Uint8Array(await readFile(first.files.m4a)),
        ...(platformTranscript ? { platformTranscript } : {}),
      },
    ],
  };
  const result = await core.handle(command);
  return result.replies.map((r) => r.text ?? (r.card ? slackFallbackText(r.card.view) : "")).join("\n");
}

const evidenceOfAmira = async () => {
  const amira = await store.people.byEmail(AMIRA);
  return store.evidence.ofCandidate(amira?.id ?? "");
};

/** Every file in the files area is held by some evidence: nothing is kept that nobody can reach or erase. */
async function expectNoOrphans() {
  const held = new Set((await evidenceOfAmira()).map((e) => e.audioPath).filter(Boolean));
  for (const file of await s.stored()) expect(held, `${file} is held by no evidence`).toContain(file);
}

describe("a voice note that cannot be turned into text", () => {
  it("with no engine set up: says nothing was filed, names the settings, keeps no file", async () => {
    const before = (await evidenceOfAmira()).length;
    const said = await voiceNote(bot({ SHIFTNOTE_TRANSCRIBE_ENGINE: "auto" }));
    expect(said).toMatch(/nothing was filed/);
    expect(said).toMatch(/OPENAI_API_KEY or SHIFTNOTE_WHISPER_MODEL/);
    expect(said).toMatch(/type your account/);
    expect(said).not.toMatch(/saved with your evidence/);
    expect(await evidenceOfAmira()).toHaveLength(before);
    await expectNoOrphans();
  });

  it.each([
    ["failing", () => api.route("POST", ROUTE, reply.error(500)), /had a problem \(500\)/],
    ["answering nonsense", () => api.route("POST", ROUTE, reply.malformedBody()), /something/],
  ])("with the engine %s: a plain message, no parser text, no file", async (_name, arrange, words) => {
    arrange();
    const said = await voiceNote(bot({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: api.baseUrl }));
    expect(said).toMatch(words);
    expect(said).toMatch(/nothing was filed/);
    expect(said).not.toMatch(/JSON|Unexpected|token|position|undefined/);
    await expectNoOrphans();
  });

  it("with words that are not an account: nothing filed, the recording dropped", async () => {
    const said = await voiceNote(
      bot({ SHIFTNOTE_TRANSCRIBE_ENGINE: "platform" }),
      "Can I swap my Friday shift?",
    );
    expect(said).toMatch(/haven't filed anything/);
    await expectNoOrphans();
  });
});

describe("a voice note that becomes a draft", () => {
  it("keeps the recording with the evidence that holds it", async () => {
    const said = await voiceNote(bot({ SHIFTNOTE_TRANSCRIBE_ENGINE: "platform" }), ACCOUNT);
    expect(said).not.toMatch(/nothing was filed/);
    const filed = (await evidenceOfAmira()).at(-1);
    expect(filed?.source).toBe("voice");
    expect(await s.stored()).toEqual([filed?.audioPath]);
    await expectNoOrphans();
  });
});
