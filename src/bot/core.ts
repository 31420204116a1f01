// The bot core: one neutral command in, replies out; every channel calls this and nothing else.
import { type AppError, isAppError } from "../core/errors.ts";
import { handleAction } from "./actions.ts";
import { handleText } from "./conversation.ts";
import { say } from "./reply.ts";
import type { BotDeps, Turn } from "./turn.ts";
import type { BotCommand, BotCore, BotResult } from "./types.ts";

export type { BotDeps, Turn } from "./turn.ts";

const OOPS =
  "Something went wrong on our side and nothing was changed. Try again in a minute; if it keeps happening, tell your assessor.";

/** Builds the channel-neutral bot core. */
export function createBotCore(deps: BotDeps): BotCore {
  const log = deps.log ?? ((message, error) => console.error(message, error));
  return {
    async handle(command: BotCommand): Promise<BotResult> {
      try {
        const person = await deps.portfolio.identify(command.actor);
        if (!person) return { replies: [say(notEnrolled(command))] };
        const turn: Turn = { deps, portfolio: deps.portfolio, person, command };
        const replies = command.action ? await handleAction(turn, command.action) : await handleText(turn);
        // Whoever else must be told was recorded in the outbox with the change; delivery sends it.
        return { replies };
      } catch (error) {
        if (isAppError(error)) return { replies: [say((error as AppError).message)] };
        log(
          `Unexpected error handling a ${command.channel} ${command.action ? "card action" : "message"}`,
          error,
        );
        return { replies: [say(OOPS)] };
      }
    },
  };
}

function notEnrolled(command: BotCommand): string {
  const who = command.actor.email ? ` (${command.actor.email})` : "";
  return `Hello! I don't know you yet${who}, so I haven't kept anything you sent. Ask your centre's Shiftnote admin or your assessor to add you with the email address your ${command.channel === "web" ? "" : `${command.channel} `}account uses, then say hello again.`;
}
