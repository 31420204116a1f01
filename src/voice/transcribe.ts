// The voice entry point `shiftnote map --audio FILE` looks for: one recording on disk → its transcript.
import { basename } from "node:path";
import type { Config } from "../core/config.ts";
import { type Transcript, transcribeAudio } from "./pipeline.ts";

/** Transcribes the recording at `path` with the configured engine; nothing is stored. Throws an AppError. */
export function transcribeFile(path: string, config: Config): Promise<Transcript> {
  return transcribeAudio({ path, name: basename(path) }, config);
}
