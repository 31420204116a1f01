// The offline whisper.cpp engine: why it is unavailable, a bad model reported without harming the bot, and, where a
// model file exists, real transcription.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../src/app/config.ts";
import { chooseEngine } from "../../src/voice/engines/choose.ts";
import {
  checkWhisperModel,
  WHISPER_NOT_INSTALLED,
  whisperBindingVersion,
  whisperEngine,
} from "../../src/voice/engines/whisper.ts";
import { TranscriptionFailedError, transcribeAudio } from "../../src/voice/pipeline.ts";
import { wordErrors } from "../../src/voice/wer.ts";
import { type VoiceFixtures, voiceFixtures } from "./fixtures.ts";
import { appError, type Scratch, scratch } from "./helpers.ts";
import { writeToyWhisperModel } from "./toy-whisper-model.ts";

let fx: VoiceFixtures;
let s: Scratch;

beforeAll(async () => {
  fx = await voiceFixtures();
  s = await scratch();
}, 180_000);
afterAll(() => s.remove());

const engine = (model?: string) =>
  whisperEngine(configSchema.parse(model ? { SHIFTNOTE_WHISPER_MODEL: model } : {}));

/** A file with whisper's ggml magic number and the given hyperparameters, and nothing after them. */
async function fakeModel(name: string, hparams: number[]): Promise<string> {
  const head = Buffer.alloc(48);
  head.writeUInt32LE(0x67676d6c, 0);
  hparams.forEach((v, i) => {
    head.writeInt32LE(v, 4 + 4 * i);
  });
  const path = join(s.work, "..", name);
  await writeFile(path, head);
  return path;
}
const TINY_HPARAMS = [51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1];

// The binding is an opt-in install (`npm run whisper:install`): the tests that run whisper.cpp need it.
const binding = whisperBindingVersion();
if (!binding)
  console.info(
    "whisper.test.ts: skipping the tests that run whisper.cpp: @fugood/whisper.node is not installed (it is opt-in; `npm run whisper:install` adds it).",
  );

