// The one interface every transcription engine (OpenAI, the platform's transcript, whisper.cpp) implements.

export type EngineName = "openai" | "platform" | "whisper";
export const engineNames: readonly EngineName[] = ["openai", "platform", "whisper"];

export interface EngineInput {
  /** The decoded 16 kHz mono 16-bit WAV; null only when ffmpeg is missing and the engine needs no audio. */
  wavPath: string | null;
  durationSeconds: number | null;
  /** The transcript the chat platform sent with the file (Slack clips), if any. */
  platformTranscript?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface EngineResult {
  text: string;
  engine: EngineName;
  /** Processing time in seconds (for the real-time factor). */
  seconds: number;
}

export interface TranscriptionEngine {
  name: EngineName;
  /** The version of the package doing the work, for the record and the benchmarks. */
  version?: string | undefined;
  /** The model used, where there is one. */
  model?: string | undefined;
  /** Whether `transcribe` needs the decoded WAV (the platform engine does not). */
  needsAudio: boolean;
  /** `true`, or the reason the engine cannot run here, in words an admin can act on. */
  available(): Promise<true | string>;
  /** Throws an AppError whose message states the cause (the pipeline adds what to do next). */
  transcribe(input: EngineInput): Promise<EngineResult>;
}
