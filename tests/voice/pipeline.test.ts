// The voice pipeline end to end: bad input stored nowhere, good input kept, the platform transcript, no engine set up.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TranscriptionFailedError, transcribeAudio } from "../../src/voice/pipeline.ts";
import { audioExtension } from "../../src/voice/storage.ts";
import { type VoiceFixtures, voiceFixtures } from "./fixtures.ts";
import { appError, type Scratch, scratch } from "./helpers.ts";

let fx: VoiceFixtures;
let s: Scratch;

beforeAll(async () => {
  fx = await voiceFixtures();
  s = await scratch();
}, 180_000);
afterAll(() => s.remove());

const spoken = () => {
  const first = fx.spoken[0];
  if (!first) throw new Error("no fixtures");
  return first;
};

describe("bad input: a clear AppError and nothing kept", () => {
  const cases: Array<[string, () => string, RegExp, number?]> = [
    ["a text file called .mp3", () => fx.bad.textAsMp3, /^That file isn't audio we can read/],
    ["a zero-byte file", () => fx.bad.empty, /^That recording is empty \(0 bytes\)\. Record it again/],
    ["a corrupt header", () => fx.bad.corruptHeaderM4a, /^That file isn't audio we can read/],
    ["a picture", () => fx.bad.imageAsM4a, /^That file is a picture or a video without sound/],
    ["a video without sound", () => fx.bad.videoOnly, /^That file is a picture or a video without sound/],
    ["an unknown codec", () => fx.bad.unknownCodecWav, /^That recording uses a sound format we can't read/],
    [
      "a two-hour recording",
      () => fx.bad.twoHours,
      /^That voice note is 2 hours long, and the limit is 5 minutes/,
    ],
    [
      "a recording over a 3-second limit",
      () => spoken().files.m4a,
      /^That voice note is 11 seconds long, and the limit is 3 seconds/,
      3,
    ],
  ];
  for (const [what, path, message, limit] of cases)
    it(what, async () => {
      const config = s.config({ SHIFTNOTE_VOICE_MAX_SECONDS: String(limit ?? 300) });
      const file = path();
      const error = await appError(
        transcribeAudio({ path: file, name: file, platformTranscript: "anything" }, config, {
          store: true,
          scratchDir: s.work,
        }),
      );
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/type your account instead\.$/);
      expect(error).not.toBeInstanceOf(TranscriptionFailedError);
      expect(await s.stored()).toEqual([]);
      expect(await s.leftovers()).toEqual([]);
    });

  it("bytes with nothing in them, and no file at a path", async () => {
    const config = s.config();
    const empty = await appError(transcribeAudio({ bytes: new Uint8Array(), name: "clip.webm" }, config));
    expect(empty.message).toMatch(/^That recording is empty/);
    const missing = await appError(
      transcribeAudio({ path: "/nonexistent/note.m4a", name: "note.m4a" }, config),
    );
    expect(missing.code).toBe("not_found");
    expect(await s.stored()).toEqual([]);
  });
});

describe("good input", () => {
  it("uses the platform's transcript, keeps the original under its hash, and reports the length", async () => {
    const config = s.config();
    const transcript = "Saturday was manic and the card machine kept freezing.";
    const result = await transcribeAudio(
      {
        path: spoken().files.m4a,
        name: "Voice clip.m4a",
        mimeType: "audio/mp4",
        platformTranscript: transcript,
      },
      config,
      { store: true, scratchDir: s.work },
    );
    expect(result.text).toBe(transcript);
    expect(result.engine).toBe("platform");
    expect(result.durationSeconds).toBeCloseTo(spoken().seconds, 0);
    expect(result.storedKey).toMatch(/^audio\/[0-9a-f]{2}\/[0-9a-f]{64}\.m4a$/);
    expect(await readFile(result.storedPath as string)).toEqual(await readFile(spoken().files.m4a));
    expect(await s.leftovers()).toEqual([]);

    // The same clip again (a Slack retry) is kept once.
    const again = await transcribeAudio(
      { bytes: await readFile(spoken().files.m4a), name: "Voice clip.m4a", platformTranscript: transcript },
      config,
      { store: true, scratchDir: s.work },
    );
    expect(again.storedKey).toBe(result.storedKey);
    expect(await s.stored()).toEqual([result.storedKey]);
  });

  it("still uses the platform's transcript on a machine without ffmpeg", async () => {
    const result = await transcribeAudio(
      { path: spoken().files.webm, name: "clip.webm", platformTranscript: "  I rang her back.  " },
      s.config(),
      { ffmpeg: { systemCommand: "shiftnote-no-such-ffmpeg", usePackage: false }, scratchDir: s.work },
    );
    expect(result).toMatchObject({ text: "I rang her back.", engine: "platform", durationSeconds: null });
  });

  it("without ffmpeg and without a transcript, says how to get ffmpeg", async () => {
    const error = await appError(
      transcribeAudio({ path: spoken().files.webm, name: "clip.webm" }, s.config({ OPENAI_API_KEY: "k" }), {
        ffmpeg: { systemCommand: "shiftnote-no-such-ffmpeg", usePackage: false },
      }),
    );
    expect(error.message).toMatch(/Voice notes need ffmpeg.*apt-get install ffmpeg/);
  });
});

describe("no engine can run: the recording is kept and the reply says so", () => {
  it("with nothing set up", async () => {
    const keptBefore = await s.stored();
    const error = await appError<TranscriptionFailedError>(
      transcribeAudio({ path: spoken().files.ogg, name: "note.ogg" }, s.config(), {
        store: true,
        scratchDir: s.work,
      }),
    );
    expect(error).toBeInstanceOf(TranscriptionFailedError);
    expect(error.code).toBe("config");
    expect(error.message).toBe(
      "Voice notes can't be turned into text here yet: no transcription service is set up (ask your centre admin to set OPENAI_API_KEY or SHIFTNOTE_WHISPER_MODEL). I didn't keep the recording and nothing was filed. Please type your account instead for now.",
    );
    expect(await s.stored()).toEqual(keptBefore);
  });

  it("with the platform engine asked for and no transcript", async () => {
    const error = await appError(
      transcribeAudio({ path: spoken().files.ogg, name: "note.ogg" }, s.config(), { engine: "platform" }),
    );
    expect(error.message).toMatch(
      /^The platform transcript isn't available: no transcript came with this file/,
    );
  });

  it("with a whisper model set that is not there: no fall-back to sending audio out", async () => {
    const error = await appError(
      transcribeAudio(
        { path: spoken().files.ogg, name: "note.ogg" },
        s.config({ SHIFTNOTE_WHISPER_MODEL: "/nonexistent/ggml-base.en.bin", OPENAI_API_KEY: "k" }),
      ),
    );
    expect(error.message).toMatch(/^The offline \(whisper\.cpp\) transcription isn't available: there is no/);
  });
});

describe("file names", () => {
  it("takes the extension from the name, else the MIME type, else bin", () => {
    expect(audioExtension("Voice note.M4A")).toBe("m4a");
    expect(audioExtension("clip", "audio/webm;codecs=opus")).toBe("webm");
    expect(audioExtension("../../etc/passwd")).toBe("bin");
    expect(audioExtension("x.weird-ext!", "application/octet-stream")).toBe("bin");
  });
});
