// The LLM mapper against a local fake OpenAI server: what the user sees when the model answers well, badly or not at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LlmConfig, mapEvidenceWithLlm } from "../../src/mapping/llm.ts";
import type { Dropped } from "../../src/mapping/llm-answer.ts";
import { checkPrivacy } from "../../src/mapping/privacy.ts";
import type { MapOptions, MappingResult, SupportingSentence } from "../../src/mapping/types.ts";
import { buildCatalogue, parseCatalogueFile } from "../../src/standards/catalogue.ts";
import { type FakeOpenAi, reply, sequence, startFakeOpenAi } from "../helpers/fake-openai.ts";

const CHAT = "/v1/chat/completions";

// A small catalogue of our own, so these tests do not move when the shipped one is edited.
const unit = (id: string, title: string, criteria: string[], extra: object = {}) => ({
  id,
  icsUnit: null,
  title,
  level: 2,
  theme: null,
  standardsInSeeds: true,
  realisticWorkingEnvironment: "allowed",
  simulation: "not_allowed",
  elements: [
    {
      id: `${id}.1`,
      title: `${title}, element 1`,
      criteria: criteria.map((text, i) => ({ id: `${id}.1.${i + 1}`, text })),
    },
  ],
  sources: ["test"],
  ...extra,
});
const catalogue = buildCatalogue([
  {
    name: "test.json",
    data: parseCatalogueFile("test.json", {
      situations: [
        { id: "busy_period", label: "during a busy period" },
        { id: "let_down", label: "when people, systems or resources let you down" },
      ],
      units: [
        unit("205", "Make customer service personal", [
          "use the cues and information that your customer gives to develop the personal service",
          "make extra efforts to show how willing and able you are to give a more personal service",
          "balance the time you take with one customer with the needs of other customers",
        ]),
        unit(
          "206",
          "Deliver reliable customer service",
          [
            "keep your customer informed if there are delays",
            "apologise when things go wrong",
            "keep calm when the systems let you down",
          ],
          {
            knowledge: [
              { id: "206.K.a", text: "how to deal with delays and failures", guideSections: ["3.2"] },
            ],
            evidenceRequirements: [
              {
                id: "206.ER4",
                text: "deliver service in these situations",
                ranges: [
                  { id: "206.ER4.b", text: "during a busy period", situation: "busy_period" },
                  {
                    id: "206.ER4.d",
                    text: "when people, systems or resources let you down",
                    situation: "let_down",
                  },
                ],
              },
            ],
          },
        ),
        unit("213", "Deal with customer problems", ["spot a problem before the customer does"]),
      ],
    }),
  },
]);

const TEXT =
  "Tuesday lunchtime was manic, twelve people waiting. Mr Adebayo's contactless payment failed three times, " +
  "so I said sorry, kept calm and took his number, 07700 900461, to ring him when the system was back. " +
  "I remembered he collects the football stickers so I put a pack aside for him.";
const OPTIONS: MapOptions = { level: 2, units: ["205", "206"] };

const sentence = (needle: string): SupportingSentence => {
  const start = TEXT.indexOf(needle);
  return { text: needle, start, end: start + needle.length };
};
const S1 = sentence("Tuesday lunchtime was manic, twelve people waiting.");
const S2 = sentence(
  "Mr Adebayo's contactless payment failed three times, so I said sorry, kept calm and took his number, 07700 900461, to ring him when the system was back.",
);
const S3 = sentence("I remembered he collects the football stickers so I put a pack aside for him.");

