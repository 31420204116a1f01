// Voice note → text: checks and decodes the recording, keeps the original, and runs the chosen transcription engine.
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Config } from "../core/config.ts";
import { AppError, type AppErrorCode } from "../core/errors.ts";
import { chooseEngine, type EngineChoice, type EngineConfig } from "./engines/choose.ts";
import type { EngineName } from "./engines/engine.ts";
import { type DecodedAudio, decodeToWav, type FindFfmpegOptions, findFfmpeg } from "./ffmpeg.ts";
import { audioExtension, type StoredAudio, storeAudio } from "./storage.ts";

/** A recording as a channel hands it over: a path or the bytes, the name it came with, and any platform transcript. */
export interface AudioInput {
  path?: string;
  bytes?: Uint8Array;
  name: string;
  mimeType?: string;
  /** The transcript the platform sent with the file (Slack clips). */
  platformTranscript?: string;
}

export type VoiceConfig = EngineConfig &
  Pick<
    Config,
    "SHIFTNOTE_FILES_DIR" | "SHIFTNOTE_TRANSCRIBE_ENGINE" | "SHIFTNOTE_VOICE_MAX_SECONDS" | "SHIFTNOTE_FFMPEG"
  >;

export interface TranscribeOptions {
  /** Overrides SHIFTNOTE_TRANSCRIBE_ENGINE. */
  engine?: EngineChoice;
  /** Keep the original recording in the files area (what the bot does; the CLI does not). */
  store?: boolean;
  signal?: AbortSignal;
  /** How ffmpeg is looked for; tests use it to simulate a machine without one. */
  ffmpeg?: Omit<FindFfmpegOptions, "configured">;
  /** How long ffmpeg may take to decode (default 60 s). */
  decodeTimeoutMs?: number;
  /** Where scratch files go (default the system's temp folder); always emptied before returning. */
  scratchDir?: string;
}

export interface Transcript {
  text: string;
  engine: EngineName;
  engineVersion?: string;
  model?: string;
  /** Length of the recording; null only when ffmpeg is missing and the platform's transcript was used. */
  durationSeconds: number | null;
  decodeSeconds: number | null;
  transcribeSeconds: number;
  /** Where the original recording is kept (absolute), when `store` was asked for. */
  storedPath?: string;
  /** The same, relative to SHIFTNOTE_FILES_DIR: what an evidence record should reference. */
  storedKey?: string;
  sha256?: string;
}

/** Transcription failed after the recording was accepted; `storedPath` says where it is kept, if it was. */
export class TranscriptionFailedError extends AppError {
  constructor(
    code: AppErrorCode,
    message: string,
    readonly storedPath?: string,
    readonly storedKey?: string,
  ) {
    super(code, message);
  }
}

/** Voice notes bigger than this are turned away before anything else is done with them. */
export const MAX_AUDIO_BYTES = 100 * 1024 * 1024;

async function inputSize(input: AudioInput): Promise<number> {
  if (input.bytes) return input.bytes.byteLength;
  if (!input.path)
    throw new AppError("bad_input", "No recording came with the message. Send the voice note again.");
  const info = await stat(input.path).catch(() => undefined);
  if (!info?.isFile()) throw new AppError("not_found", `There's no file at ${input.path}.`);
  return info.size;
}

/**
 * Turns a recording into text. Bad input (empty, not audio, damaged, too long, no sound track) is an AppError and
 * nothing is kept. Once the recording is known to be good it is kept (with `store`), so if transcription then fails
 * the TranscriptionFailedError says the recording is saved and the candidate can try again or type instead.
 */
export async function transcribeAudio(
  input: AudioInput,
  config: VoiceConfig,
  options: TranscribeOptions = {},
): Promise<Transcript> {
  const size = await inputSize(input);
  if (size === 0)
    throw new AppError(
      "bad_input",
      "That recording is empty (0 bytes). Record it again, or type your account instead.",
    );
  if (size > MAX_AUDIO_BYTES)
    throw new AppError(
      "too_large",
      `That file is ${Math.round(size / 2 ** 20)} MB; voice notes can be up to ${MAX_AUDIO_BYTES / 2 ** 20} MB. Record a shorter one, or type your account instead.`,
    );
  const extension = audioExtension(input.name, input.mimeType);
  const work = await mkdtemp(join(options.scratchDir ?? tmpdir(), "shiftnote-voice-"));
  try {
    // inputSize has checked that there is a path when there are no bytes.
    const source = input.bytes ? join(work, `input.${extension}`) : (input.path as string);
    if (input.bytes) await writeFile(source, input.bytes);

    // 1. Check and decode. Without ffmpeg, only a platform transcript can be used.
    const choice = options.engine ?? config.SHIFTNOTE_TRANSCRIBE_ENGINE;
    const transcriptWillDo =
      Boolean(input.platformTranscript?.trim()) && (choice === "auto" || choice === "platform");
    let decoded: DecodedAudio | undefined;
    const ffmpeg = await findFfmpeg({ ...options.ffmpeg, configured: config.SHIFTNOTE_FFMPEG }).catch(
      (error: unknown) => {
        if (transcriptWillDo) return undefined;
        throw error;
      },
    );
    if (ffmpeg)
      decoded = await decodeToWav(ffmpeg, source, join(work, "decoded.wav"), {
        maxSeconds: config.SHIFTNOTE_VOICE_MAX_SECONDS,
        ...(options.decodeTimeoutMs ? { timeoutMs: options.decodeTimeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });

    // 2. Keep the original: from here on a failure leaves the recording with the candidate's evidence.
    let stored: StoredAudio | undefined;
    if (options.store) stored = await storeAudio(source, config.SHIFTNOTE_FILES_DIR, extension);
    const nextStep = (code: AppErrorCode) => {
      const then =
        code === "config"
          ? "type your account instead for now."
          : code === "bad_input"
            ? "you can record it again, or type your account instead."
            : "you can try again in a minute, or type your account instead.";
      const sentence = stored ? `Your voice note is saved with your evidence, so ${then}` : then;
      return sentence.charAt(0).toUpperCase() + sentence.slice(1);
    };

    // 3. Transcribe.
    try {
      const engine = await chooseEngine(choice, config, input.platformTranscript);
      const result = await engine.transcribe({
        wavPath: decoded?.wavPath ?? null,
        durationSeconds: decoded?.durationSeconds ?? null,
        platformTranscript: input.platformTranscript,
        signal: options.signal,
      });
      if (!result.text)
        throw new AppError(
          "bad_input",
          "We couldn't hear any words in that voice note: it may be silent or very quiet.",
        );
      return {
        text: result.text,
        engine: result.engine,
        ...(engine.version ? { engineVersion: engine.version } : {}),
        ...(engine.model ? { model: engine.model } : {}),
        durationSeconds: decoded?.durationSeconds ?? null,
        decodeSeconds: decoded ? decoded.elapsedMs / 1000 : null,
        transcribeSeconds: result.seconds,
        ...(stored ? { storedPath: stored.path, storedKey: stored.key, sha256: stored.sha256 } : {}),
      };
    } catch (error) {
      const cause = error instanceof AppError ? error : new AppError("unavailable", "Transcription failed.");
      throw new TranscriptionFailedError(
        cause.code,
        `${cause.message} ${nextStep(cause.code)}`,
        stored?.path,
        stored?.key,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Where the files area keeps a stored recording, for code that has only its key. */
export function storedAudioPath(config: Pick<Config, "SHIFTNOTE_FILES_DIR">, key: string): string {
  return resolve(config.SHIFTNOTE_FILES_DIR, key);
}
