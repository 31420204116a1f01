// What one bot turn works with: the portfolio façade, the person speaking, their command, and the core's other helpers.
import type { PersonRecord } from "../core/types.ts";
import type { Portfolio } from "../portfolio/index.ts";
import type { BotCommand, IncomingFile } from "./types.ts";

/** What the core needs: the portfolio (with its mapper), and optionally a way to turn audio into text. */
export interface BotDeps {
  portfolio: Portfolio;
  /** Turns a voice note into text; absent when voice is not set up. */
  transcribe?(file: IncomingFile): Promise<VoiceTranscript>;
  /** A short-lived signed link that opens a person's pages (portfolio, queue); absent where pages are not served. */
  portfolioLink?(personId: string, to?: string): string;
  /** A Teams deep link that opens the My portfolio tab signed in as the person; absent without a Teams app id. */
  tabLink?(personId: string): string;
  /** Where to report unexpected errors (never shown to people). */
  log?(message: string, error?: unknown): void;
}

/** A voice note's text, the engine, where the recording is kept, and how to drop it when nothing is filed from it. */
export interface VoiceTranscript {
  text: string;
  engine: string;
  audioPath?: string;
  /** Deletes the kept recording; present only when this note wrote it (a recording kept before stays). */
  discard?(): Promise<void>;
}

/** Per-command context: the person speaking and the portfolio they act on. */
export interface Turn {
  deps: BotDeps;
  portfolio: Portfolio;
  person: PersonRecord;
  command: BotCommand;
}