/** What the offline mapper is taken to have said about TEXT. */
const OFFLINE: MappingResult = {
  isEvidence: true,
  mapper: "offline",
  units: [
    { unitId: "206", title: "Deliver reliable customer service", score: 3, support: S2 },
    { unitId: "205", title: "Make customer service personal", score: 2, support: S3 },
  ],
  criteria: [
    { id: "206.1.2", unitId: "206", text: "apologise when things go wrong", score: 2.5, support: S2 },
    { id: "205.1.1", unitId: "205", text: "use the cues…", score: 1.5, support: S3 },
  ],
  knowledge: [
    {
      id: "206.K.a",
      unitId: "206",
      text: "how to deal with delays",
      score: 1,
      support: S2,
      guideSections: ["3.2"],
    },
  ],
  ranges: [
    {
      id: "206.ER4.b",
      unitId: "206",
      text: "during a busy period",
      situation: "busy_period",
      score: 1,
      support: S1,
    },
  ],
  situations: [{ id: "busy_period", label: "during a busy period", score: 1, support: S1 }],
  privacy: checkPrivacy(TEXT),
  elapsedMs: 1,
};

let api: FakeOpenAi;
beforeAll(async () => {
  api = await startFakeOpenAi();
});
afterEach(() => api.reset());
afterAll(async () => api.close());

const config = (overrides: Partial<LlmConfig> = {}): LlmConfig => ({
  OPENAI_API_KEY: "sk-test",
  OPENAI_BASE_URL: api.baseUrl,
  SHIFTNOTE_LLM_MODEL: "test-model",
  SHIFTNOTE_LLM_TIMEOUT_MS: 2000,
  ...overrides,
});

async function run(overrides: Partial<LlmConfig> = {}, options = OPTIONS, offline = OFFLINE) {
  const dropped: Dropped[] = [];
  const result = await mapEvidenceWithLlm(TEXT, options, config(overrides), {
    offline: () => offline,
    catalogue,
    onDropped: (d) => dropped.push(d),
  });
  return { result, dropped };
}

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
const expectOffline = (result: MappingResult, reason: RegExp) => {
  expect(result.mapper).toBe("offline");
  expect(result.fallbackReason).toMatch(reason);
  expect(ids(result.criteria)).toEqual(ids(OFFLINE.criteria));
  expect(result.units).toEqual(OFFLINE.units);
};

const GOOD = {
  isEvidence: true,
  criteria: [
    { id: "206.1.3", quote: "kept calm", confidence: 0.7 },
    { id: "206.1.2", quote: "so I said sorry", confidence: 0.9 },
    { id: "205.1.2", quote: "I put a pack aside for him", confidence: 0.6 },
    { id: "206.1.1", quote: "to ring him when the system was back", confidence: 0.5 },
  ],
  knowledge: [
    { id: "206.K.a", quote: "[customer's name]'s contactless payment failed three times", confidence: 0.4 },
  ],
  ranges: [
    { id: "206.ER4.b", quote: "Tuesday lunchtime was manic", confidence: 0.8 },
    { id: "206.ER4.d", quote: "payment failed three times", confidence: 0.7 },
  ],
};

