// The bot core: one neutral command in, replies and notifications out; every channel calls this and nothing else.
import { type AppError, isAppError } from "../core/errors.ts";
import type { PersonRecord } from "../core/types.ts";
import type { MapOptions, MappingResult } from "../mapping/types.ts";
import { type PortfolioContext, portfolioContext } from "../portfolio/context.ts";
import type { PortfolioEvent } from "../portfolio/notify.ts";
import { handleAction } from "./actions.ts";
import { handleText } from "./conversation.ts";
import { identify } from "./identify.ts";
import { notificationsFor } from "./notifications.ts";
import { say } from "./reply.ts";
import type { BotCommand, BotCore, BotResult, IncomingFile } from "./types.ts";

/** What the core needs: the portfolio, a mapper, and optionally a way to turn audio into text. */
export interface BotDeps {
  portfolio: PortfolioContext;
  map(text: string, options: MapOptions): MappingResult | Promise<MappingResult>;
  /** Turns a voice note into text; absent when voice is not set up. */
  transcribe?(file: IncomingFile): Promise<{ text: string; engine: string; audioPath?: string }>;
  /** A short-lived signed link that opens a person's pages (portfolio, queue); absent where pages are not served. */
  portfolioLink?(personId: string, to?: string): string;
  /** Where to report unexpected errors (never shown to people). */
  log?(message: string, error?: unknown): void;
}

/** Per-command context: the person speaking and a portfolio context whose notifier collects events. */
export interface Turn {
  deps: BotDeps;
  ctx: PortfolioContext;
  person: PersonRecord;
  command: BotCommand;
}

const OOPS =
  "Something went wrong on our side and nothing was changed. Try again in a minute; if it keeps happening, tell your assessor.";

/** Builds the channel-neutral bot core. */
export function createBotCore(deps: BotDeps): BotCore {
  const log = deps.log ?? ((message, error) => console.error(message, error));
  return {
    async handle(command: BotCommand): Promise<BotResult> {
      const events: PortfolioEvent[] = [];
      const ctx = portfolioContext(deps.portfolio.store, deps.portfolio.catalogue, {
        now: deps.portfolio.now,
        notify: { notify: (event) => void events.push(event) },
      });
      try {
        const person = await identify(ctx, command.actor);
        if (!person) return { replies: [say(notEnrolled(command))], notifications: [] };
        const turn: Turn = { deps, ctx, person, command };
        const replies = command.action ? await handleAction(turn, command.action) : await handleText(turn);
        return { replies, notifications: await notificationsFor(ctx, events, person) };
      } catch (error) {
        if (isAppError(error)) return { replies: [say((error as AppError).message)], notifications: [] };
        log(
          `Unexpected error handling a ${command.channel} ${command.action ? "card action" : "message"}`,
          error,
        );
        return { replies: [say(OOPS)], notifications: [] };
      }
    },
  };
}

function notEnrolled(command: BotCommand): string {
  const who = command.actor.email ? ` (${command.actor.email})` : "";
  return `Hello! I don't know you yet${who}, so I haven't kept anything you sent. Ask your centre's Shiftnote admin or your assessor to add you with the email address your ${command.channel === "web" ? "" : `${command.channel} `}account uses, then say hello again.`;
}
