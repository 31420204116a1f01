// Turns whatever the core threw into the one polite reply a person sees in a channel (never a stack trace).
import { isAppError } from "../core/errors.ts";
import { type ChannelLog, describeError } from "./channel-log.ts";
import type { BotCommand, BotCore, BotResult } from "./types.ts";

const sorry = "Sorry, something went wrong on our side. Please try again in a minute.";

/** Calls the core; an AppError becomes its message as a reply, anything else is logged and answered politely. */
export async function handleSafely(core: BotCore, command: BotCommand, log: ChannelLog): Promise<BotResult> {
  try {
    return await core.handle(command);
  } catch (error) {
    if (isAppError(error)) return { replies: [{ text: error.message, inThread: true }] };
    log.error(
      `The bot core failed on ${command.channel} event ${command.eventId}: ${describeError(error)}`,
      error,
    );
    return { replies: [{ text: sorry, inThread: true }] };
  }
}