describe("mapEvidenceWithLlm", () => {
  it("uses a good answer: re-ranked, completed from the top units, every quote found in the text", async () => {
    api.route("POST", CHAT, reply.chatJson(GOOD));
    const { result, dropped } = await run();

    expect(result.mapper).toBe("llm");
    expect(result.fallbackReason).toBeUndefined();
    expect(result.isEvidence).toBe(true);
    // Ranked by the model's confidence, including criteria the offline mapper had not suggested.
    expect(ids(result.criteria)).toEqual(["206.1.2", "206.1.3", "205.1.2", "206.1.1"]);
    expect(result.criteria[0]?.text).toBe("apologise when things go wrong");
    expect(result.units.map((u) => u.unitId)).toEqual(["206", "205"]);
    expect(result.units[0]?.title).toBe("Deliver reliable customer service");
    expect(ids(result.ranges)).toEqual(["206.ER4.b", "206.ER4.d"]);
    expect(result.ranges[1]?.situation).toBe("let_down");
    expect(result.knowledge[0]?.guideSections).toEqual(["3.2"]);
    for (const s of [...result.criteria, ...result.knowledge, ...result.ranges])
      expect(TEXT.slice(s.support.start, s.support.end)).toBe(s.support.text);
    // The model saw the redacted text; its quote maps back onto the candidate's own words.
    expect(result.knowledge[0]?.support.text).toBe("Mr Adebayo's contactless payment failed three times");
    expect(result.situations).toEqual(OFFLINE.situations);
    expect(result.privacy).toEqual(OFFLINE.privacy);
    expect(dropped).toEqual([{ unknownIds: [], invented: [] }]);
  });

  it("asks for structured output with the registered units' candidates and the redacted text only", async () => {
    api.route("POST", CHAT, reply.chatJson(GOOD));
    await run();
    expect(api.requests).toHaveLength(1);
    const request = api.requests[0];
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    const body = request?.json as {
      model: string;
      response_format: { type: string; json_schema: { strict: boolean; schema: object } };
      messages: Array<{ content: string }>;
    };
    expect(body.model).toBe("test-model");
    expect(body.response_format.type).toBe("json_schema");
    expect(body.response_format.json_schema.strict).toBe(true);
    const sent = body.messages.map((m) => m.content).join("\n");
    expect(sent).not.toContain("Adebayo");
    expect(sent).not.toContain("07700 900461");
    expect(sent).toContain("[customer's name]");
    const question = JSON.parse(body.messages[1]?.content ?? "{}");
    expect(question.candidates.criteria.map((c: { id: string }) => c.id).sort()).toEqual([
      "205.1.1",
      "205.1.2",
      "205.1.3",
      "206.1.1",
      "206.1.2",
      "206.1.3",
    ]);
    expect(question.candidates.ranges.map((r: { id: string }) => r.id)).toEqual(["206.ER4.b", "206.ER4.d"]);
  });

  it("falls back when the model's content is not JSON", async () => {
    api.route("POST", CHAT, reply.chat('{"isEvidence": true, "criteria": [{"id": "206.1.2", "quo'));
    expectOffline((await run()).result, /not valid JSON/);
  });

  it("falls back when the HTTP body itself is broken, or the JSON has the wrong shape", async () => {
    api.route("POST", CHAT, reply.malformedBody());
    expectOffline((await run()).result, /reply that is not JSON/);
    api.route("POST", CHAT, reply.chatJson({ isEvidence: "yes", criteria: "206.1.2" }));
    expectOffline((await run()).result, /expected shape/);
  });

  it("drops ids that are unknown or not offered, and falls back when nothing is left", async () => {
    api.route(
      "POST",
      CHAT,
      reply.chatJson({
        ...GOOD,
        criteria: [
          { id: "206.9.9", quote: "so I said sorry", confidence: 0.99 },
          { id: "213.1.1", quote: "kept calm", confidence: 0.95 },
          { id: "206.1.2", quote: "so I said sorry", confidence: 0.9 },
        ],
        ranges: [{ id: "999.ER1.a", quote: "Tuesday lunchtime was manic", confidence: 0.9 }],
      }),
    );
    const { result, dropped } = await run();
    expect(result.mapper).toBe("llm");
    expect(ids(result.criteria)).toEqual(["206.1.2"]);
    expect(result.ranges).toEqual([]);
    expect(dropped[0]?.unknownIds).toEqual(["206.9.9", "213.1.1", "999.ER1.a"]);

    api.route(
      "POST",
      CHAT,
      reply.chatJson({
        isEvidence: true,
        criteria: [{ id: "301.1.1", quote: "kept calm", confidence: 1 }],
        knowledge: [],
        ranges: [],
      }),
    );
    expectOffline((await run()).result, /none of the language model's suggestions/);
  });

  it("drops invented quotes: keeps the offline sentence where there is one, drops new suggestions without one", async () => {
    api.route(
      "POST",
      CHAT,
      reply.chatJson({
        isEvidence: true,
        criteria: [
          { id: "206.1.2", quote: "I apologised profusely and offered a voucher", confidence: 0.9 },
          { id: "206.1.1", quote: "I told him it would take ten minutes", confidence: 0.8 },
          { id: "205.1.2", quote: "  i PUT a pack\n aside for him.  ", confidence: 0.7 },
        ],
        knowledge: [],
        ranges: [],
      }),
    );
    const { result, dropped } = await run();
    expect(result.mapper).toBe("llm");
    expect(ids(result.criteria)).toEqual(["206.1.2", "205.1.2"]);
    expect(result.criteria[0]?.support).toEqual(S2);
    expect(result.criteria[1]?.support.text).toBe("I put a pack aside for him");
    expect(dropped[0]?.invented).toEqual([
      "I apologised profusely and offered a voucher",
      "I told him it would take ten minutes",
    ]);
  });

  it("falls back on HTTP 429 without retrying", async () => {
    api.route("POST", CHAT, reply.error(429, "Rate limit reached", "requests", "rate_limit_exceeded"));
    expectOffline((await run()).result, /busy or over its quota \(HTTP 429\)/);
    expect(api.requests).toHaveLength(1);
  });

  it("falls back on HTTP 500 without retrying", async () => {
    api.route("POST", CHAT, reply.error(500));
    expectOffline((await run()).result, /service had an error \(HTTP 500\)/);
    expect(api.requests).toHaveLength(1);
  });

  it("falls back when the model hangs past the timeout, within about the timeout", async () => {
    api.route("POST", CHAT, reply.hang());
    const started = performance.now();
    const { result } = await run({ SHIFTNOTE_LLM_TIMEOUT_MS: 300 });
    const took = performance.now() - started;
    expectOffline(result, /did not answer within 0\.3 s/);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(5000);
  });

  it("falls back when the answer would only come after the timeout", async () => {
    api.route("POST", CHAT, reply.delay(1500, reply.chatJson(GOOD)));
    expectOffline((await run({ SHIFTNOTE_LLM_TIMEOUT_MS: 300 })).result, /did not answer within/);
  });

  it("does not call the model without a key, or for text that is not evidence", async () => {
    api.route("POST", CHAT, reply.chatJson(GOOD));
    expectOffline((await run({ OPENAI_API_KEY: undefined })).result, /no OpenAI key/);
    const chat: MappingResult = {
      ...OFFLINE,
      isEvidence: false,
      units: [],
      criteria: [],
      knowledge: [],
      ranges: [],
    };
    const { result } = await run({}, OPTIONS, chat);
    expect(result.mapper).toBe("offline");
    expect(result.isEvidence).toBe(false);
    expect(api.requests).toHaveLength(0);
  });

  it("reports the model's judgement that a text is not evidence", async () => {
    api.route("POST", CHAT, reply.chatJson({ isEvidence: false, criteria: [], knowledge: [], ranges: [] }));
    const { result } = await run();
    expect(result.mapper).toBe("llm");
    expect(result.isEvidence).toBe(false);
    expect(result.criteria).toEqual([]);
    expect(result.reason).toMatch(/not an account of your work/);
  });

  it("falls back when the model refuses, or its answer is cut off", async () => {
    api.route(
      "POST",
      CHAT,
      sequence(
        reply.chat(null, { refusal: "I can't help with that." }),
        reply.chat("{", { finishReason: "length" }),
      ),
    );
    expectOffline((await run()).result, /declined/);
    expectOffline((await run()).result, /cut off/);
  });

  it("re-ranks the real offline mapper's candidates against the shipped catalogue", async () => {
    // The fake confirms the first two criteria it was offered, quoting words that are in the text.
    api.route("POST", CHAT, (request) => {
      const body = request.json as { messages: Array<{ content: string }> };
      const question = JSON.parse(body.messages[1]?.content ?? "{}");
      const offered = question.candidates.criteria.slice(0, 2) as Array<{ id: string }>;
      return reply.chatJson({
        isEvidence: true,
        criteria: offered.map((c, i) => ({ id: c.id, quote: "said sorry", confidence: 0.9 - i / 10 })),
        knowledge: [],
        ranges: [],
      });
    });
    const result = await mapEvidenceWithLlm(TEXT, { level: 2 }, config());
    expect(api.requests).toHaveLength(1);
    expect(result.mapper).toBe("llm");
    expect(result.criteria).toHaveLength(2);
    for (const c of result.criteria) expect(c.support).toEqual(sentence("said sorry"));
  });
});