describe("whisper.cpp engine availability", () => {
  it.skipIf(!binding)("names the installed binding", () => {
    expect(binding).toMatch(/^\d+\.\d+\.\d+/);
    expect(engine("/x/ggml-base.en.bin")).toMatchObject({
      version: expect.stringMatching(/^@fugood\/whisper\.node@/),
    });
  });

  it("without the binding, says in one line what to run", async () => {
    const model = await fakeModel("absent-binding.bin", TINY_HPARAMS);
    const absent = whisperEngine(configSchema.parse({ SHIFTNOTE_WHISPER_MODEL: model }), {
      bindingVersion: () => undefined,
    });
    expect(absent.version).toBeUndefined();
    const reason = await absent.available();
    expect(reason).toBe(WHISPER_NOT_INSTALLED);
    expect(reason).toMatch(/`npm run whisper:install`/);
    expect(String(reason)).not.toMatch(/\n/);
    const error = await appError(absent.transcribe({ wavPath: "/x.wav", durationSeconds: 1 }));
    expect(error.code).toBe("config");
    expect(error.message).toBe(
      "Offline transcription isn't set up: its whisper.cpp binding (@fugood/whisper.node) isn't installed: run `npm run whisper:install` in the Shiftnote folder, then start Shiftnote again.",
    );
  });

  it("without the binding, a voice note's reply says so, not that the model is broken", async () => {
    const model = await fakeModel("absent-binding-2.bin", TINY_HPARAMS);
    const error = await appError(
      chooseEngine("whisper", s.config({ SHIFTNOTE_WHISPER_MODEL: model }), undefined, {
        bindingVersion: () => undefined,
      }),
    );
    expect(error.message).toBe(
      "The offline (whisper.cpp) transcription isn't available: its whisper.cpp binding (@fugood/whisper.node) isn't installed: run `npm run whisper:install` in the Shiftnote folder, then start Shiftnote again.",
    );
  });

  it("says the model is not set", async () => {
    expect(await engine().available()).toMatch(/^SHIFTNOTE_WHISPER_MODEL is not set/);
  });

  it("says there is no file at the model path", async () => {
    expect(await engine("/nonexistent/ggml-base.en.bin").available()).toBe(
      "there is no readable file at /nonexistent/ggml-base.en.bin (SHIFTNOTE_WHISPER_MODEL)",
    );
  });

  it("says a file that is not a ggml model is not one", async () => {
    const path = join(s.work, "..", "not-a-model.bin");
    await writeFile(path, "definitely not a model");
    expect(await checkWhisperModel(path)).toMatch(/is not a whisper\.cpp model file \(a ggml \.bin/);
  });

  it("refuses a model whose header whisper.cpp would abort on", async () => {
    // All-zero hyperparameters make whisper.cpp abort the whole process ("double free or corruption").
    const path = await fakeModel("zero-hparams.bin", new Array(11).fill(0));
    expect(await checkWhisperModel(path)).toMatch(/its header is damaged$/);
    expect(await checkWhisperModel(await fakeModel("tiny-header.bin", TINY_HPARAMS))).toBe(true);
  });

  it.skipIf(!binding)(
    "reports a model that will not load, and the bot carries on (whisper runs in its own process)",
    async () => {
      const first = fx.spoken[0];
      if (!first) throw new Error("no fixtures");
      const model = await fakeModel("truncated.bin", TINY_HPARAMS);
      const error = await appError<TranscriptionFailedError>(
        transcribeAudio(
          { path: first.files.m4a, name: "note.m4a" },
          s.config({ SHIFTNOTE_WHISPER_MODEL: model }),
          {
            store: true,
            scratchDir: s.work,
          },
        ),
      );
      expect(error).toBeInstanceOf(TranscriptionFailedError);
      expect(error.code).toBe("config");
      expect(error.message).toMatch(
        /^The offline transcription model truncated\.bin could not be used \(.+\): ask your centre admin to check SHIFTNOTE_WHISPER_MODEL\. Your voice note is saved with your evidence, so type your account instead for now\.$/,
      );
      expect(error.storedPath).toBeDefined();
      expect(await s.leftovers()).toEqual([]);
    },
  );

  it.skipIf(!binding)(
    "reports a model whisper.cpp loads but cannot transcribe with at once, not after the timeout",
    async () => {
      const first = fx.spoken[0];
      if (!first) throw new Error("no fixtures");
      const model = join(s.work, "..", "toy.bin");
      await writeToyWhisperModel(model);
      const started = performance.now();
      const error = await appError<TranscriptionFailedError>(
        transcribeAudio(
          { path: first.files.ogg, name: "note.ogg" },
          s.config({ SHIFTNOTE_WHISPER_MODEL: model }),
          {
            engine: "whisper",
            scratchDir: s.work,
          },
        ),
      );
      expect(error.message).toMatch(
        /^The offline transcription model toy\.bin could not be used \(whisper\.cpp stopped without a transcript\)/,
      );
      expect(performance.now() - started).toBeLessThan(30_000); // the engine's time limit is 60 s
    },
  );
});

// No Whisper weights can be downloaded on this project's machines: this part runs where a model file is provided.
const model = process.env.SHIFTNOTE_TEST_WHISPER_MODEL ?? process.env.SHIFTNOTE_WHISPER_MODEL;
const haveModel = Boolean(model && existsSync(model) && binding);
if (!haveModel && binding)
  console.info(
    "whisper.test.ts: skipping real whisper.cpp transcription: no model file (set SHIFTNOTE_TEST_WHISPER_MODEL to a ggml model such as ggml-base.en.bin; none can be downloaded here).",
  );

describe.skipIf(!haveModel)("whisper.cpp transcription with a real model", () => {
  it("transcribes spoken accounts with a word error rate under 0.5", { timeout: 300_000 }, async () => {
    const config = s.config({ SHIFTNOTE_WHISPER_MODEL: model as string });
    for (const spoken of fx.spoken.slice(0, 3)) {
      const result = await transcribeAudio({ path: spoken.files.m4a, name: "note.m4a" }, config, {
        engine: "whisper",
      });
      expect(result.engine).toBe("whisper");
      expect(wordErrors(spoken.account.text, result.text).wer).toBeLessThan(0.5);
    }
  });
});
