// OpenAI's transcription API (or any compatible endpoint): sends the decoded WAV, with a timeout and one retry.
import { readFile } from "node:fs/promises";
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  toFile,
} from "openai";
import { VERSION } from "openai/version";
import type { Config } from "../../core/config.ts";
import { AppError } from "../../core/errors.ts";
import { describeSeconds } from "../ffmpeg.ts";
import type { TranscriptionEngine } from "./engine.ts";

export type OpenAiEngineConfig = Pick<
  Config,
  "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_TRANSCRIBE_MODEL" | "SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS"
>;

/** Turns what the SDK threw into a cause people can read; the pipeline adds what to do next. */
export function describeOpenAiFailure(error: unknown, config: OpenAiEngineConfig): AppError {
  const timeout = describeSeconds(config.SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS / 1000);
  if (error instanceof APIConnectionTimeoutError)
    return new AppError("unavailable", `The transcription service didn't answer within ${timeout}.`);
  if (error instanceof APIUserAbortError) return new AppError("unavailable", "Transcription was cancelled.");
  if (error instanceof APIConnectionError)
    return new AppError("unavailable", "We couldn't reach the transcription service.");
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    if (status === 401 || status === 403)
      return new AppError(
        "config",
        `The transcription service turned down our key (${status}): ask your centre admin to check OPENAI_API_KEY.`,
      );
    if (status === 404)
      return new AppError(
        "config",
        `The transcription service doesn't offer the model "${config.OPENAI_TRANSCRIBE_MODEL}" (404): ask your centre admin to check OPENAI_TRANSCRIBE_MODEL.`,
      );
    if (status === 429)
      return new AppError("unavailable", "The transcription service is too busy at the moment (429).");
    if (status >= 500)
      return new AppError("unavailable", `The transcription service had a problem (${status}).`);
    return new AppError("bad_input", `The transcription service couldn't use this recording (${status}).`);
  }
  return new AppError("unavailable", `Transcription failed (${(error as Error)?.message ?? String(error)}).`);
}

/** The OpenAI engine; available when OPENAI_API_KEY is set. */
export function openaiEngine(config: OpenAiEngineConfig): TranscriptionEngine {
  return {
    name: "openai",
    version: `openai@${VERSION}`,
    model: config.OPENAI_TRANSCRIBE_MODEL,
    needsAudio: true,
    async available() {
      return config.OPENAI_API_KEY ? true : "OPENAI_API_KEY is not set";
    },
    async transcribe(input) {
      if (!config.OPENAI_API_KEY)
        throw new AppError("config", "Transcription through OpenAI needs OPENAI_API_KEY to be set.");
      if (!input.wavPath) throw new AppError("unavailable", "There was no decoded audio to send.");
      const started = performance.now();
      const client = new OpenAI({
        apiKey: config.OPENAI_API_KEY,
        ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
        timeout: config.SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS,
        maxRetries: 1,
      });
      const file = await toFile(await readFile(input.wavPath), "voice-note.wav", { type: "audio/wav" });
      let text: unknown;
      try {
        const response = await client.audio.transcriptions.create(
          { file, model: config.OPENAI_TRANSCRIBE_MODEL, language: "en", response_format: "json" },
          input.signal ? { signal: input.signal } : {},
        );
        text = response.text;
      } catch (error) {
        throw describeOpenAiFailure(error, config);
      }
      if (typeof text !== "string")
        throw new AppError(
          "unavailable",
          "The transcription service sent back something that wasn't a transcript.",
        );
      return { text: text.trim(), engine: "openai", seconds: (performance.now() - started) / 1000 };
    },
  };
}
