// Offline transcription with whisper.cpp (@fugood/whisper.node's prebuilt binary, an opt-in install) and a model file the centre supplies.
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../../app/config.ts";
import { AppError } from "../../core/errors.ts";
import { runBounded } from "../child.ts";
import { describeSeconds } from "../ffmpeg.ts";
import type { TranscriptionEngine } from "./engine.ts";

export type WhisperEngineConfig = Pick<Config, "SHIFTNOTE_WHISPER_MODEL" | "SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS">;

const require = createRequire(import.meta.url);
const worker = fileURLToPath(new URL("./whisper-worker.mjs", import.meta.url));

// whisper.cpp already uses every core it is given: two notes at once would only slow both down.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * The installed @fugood/whisper.node version, or undefined when the package is missing. It is not a dependency
 * (its GPU builds are hundreds of megabytes that a centre without a whisper model never uses): a centre that wants
 * offline transcription adds it with `npm run whisper:install`.
 */
export function whisperBindingVersion(): string | undefined {
  try {
    return (require("@fugood/whisper.node/package.json") as { version: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * Checks the header of a whisper.cpp ggml model: the magic number and hyperparameters that make sense. whisper.cpp
 * aborts the process on a file with nonsense hyperparameters, so this is checked before it is let near one.
 */
export async function checkWhisperModel(path: string): Promise<true | string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    return `there is no readable file at ${path} (SHIFTNOTE_WHISPER_MODEL)`;
  }
  try {
    const head = Buffer.alloc(48);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const notModel = `${path} is not a whisper.cpp model file (a ggml .bin such as ggml-base.en.bin)`;
    if (bytesRead < 48 || head.readUInt32LE(0) !== 0x67676d6c) return notModel;
    const [
      nVocab,
      audioCtx,
      audioState,
      audioHead,
      audioLayer,
      textCtx,
      textState,
      textHead,
      textLayer,
      mels,
    ] = Array.from({ length: 10 }, (_, i) => head.readInt32LE(4 + 4 * i));
    const positive = [
      nVocab,
      audioCtx,
      audioState,
      audioHead,
      audioLayer,
      textCtx,
      textState,
      textHead,
      textLayer,
    ];
    if (positive.some((n) => n === undefined || n <= 0 || n > 1_000_000) || (mels !== 80 && mels !== 128))
      return `${notModel}: its header is damaged`;
    return true;
  } finally {
    await handle.close();
  }
}

/** Why the engine cannot run when the binding is missing: what to run, in one line. */
export const WHISPER_NOT_INSTALLED =
  "its whisper.cpp binding (@fugood/whisper.node) isn't installed: run `npm run whisper:install` in the Shiftnote folder, then start Shiftnote again";

export interface WhisperEngineOptions {
  /** Finds the binding's version; tests pass one that finds none. */
  bindingVersion?: () => string | undefined;
}

/** The whisper.cpp engine; available when SHIFTNOTE_WHISPER_MODEL names a model file and the binding is installed. */
export function whisperEngine(
  config: WhisperEngineConfig,
  options: WhisperEngineOptions = {},
): TranscriptionEngine {
  const model = config.SHIFTNOTE_WHISPER_MODEL;
  const version = (options.bindingVersion ?? whisperBindingVersion)();
  const available = async (): Promise<true | string> => {
    if (!model)
      return "SHIFTNOTE_WHISPER_MODEL is not set (offline transcription needs a whisper.cpp model file such as ggml-base.en.bin)";
    const checked = await checkWhisperModel(model);
    if (checked !== true) return checked;
    return version ? true : WHISPER_NOT_INSTALLED;
  };
  return {
    name: "whisper",
    version: version ? `@fugood/whisper.node@${version}` : undefined,
    model: model ? basename(model) : undefined,
    needsAudio: true,
    available,
    async transcribe(input) {
      const ready = await available();
      if (ready !== true) throw new AppError("config", `Offline transcription isn't set up: ${ready}.`);
      if (!input.wavPath || !model)
        throw new AppError("unavailable", "There was no decoded audio to transcribe.");
      // whisper on a CPU runs at a fraction of real time; allow for long notes on slow machines.
      const timeoutMs = Math.max(config.SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS, (input.durationSeconds ?? 0) * 3000);
      const threads = String(Math.max(1, Math.min(4, availableParallelism())));
      const wavPath = input.wavPath;
      const run = await oneAtATime(() =>
        runBounded(process.execPath, [worker, model, wavPath, threads], {
          timeoutMs,
          ...(input.signal ? { signal: input.signal } : {}),
        }),
      );
      if (run.timedOut)
        throw new AppError(
          "unavailable",
          `Offline transcription took longer than ${describeSeconds(timeoutMs / 1000)}, so we stopped it.`,
        );
      if (run.aborted) throw new AppError("unavailable", "Transcription was cancelled.");
      const line = run.stdout.trim().split("\n").pop() ?? "";
      let reply: { text?: unknown; error?: unknown } = {};
      try {
        reply = JSON.parse(line) as typeof reply;
      } catch {
        // the worker died before answering: a crash inside whisper.cpp
      }
      if (run.code !== 0 || typeof reply.text !== "string")
        throw new AppError(
          "config",
          `The offline transcription model ${basename(model)} could not be used (${typeof reply.error === "string" ? reply.error : `whisper.cpp stopped with ${run.signal ?? `exit code ${run.code}`}`}): ask your centre admin to check SHIFTNOTE_WHISPER_MODEL.`,
        );
      // whisper marks silence and noise as [BLANK_AUDIO], (music) and the like: they are not words.
      const text = reply.text
        .replace(/\[[^\]]*\]|\([^)]*\)/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      return { text, engine: "whisper", seconds: run.elapsedMs / 1000 };
    },
  };
}
