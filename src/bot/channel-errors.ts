// Turns whatever the core threw into the one polite reply a person sees in a channel (never a stack trace), told from what was committed.
import { isAppError } from "../core/errors.ts";
import { isDatabaseUnavailable } from "../core/outage.ts";
import { type ChannelLog, describeError } from "./channel-log.ts";
import type { BotCommand, BotCore, BotResult } from "./types.ts";

const sorry = "Sorry, something went wrong on our side. Please try again in a minute.";

/** A change was committed, then showing it failed: say it was kept, never "nothing was changed". */
export const SAVED_BUT_NOT_SHOWN =
  "That was saved, but I couldn't show you the result just now. Nothing was lost: type status in a minute to see it, and anyone it concerns will be told.";
/** The database was not answering and this turn wrote nothing. */
export const OUTAGE_NOTHING_SAVED =
  "Shiftnote can't reach its database just now, so that wasn't saved. Please try again in a minute: nothing you saved before was lost.";
/** The database went away and we can't tell whether this turn's change was kept. */
export const OUTAGE_UNSURE =
  "Shiftnote can't reach its database just now, so I can't tell whether that was saved. Nothing you saved before was lost: please try again in a minute, after typing status to check.";

/**
 * The reply after an unexpected failure, from what was committed: `committed` is true when a change this turn
 * asked for was written; otherwise `wasCommitted` asks the database whether this event's change was (it may
 * have been written before the failure), and failing that, the reply says it can't tell.
 */
export async function replyAfterFailure(
  error: unknown,
  committed: boolean,
  wasCommitted: () => Promise<boolean>,
  otherwise: string,
): Promise<string> {
  if (committed) return SAVED_BUT_NOT_SHOWN;
  let kept: boolean | undefined;
  try {
    kept = await wasCommitted();
  } catch {
    kept = undefined;
  }
  if (kept === true) return SAVED_BUT_NOT_SHOWN;
  if (kept === undefined) return isDatabaseUnavailable(error) ? OUTAGE_UNSURE : otherwise;
  return isDatabaseUnavailable(error) ? OUTAGE_NOTHING_SAVED : otherwise;
}

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
    const text = isDatabaseUnavailable(error) ? OUTAGE_UNSURE : sorry;
    return { replies: [{ text, inThread: true }] };
  }
}

/** Runs a channel's bookkeeping (saving where to reach someone) without letting its failure stop the reply. */
export async function keepGoing(what: string, work: () => Promise<unknown>, log: ChannelLog): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.warn(`Could not ${what}: ${describeError(error)}`);
  }
}
