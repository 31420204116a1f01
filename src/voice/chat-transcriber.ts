// The voice step the chat core is given: a message's audio file → text, with the kept recording and a way to drop it.
import { rm } from "node:fs/promises";
import { type TranscribeOptions, transcribeAudio, type VoiceConfig } from "./pipeline.ts";

/** A file as a chat message carries it (the bot's IncomingFile, described here so voice needs nothing of the bot). */
export interface ChatAudioFile {
  name: string;
  mimeType?: string;
  bytes?: Uint8Array;
  fetch?: () => Promise<Uint8Array>;
  platformTranscript?: string;
}

export interface ChatTranscript {
  text: string;
  engine: string;
  /** The kept recording, relative to the files area. */
  audioPath?: string;
  /** Deletes the recording when nothing was filed from it; only for a recording this note wrote. */
  discard?(): Promise<void>;
}

/** Transcribes a chat voice note and keeps its recording; a failure keeps nothing and says what to do next. */
export function chatTranscriber(config: VoiceConfig, options: Omit<TranscribeOptions, "store"> = {}) {
  return async (file: ChatAudioFile): Promise<ChatTranscript> => {
    const bytes = file.bytes ?? (file.fetch ? await file.fetch() : undefined);
    const transcript = await transcribeAudio(
      {
        name: file.name,
        ...(file.mimeType ? { mimeType: file.mimeType } : {}),
        ...(bytes ? { bytes } : {}),
        ...(file.platformTranscript ? { platformTranscript: file.platformTranscript } : {}),
      },
      config,
      { ...options, store: true },
    );
    const kept = transcript.storedNew ? transcript.storedPath : undefined;
    return {
      text: transcript.text,
      engine: transcript.engine,
      ...(transcript.storedKey ? { audioPath: transcript.storedKey } : {}),
      ...(kept ? { discard: () => rm(kept, { force: true }) } : {}),
    };
  };
}
