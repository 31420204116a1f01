// Picks the transcription engine for one voice note from the configuration and what is available on this machine.
import type { Config } from "../../core/config.ts";
import { AppError } from "../../core/errors.ts";
import type { EngineName, TranscriptionEngine } from "./engine.ts";
import { openaiEngine } from "./openai.ts";
import { platformEngine } from "./platform.ts";
import { type WhisperEngineOptions, whisperEngine } from "./whisper.ts";

export type EngineChoice = "auto" | EngineName;

export type EngineConfig = Pick<
  Config,
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
  | "OPENAI_TRANSCRIBE_MODEL"
  | "SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS"
  | "SHIFTNOTE_WHISPER_MODEL"
>;

const labels: Record<EngineName, string> = {
  openai: "OpenAI transcription",
  platform: "platform transcript",
  whisper: "offline (whisper.cpp) transcription",
};

/** Builds one engine by name. */
export function buildEngine(
  name: EngineName,
  config: EngineConfig,
  platformTranscript?: string | undefined,
  whisper: WhisperEngineOptions = {},
): TranscriptionEngine {
  if (name === "openai") return openaiEngine(config);
  if (name === "whisper") return whisperEngine(config, whisper);
  return platformEngine(platformTranscript);
}

/**
 * `auto` takes one engine, never a cascade: the platform's transcript when the file came with one; else whisper when
 * SHIFTNOTE_WHISPER_MODEL is set (a centre that set it may not send audio out, so there is no fall-back to OpenAI);
 * else OpenAI when OPENAI_API_KEY is set. Throws an AppError saying why when the engine cannot run.
 */
export async function chooseEngine(
  choice: EngineChoice,
  config: EngineConfig,
  platformTranscript?: string | undefined,
  whisper: WhisperEngineOptions = {},
): Promise<TranscriptionEngine> {
  let name: EngineName;
  if (choice !== "auto") name = choice;
  else if (platformTranscript?.trim()) name = "platform";
  else if (config.SHIFTNOTE_WHISPER_MODEL) name = "whisper";
  else if (config.OPENAI_API_KEY) name = "openai";
  else
    throw new AppError(
      "config",
      "Voice notes can't be turned into text here yet: no transcription service is set up (ask your centre admin to set OPENAI_API_KEY or SHIFTNOTE_WHISPER_MODEL).",
    );
  const engine = buildEngine(name, config, platformTranscript, whisper);
  const ready = await engine.available();
  if (ready !== true)
    throw new AppError(
      name === "platform" ? "unavailable" : "config",
      `The ${labels[name]} isn't available: ${ready}.`,
    );
  return engine;
}
