import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TranscriptionFailedError, transcribeAudio } from "../../src/voice/pipeline.ts";
import { type FakeOpenAi, reply, sequence, startFakeOpenAi } from "../helpers/fake-openai.ts";
import { type VoiceFixtures, voiceFixtures } from "./fixtures.ts";
import { appError, type Scratch, scratch } from "./helpers.ts";

const ROUTE = "/v1/audio/transcriptions";
let fx: VoiceFixtures;
let s: Scratch;
let api: FakeOpenAi;

beforeAll(async () => {
  fx = await voiceFixtures();
  s = await scratch();
  api = await startFakeOpenAi();
}, 180_000);
afterEach(() => api.reset());
afterAll(async () => {
  await api.close();
  await s.remove();
});

const note = () => {
  const first = fx.spoken[0];
  if (!first) throw new Error("no fixtures");
  return { path: first.files.m4a, name: "note.m4a", source: first };
};

const config = (timeoutMs = 5000) =>
  s.config({
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: api.baseUrl,
    OPENAI_TRANSCRIBE_MODEL: "whisper-1",
    SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS: String(timeoutMs),
  });

async function failure(timeoutMs?: number) {
  const keptBefore = await s.stored();
  const error = await appError<TranscriptionFailedError>(
    transcribeAudio(note(), config(timeoutMs), { store: true, scratchDir: s.work }),
  );
  expect(error).toBeInstanceOf(TranscriptionFailedError);
  // Nothing is kept from a note that did not become text (no file that no evidence holds), and the message says so.
  expect(await s.stored()).toEqual(keptBefore);
  expect(error.storedPath).toBeUndefined();
  expect(error.message).toMatch(/I didn't keep the recording and nothing was filed\. /);
  expect(error.message).not.toMatch(/saved with your evidence/);
  expect(await s.leftovers()).toEqual([]);
  return error;
}

describe("OpenAI transcription", () => {
  it("sends the decoded 16 kHz WAV with the model and returns the text", async () => {
    api.route("POST", ROUTE, reply.json({ text: "  Saturday was manic.  " }));
    const result = await transcribeAudio(note(), config(), { store: true, scratchDir: s.work });
    expect(result).toMatchObject({ text: "Saturday was manic.", engine: "openai", model: "whisper-1" });
    expect(result.engineVersion).toMatch(/^openai@\d/);
    expect(result.durationSeconds).toBeCloseTo(note().source.seconds, 0);
    expect(result.storedPath).toBeDefined();

    expect(api.requests).toHaveLength(1);
    const request = api.requests[0];
    expect(request?.headers.authorization).toBe("Bearer test-key");
    const body = request?.rawBody ?? Buffer.alloc(0);
    const text = body.toString("latin1");
    expect(text).toMatch(/name="model"\r\n\r\nwhisper-1\r\n/);
    expect(text).toMatch(/name="language"\r\n\r\nen\r\n/);
    expect(text).toMatch(/name="file"; filename="voice-note\.wav"/);
    const riff = body.indexOf("RIFF");
    expect(text.slice(riff + 8, riff + 12)).toBe("WAVE");
    expect(body.readUInt32LE(riff + 24)).toBe(16000); // sample rate in the fmt chunk
    expect(body.readUInt16LE(riff + 22)).toBe(1); // mono
  });

  it("a 400 is not retried and says the service couldn't use the recording", async () => {
    api.route("POST", ROUTE, reply.error(400, "Invalid file format.", "invalid_request_error"));
    const error = await failure();
    expect(error.code).toBe("bad_input");
    expect(error.message).toBe(
      "The transcription service couldn't use this recording (400). I didn't keep the recording and nothing was filed. Record it again, or type your account instead.",
    );
    expect(api.requests).toHaveLength(1);
  });

  it("a 401 points the admin at the key", async () => {
    api.route("POST", ROUTE, reply.error(401, "Incorrect API key provided.", "invalid_request_error"));
    const error = await failure();
    expect(error.code).toBe("config");
    expect(error.message).toMatch(
      /^The transcription service turned down our key \(401\): ask your centre admin/,
    );
    expect(error.message).toMatch(/type your account instead for now\.$/);
  });

  it("a 404 names the model setting", async () => {
    api.route("POST", ROUTE, reply.error(404, "The model does not exist.", "invalid_request_error"));
    const error = await failure();
    expect(error.message).toMatch(/doesn't offer the model "whisper-1" \(404\).*OPENAI_TRANSCRIBE_MODEL/);
  });

  it("a 500 is retried once, then reported", async () => {
    api.route("POST", ROUTE, reply.error(500));
    const error = await failure();
    expect(error.code).toBe("unavailable");
    expect(error.message).toBe(
      "The transcription service had a problem (500). I didn't keep the recording and nothing was filed. Try again in a minute, or type your account instead.",
    );
    expect(api.requests).toHaveLength(2);
  });

  it("a 503 followed by success gives the transcript", async () => {
    api.route("POST", ROUTE, sequence(reply.error(503), reply.json({ text: "I rang her back." })));
    const result = await transcribeAudio(note(), config(), { scratchDir: s.work });
    expect(result.text).toBe("I rang her back.");
    expect(api.requests).toHaveLength(2);
  });

  it("a service that never answers times out with the time stated", async () => {
    api.route("POST", ROUTE, reply.hang());
    const started = performance.now();
    const error = await failure(400);
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(
      /^The transcription service didn't answer within 0\.4 seconds\. I didn't keep the recording and nothing was filed\. Try again in a minute/,
    );
    expect(api.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("an empty transcript asks for the note again", async () => {
    api.route("POST", ROUTE, reply.json({ text: "" }));
    const error = await failure();
    expect(error.message).toMatch(/^We couldn't hear any words in that voice note/);
  });

  it("a reply that is not a transcript is reported, not passed on", async () => {
    api.route("POST", ROUTE, reply.json({ nothing: true }));
    const error = await failure();
    expect(error.message).toMatch(/sent back something that wasn't a transcript/);
  });

  it("is chosen by `auto` when only the key is set, and the platform's transcript wins over it", async () => {
    api.route("POST", ROUTE, reply.json({ text: "from the service" }));
    const withClip = await transcribeAudio({ ...note(), platformTranscript: "from Slack" }, config());
    expect(withClip.engine).toBe("platform");
    const forced = await transcribeAudio({ ...note(), platformTranscript: "from Slack" }, config(), {
      engine: "openai",
    });
    expect(forced).toMatchObject({ engine: "openai", text: "from the service" });
  });
});
