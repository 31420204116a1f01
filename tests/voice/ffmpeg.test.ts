// ffmpeg: finding it, decoding every phone and browser format to 16 kHz mono, and turning bad files into clear errors.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.ts";
import {
  decodeToWav,
  describeSeconds,
  type Ffmpeg,
  findFfmpeg,
  packagedFfmpegPath,
  parseInputInfo,
} from "../../src/voice/ffmpeg.ts";
import { readWavInfo } from "../../src/voice/wav.ts";
import { formats, type VoiceFixtures, voiceFixtures } from "./fixtures.ts";

let fx: VoiceFixtures;
let ffmpeg: Ffmpeg;
let out: string;

beforeAll(async () => {
  fx = await voiceFixtures();
  ffmpeg = await findFfmpeg();
  out = await mkdtemp(join(tmpdir(), "shiftnote-ffmpeg-test-"));
}, 180_000);
afterAll(() => rm(out, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("finding ffmpeg", () => {
  it("prefers the system's ffmpeg", async () => {
    expect(ffmpeg.source).toBe("system");
    expect(ffmpeg.version).not.toBe("");
  });

  it("falls back to the binary shipped in @ffmpeg-installer/ffmpeg when there is none on PATH", async () => {
    expect(packagedFfmpegPath()).toMatch(/@ffmpeg-installer/);
    const packaged = await findFfmpeg({ systemCommand: "shiftnote-no-such-ffmpeg" });
    expect(packaged.source).toBe("package");
    expect(packaged.path).toBe(packagedFfmpegPath());
  });

  it("says how to install ffmpeg when none is available", async () => {
    const error = await rejection(
      findFfmpeg({ systemCommand: "shiftnote-no-such-ffmpeg", usePackage: false }),
    );
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/apt-get install ffmpeg/);
    expect(error.message).toMatch(/type your account instead/);
  });

  it("names SHIFTNOTE_FFMPEG when it points at something that is not ffmpeg", async () => {
    const error = await rejection(findFfmpeg({ configured: "/nonexistent/ffmpeg" }));
    expect(error.code).toBe("config");
    expect(error.message).toMatch(/SHIFTNOTE_FFMPEG is set to "\/nonexistent\/ffmpeg"/);
  });

  it("uses SHIFTNOTE_FFMPEG when it is set", async () => {
    const path = packagedFfmpegPath() as string;
    const configured = await findFfmpeg({ configured: path });
    expect(configured).toMatchObject({ source: "configured", path });
  });
});

describe("reading ffmpeg's description of the input", () => {
  it("finds the container, the stated duration and the audio codec", () => {
    const info = parseInputInfo(`Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.m4a':
  Duration: 00:01:06.13, start: 0.000000, bitrate: 82 kb/s
  Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 22050 Hz, mono, fltp, 80 kb/s (default)
Stream mapping:
  Stream #0:0 -> #0:0 (aac (native) -> pcm_s16le (native))
Output #0, wav, to 'out.wav':
  Stream #0:0: Audio: pcm_s16le, 16000 Hz, mono, s16, 256 kb/s`);
    expect(info).toEqual({
      container: "mov,mp4,m4a,3gp,3g2,mj2",
      durationSeconds: 66.13,
      audioCodec: "aac",
      hasAudio: true,
      hasVideo: false,
    });
  });

  it("tells a picture from a recording, and a missing duration from a zero one", () => {
    const info = parseInputInfo(`Input #0, png_pipe, from 'x.m4a':
  Duration: N/A, bitrate: N/A
  Stream #0:0: Video: png, rgb24(pc), 32x32, 25 fps
Stream map '0:a:0' matches no streams.`);
    expect(info).toEqual({ container: "png_pipe", hasAudio: false, hasVideo: true });
  });

  it("states limits in words", () => {
    expect(describeSeconds(300)).toBe("5 minutes");
    expect(describeSeconds(3)).toBe("3 seconds");
    expect(describeSeconds(90)).toBe("1 minute 30 seconds");
    expect(describeSeconds(7200)).toBe("2 hours");
    expect(describeSeconds(1)).toBe("1 second");
  });
});

describe("decoding", () => {
  const sample = () => fx.spoken.slice(0, 3);

  for (const format of formats)
    it(`decodes ${format} to 16 kHz mono 16-bit PCM of the source's length`, async () => {
      for (const spoken of sample()) {
        const wavPath = join(out, `${spoken.account.id}-${format}.wav`);
        const decoded = await decodeToWav(ffmpeg, spoken.files[format], wavPath, { maxSeconds: 300 });
        const info = await readWavInfo(wavPath);
        expect(info).toMatchObject({ audioFormat: 1, sampleRate: 16000, channels: 1, bitsPerSample: 16 });
        // Encoders pad a little (AAC priming, Opus pre-skip): within a tenth of a second of the source.
        expect(Math.abs(decoded.durationSeconds - spoken.seconds)).toBeLessThan(0.1);
        expect(decoded.durationSeconds).toBeCloseTo(info?.durationSeconds ?? 0, 5);
      }
    });

  it("reads a browser's WebM, whose header states no duration, and still measures it", async () => {
    const spoken = fx.spoken[0];
    if (!spoken) throw new Error("no fixtures");
    const decoded = await decodeToWav(ffmpeg, spoken.files.webm, join(out, "webm-no-duration.wav"), {
      maxSeconds: 300,
    });
    expect(decoded.input.container).toMatch(/webm/);
    expect(decoded.input.durationSeconds).toBeUndefined();
    expect(decoded.input.audioCodec).toBe("opus");
    expect(decoded.durationSeconds).toBeGreaterThan(5);
  });

  it("decodes with the packaged ffmpeg too (m4a and webm/opus)", async () => {
    const packaged = await findFfmpeg({ systemCommand: "shiftnote-no-such-ffmpeg" });
    const spoken = fx.spoken[1];
    if (!spoken) throw new Error("no fixtures");
    for (const format of ["m4a", "webm"] as const) {
      const decoded = await decodeToWav(packaged, spoken.files[format], join(out, `packaged.${format}.wav`), {
        maxSeconds: 300,
      });
      expect(Math.abs(decoded.durationSeconds - spoken.seconds)).toBeLessThan(0.1);
    }
  });
});

describe("bad input", () => {
  const decode = (path: string, maxSeconds = 300) =>
    rejection(decodeToWav(ffmpeg, path, join(out, "bad.wav"), { maxSeconds }));

  it("a text file called .mp3 is not audio we can read", async () => {
    const error = await decode(fx.bad.textAsMp3);
    expect(error.code).toBe("bad_input");
    expect(error.message).toBe(
      "That file isn't audio we can read: it may be damaged, cut short or not a recording at all. Try recording again, or type your account instead.",
    );
  });

  it("a corrupt header (m4a and wav) and a file cut short are damaged", async () => {
    for (const path of [fx.bad.corruptHeaderM4a, fx.bad.corruptHeaderWav, fx.bad.truncatedM4a]) {
      const error = await decode(path);
      expect(error.code).toBe("bad_input");
      expect(error.message).toMatch(/isn't audio we can read: it may be damaged, cut short/);
    }
  });

  it("a picture renamed .m4a and a video without sound are not voice notes", async () => {
    for (const path of [fx.bad.imageAsM4a, fx.bad.videoOnly]) {
      const error = await decode(path);
      expect(error.code).toBe("bad_input");
      expect(error.message).toMatch(/^That file is a picture or a video without sound, not a voice note\./);
    }
  });

  it("a codec no decoder knows is named as an unreadable sound format", async () => {
    const error = await decode(fx.bad.unknownCodecWav);
    expect(error.code).toBe("bad_input");
    expect(error.message).toMatch(/uses a sound format we can't read.*m4a, mp3, ogg, webm or wav/);
  });

  it("a two-hour recording is turned away with the limit stated, without decoding two hours", async () => {
    const started = performance.now();
    const error = await decode(fx.bad.twoHours);
    expect(error.code).toBe("too_large");
    expect(error.message).toBe(
      "That voice note is 2 hours long, and the limit is 5 minutes. Record a shorter one, or type your account instead.",
    );
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it("a recording over a configured limit is turned away, with or without a duration in its header", async () => {
    const spoken = fx.spoken[0];
    if (!spoken) throw new Error("no fixtures");
    const m4a = await decode(spoken.files.m4a, 3);
    expect(m4a.message).toMatch(/^That voice note is 11 seconds long, and the limit is 3 seconds\./);
    const webm = await decode(spoken.files.webm, 3);
    expect(webm.code).toBe("too_large");
    expect(webm.message).toBe(
      "That voice note is longer than the limit of 3 seconds. Record a shorter one, or type your account instead.",
    );
  });

  it("an ffmpeg that runs too long is killed and the message says so", async () => {
    const error = await rejection(
      decodeToWav(ffmpeg, fx.bad.twoHours, join(out, "slow.wav"), { maxSeconds: 10_000, timeoutMs: 1 }),
    );
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/^Reading that voice note took longer than/);
  });

  it("leaves only what it was asked to write", async () => {
    const names = await readdir(out);
    expect(names.every((n) => n.endsWith(".wav"))).toBe(true);
  });
});
