// Finds ffmpeg and decodes a phone or browser recording to 16 kHz mono 16-bit WAV, within a duration limit.
import { createRequire } from "node:module";
import { AppError } from "../core/errors.ts";
import { runBounded } from "./child.ts";
import { readWavInfo } from "./wav.ts";

export interface Ffmpeg {
  path: string;
  /** Where it came from: SHIFTNOTE_FFMPEG, the system's PATH, or the binary in @ffmpeg-installer/ffmpeg. */
  source: "configured" | "system" | "package";
  version: string;
}

export interface FindFfmpegOptions {
  /** SHIFTNOTE_FFMPEG: when set, it is the only one tried. */
  configured?: string | undefined;
  /** The command looked up on PATH; tests change it to simulate a machine without ffmpeg. */
  systemCommand?: string;
  /** Whether to fall back to the binary shipped in @ffmpeg-installer/ffmpeg (default true). */
  usePackage?: boolean;
}

const NO_FFMPEG =
  "Voice notes need ffmpeg, which isn't installed here: ask your centre admin to install it (`apt-get install ffmpeg`) or to set SHIFTNOTE_FFMPEG to its path. For now, type your account instead.";

/** The ffmpeg binary inside @ffmpeg-installer/ffmpeg's per-platform package, if this platform has one. */
export function packagedFfmpegPath(): string | undefined {
  try {
    const mod = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path?: string };
    return mod.path;
  } catch {
    return undefined; // not installed, or no binary for this platform (the package throws a string)
  }
}

async function probeVersion(path: string): Promise<string | undefined> {
  const run = await runBounded(path, ["-hide_banner", "-version"], { timeoutMs: 10_000 });
  if (run.code !== 0) return undefined;
  return /ffmpeg version (\S+)/.exec(run.stdout)?.[1] ?? "unknown";
}

const found = new Map<string, Ffmpeg>();

/** Finds a working ffmpeg: SHIFTNOTE_FFMPEG, else `ffmpeg` on PATH, else the packaged one. Throws an AppError. */
export async function findFfmpeg(options: FindFfmpegOptions = {}): Promise<Ffmpeg> {
  const key = JSON.stringify(options);
  const cached = found.get(key);
  if (cached) return cached;
  const candidates: Array<Pick<Ffmpeg, "path" | "source">> = [];
  if (options.configured) candidates.push({ path: options.configured, source: "configured" });
  else {
    candidates.push({ path: options.systemCommand ?? "ffmpeg", source: "system" });
    const packaged = options.usePackage === false ? undefined : packagedFfmpegPath();
    if (packaged) candidates.push({ path: packaged, source: "package" });
  }
  for (const candidate of candidates) {
    const version = await probeVersion(candidate.path);
    if (version) {
      const ffmpeg = { ...candidate, version };
      found.set(key, ffmpeg);
      return ffmpeg;
    }
  }
  if (options.configured)
    throw new AppError(
      "config",
      `SHIFTNOTE_FFMPEG is set to "${options.configured}", but that doesn't run as ffmpeg. Ask your centre admin to fix the path or unset it to use the system's ffmpeg. For now, type your account instead.`,
    );
  throw new AppError("unavailable", NO_FFMPEG);
}

/** What ffmpeg said about the input before decoding it. */
export interface InputInfo {
  /** Container names as ffmpeg lists them, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  container?: string;
  /** The duration the file's header states; browser WebM recordings often state none. */
  durationSeconds?: number;
  audioCodec?: string;
  hasAudio: boolean;
  hasVideo: boolean;
}

/** Reads ffmpeg's description of input #0 from its standard error. */
export function parseInputInfo(stderr: string): InputInfo {
  const start = stderr.indexOf("Input #0");
  const endCandidates = ["Stream mapping:", "Output #0", "\nStream map "]
    .map((m) => stderr.indexOf(m, Math.max(0, start)))
    .filter((i) => i >= 0);
  const section =
    start < 0 ? "" : stderr.slice(start, endCandidates.length ? Math.min(...endCandidates) : undefined);
  const container = /^Input #0, (.+?), from /m.exec(section)?.[1];
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(section);
  const durationSeconds = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : undefined;
  const audio = /Stream #0:\d+\S*: Audio: (\S+)/.exec(section);
  const info: InputInfo = {
    hasAudio: audio !== null,
    hasVideo: /Stream #0:\d+\S*: Video: /.test(section),
  };
  if (container) info.container = container;
  if (durationSeconds !== undefined) info.durationSeconds = durationSeconds;
  if (audio?.[1]) info.audioCodec = audio[1].replace(/,$/, "");
  return info;
}

