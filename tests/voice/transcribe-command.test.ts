// `shiftnote transcribe` as a person runs it: the transcript on standard output, one clear line on bad input.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAi, reply, startFakeOpenAi } from "../helpers/fake-openai.ts";
import { type VoiceFixtures, voiceFixtures } from "./fixtures.ts";

const bin = join(import.meta.dirname, "../../bin/shiftnote.js");
let fx: VoiceFixtures;
let api: FakeOpenAi;

beforeAll(async () => {
  fx = await voiceFixtures();
  api = await startFakeOpenAi();
}, 180_000);
afterAll(() => api.close());

/** Runs the CLI with a clean voice configuration plus `env`; never rejects. */
async function run(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(OPENAI_|SHIFTNOTE_)/.test(k)),
  ) as Record<string, string>;
  try {
    const r = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...base, ...env },
      timeout: 60_000,
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

const first = () => {
  const spoken = fx.spoken[0];
  if (!spoken) throw new Error("no fixtures");
  return spoken;
};

describe("shiftnote transcribe", { timeout: 90_000 }, () => {
  it("prints the transcript, with what did it on standard error", async () => {
    const r = await run(["transcribe", first().files.m4a, "--transcript", "I rang her back."]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("I rang her back.\n");
    expect(r.err).toMatch(/^\(11\.\d s of audio, transcribed by platform in \d+\.\d s\)$/m);
  });

  it("uses the OpenAI-compatible service the environment names, and --json gives the details", async () => {
    api.route("POST", "/v1/audio/transcriptions", reply.json({ text: "Saturday was manic." }));
    const env = { OPENAI_API_KEY: "k", OPENAI_BASE_URL: api.baseUrl };
    const r = await run(["transcribe", first().files.webm, "--engine", "openai", "--json"], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      text: "Saturday was manic.",
      engine: "openai",
      model: "gpt-4o-mini-transcribe",
    });
  });

  it("answers bad input in one line, exit code 2, no stack trace", async () => {
    const r = await run(["transcribe", fx.bad.imageAsM4a, "--transcript", "x"]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual([
      "That file is a picture or a video without sound, not a voice note. Try recording again, or type your account instead.",
    ]);
    const limit = await run(["transcribe", first().files.ogg], { SHIFTNOTE_VOICE_MAX_SECONDS: "3" });
    expect(limit.err).toMatch(/the limit is 3 seconds/);
  });

  it("answers bad usage with the usage", async () => {
    const r = await run(["transcribe", first().files.m4a, "--engine", "telepathy"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--engine must be one of auto, openai, platform, whisper/);
    expect(r.err).toMatch(/Usage:/);
  });

  it("--check says which engines can run here and why not", async () => {
    const r = await run(["transcribe", "--check"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ffmpeg +✓ /m);
    expect(r.out).toMatch(/^openai +✗ OPENAI_API_KEY is not set$/m);
    expect(r.out).toMatch(/^whisper +✗ SHIFTNOTE_WHISPER_MODEL is not set/m);
    expect(r.out).toMatch(/voice notes up to 5 minutes/);
  });
});

describe("shiftnote map --audio", { timeout: 90_000 }, () => {
  it("maps what the voice note says", async () => {
    const spoken = first();
    api.route("POST", "/v1/audio/transcriptions", reply.json({ text: spoken.account.text }));
    const env = { OPENAI_API_KEY: "k", OPENAI_BASE_URL: api.baseUrl };
    const r = await run(["map", "--audio", spoken.files.m4a, "--level", "2", "--json"], env);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as {
      isEvidence: boolean;
      criteria: Array<{ support: { text: string } }>;
    };
    expect(result.isEvidence).toBe(true);
    expect(result.criteria.length).toBeGreaterThan(0);
    expect(spoken.account.text).toContain(result.criteria[0]?.support.text);
  });

  it("says plainly when the recording is no good", async () => {
    const r = await run(["map", "--audio", fx.bad.textAsMp3], {
      OPENAI_API_KEY: "k",
      OPENAI_BASE_URL: api.baseUrl,
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^That file isn't audio we can read/);
  });
});
