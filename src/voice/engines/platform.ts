// The platform's own transcript (Slack audio clips come with one): used as it is, no audio leaves the machine.
import { AppError } from "../../core/errors.ts";
import type { TranscriptionEngine } from "./engine.ts";

/** An engine that returns the transcript the chat platform sent with the file. */
export function platformEngine(transcript: string | undefined): TranscriptionEngine {
  return {
    name: "platform",
    needsAudio: false,
    async available() {
      return transcript?.trim()
        ? true
        : "no transcript came with this file (only Slack audio clips carry one)";
    },
    async transcribe(input) {
      const started = performance.now();
      const text = (input.platformTranscript ?? transcript ?? "").trim();
      if (!text) throw new AppError("unavailable", "No transcript came with this voice note.");
      return { text, engine: "platform", seconds: (performance.now() - started) / 1000 };
    },
  };
}