/** "5 minutes", "3 seconds", "1 minute 30 seconds", "2 hours". */
export function describeSeconds(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const part = (n: number, unit: string) => (n ? [`${n} ${unit}${n === 1 ? "" : "s"}`] : []);
  const parts = [...part(h, "hour"), ...part(m, "minute"), ...(h ? [] : part(r, "second"))];
  return parts.length ? parts.join(" ") : `${seconds.toFixed(1)} seconds`;
}

export interface DecodeOptions {
  /** The longest recording accepted (SHIFTNOTE_VOICE_MAX_SECONDS). */
  maxSeconds: number;
  /** How long ffmpeg may run before it is killed. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DecodedAudio {
  wavPath: string;
  /** Length of the decoded audio, from its sample count. */
  durationSeconds: number;
  input: InputInfo;
  ffmpeg: Ffmpeg;
  elapsedMs: number;
}

const TYPE_INSTEAD = "Try recording again, or type your account instead.";

function tooLong(maxSeconds: number, actual?: number): AppError {
  const limit = describeSeconds(maxSeconds);
  const length =
    actual === undefined
      ? `longer than the limit of ${limit}`
      : `${describeSeconds(actual)} long, and the limit is ${limit}`;
  return new AppError(
    "too_large",
    `That voice note is ${length}. Record a shorter one, or type your account instead.`,
  );
}

/** Turns a failed ffmpeg run into the message a candidate sees. */
function decodeFailure(stderr: string, info: InputInfo): AppError {
  if (/matches no streams/.test(stderr) || (!info.hasAudio && info.hasVideo))
    return new AppError(
      "bad_input",
      info.hasVideo
        ? `That file is a picture or a video without sound, not a voice note. ${TYPE_INSTEAD}`
        : `That file has no sound in it. ${TYPE_INSTEAD}`,
    );
  if (
    /Decoder \(codec [^)]*\) not found|unknown codec|Unsupported codec/i.test(stderr) ||
    info.audioCodec === "none"
  )
    return new AppError(
      "bad_input",
      `That recording uses a sound format${info.audioCodec && info.audioCodec !== "none" ? ` (${info.audioCodec})` : ""} we can't read. Record it again with your phone's usual voice recorder (m4a, mp3, ogg, webm or wav), or type your account instead.`,
    );
  return new AppError(
    "bad_input",
    `That file isn't audio we can read: it may be damaged, cut short or not a recording at all. ${TYPE_INSTEAD}`,
  );
}

/**
 * Decodes `inputPath` to a 16 kHz mono 16-bit PCM WAV at `outputPath`. Decodes at most a second past the
 * limit, so a two-hour file costs no more than a five-minute one. Throws an AppError for anything unreadable.
 */
export async function decodeToWav(
  ffmpeg: Ffmpeg,
  inputPath: string,
  outputPath: string,
  options: DecodeOptions,
): Promise<DecodedAudio> {
  const cap = options.maxSeconds + 1;
  const args = [
    ...["-nostdin", "-hide_banner", "-nostats", "-loglevel", "info"],
    ...["-i", inputPath],
    ...["-map", "0:a:0", "-vn", "-sn", "-dn"],
    ...["-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-t", String(cap)],
    ...["-fflags", "+bitexact", "-map_metadata", "-1", "-f", "wav", "-y", outputPath],
  ];
  const timeoutMs = options.timeoutMs ?? 60_000;
  const run = await runBounded(ffmpeg.path, args, {
    timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (run.spawnError) throw new AppError("unavailable", NO_FFMPEG);
  if (run.aborted) throw new AppError("unavailable", "Reading the voice note was cancelled. Send it again.");
  if (run.timedOut)
    throw new AppError(
      "unavailable",
      `Reading that voice note took longer than ${describeSeconds(timeoutMs / 1000)}, so we stopped. ${TYPE_INSTEAD}`,
    );
  const info = parseInputInfo(run.stderr);
  if (info.durationSeconds !== undefined && info.durationSeconds > options.maxSeconds + 0.25)
    throw tooLong(options.maxSeconds, info.durationSeconds);
  if (run.code !== 0) throw decodeFailure(run.stderr, info);
  const wav = await readWavInfo(outputPath).catch(() => undefined);
  if (!wav || wav.dataBytes === 0)
    throw new AppError("bad_input", `That recording has no sound we could read. ${TYPE_INSTEAD}`);
  if (wav.durationSeconds > options.maxSeconds + 0.25) throw tooLong(options.maxSeconds);
  return {
    wavPath: outputPath,
    durationSeconds: wav.durationSeconds,
    input: info,
    ffmpeg,
    elapsedMs: run.elapsedMs,
  };
}
