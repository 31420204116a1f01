// The bot core: one neutral command in, replies out; every channel calls this and nothing else.
import { type AppError, isAppError } from "../core/errors.ts";
import { handleAction } from "./actions.ts";
import { withFileList } from "./card-files.ts";
import { replyAfterFailure } from "./channel-errors.ts";
import { watchWrites } from "./committed.ts";
import { handleText } from "./conversation.ts";
import { handleMessageAction } from "./message-actions.ts";
import { say } from "./reply.ts";
import { handleThreadReply } from "./thread-reply.ts";
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
      const watched = watchWrites(deps.portfolio);
      try {
        // An overheard message is ours only in an evidence card's thread: anywhere else nothing is read or kept.
        const thread =
          command.overheard && !command.action && command.threadId
            ? await deps.portfolio.channels.evidenceInThread(command.conversationId, command.threadId)
            : undefined;
        if (command.overheard && !command.action && !thread) return { replies: [] };
        const person = await deps.portfolio.identify(command.actor);
        if (!person) return { replies: [say(notEnrolled(command))] };
        const turn: Turn = { deps, portfolio: watched.portfolio, person, command };
        const replies = command.action
          ? await handleAction(turn, command.action)
          : thread
            ? await handleThreadReply(turn, thread)
            : command.messageAction
              ? await handleMessageAction(turn, command.messageAction)
              : await handleText(turn);
        // Whoever else must be told was recorded in the outbox with the change; delivery sends it.
        return { replies: await Promise.all(replies.map((r) => withFileList(deps, r, person.id))) };
      } catch (error) {
        if (isAppError(error)) return { replies: [say((error as AppError).message)] };
        log(
          `Unexpected error handling a ${command.channel} ${command.action ? "card action" : "message"}`,
          error,
        );
        // Answer from what was committed: a change already written is never reported as "nothing was changed".
        const committed = () => deps.portfolio.committed(command.eventId);
        return { replies: [say(await replyAfterFailure(error, watched.committed(), committed, OOPS))] };
      }
    },
  };
}

function notEnrolled(command: BotCommand): string {
  const who = command.actor.email ? ` (${command.actor.email})` : "";
  return `Hello! I don't know you yet${who}, so I haven't kept anything you sent. Ask your centre's Shiftnote admin or your assessor to add you with the email address your ${command.channel === "web" ? "" : `${command.channel} `}account uses, then say hello again.`;
}
