// Keeps every Slack message with a card about a piece of evidence showing that evidence as it is now, to its reader.
import type { WebClient } from "@slack/web-api";
import { REFRESH_VERB } from "../../cards/index.ts";
import { type ChannelLog, describeError } from "../channel-log.ts";
import type { BotCore, BotReply, CardActionData } from "../types.ts";
import type { SlackCardCopies } from "./card-copies.ts";
import { messageBody } from "./render.ts";

/** At most this many other copies are redrawn after one action. */
export const MAX_COPIES_REFRESHED = 20;

type About = { evidenceId: string; version: number };
/** A Slack message, as `channel:ts`. */
export const messageKey = (channel: string, ts: string) => `${channel}:${ts}`;

export interface CopyKeeper {
  /** After a reply was posted or drawn into a message: remembers the message when its card is about evidence. */
  shown(
    reply: BotReply,
    message: { userId: string; channel: string; ts?: string | undefined },
  ): Promise<void>;
  /**
   * After a card action: redraws the other recorded copies of the evidence it was about, unless its answer shows
   * nothing changed. `written` are the messages this action already drew (the pressed one included).
   */
  afterAction(
    client: WebClient,
    data: CardActionData,
    replies: BotReply[],
    written: ReadonlySet<string>,
  ): Promise<void>;
  /**
   * After a change made anywhere (the pages, another channel, the command line): redraws every recorded copy of
   * the evidence, unless this channel already redrew them at that version after its own action.
   */
  changed(client: WebClient, about: About): Promise<void>;
}

/** Without a place to keep copies (no database), Slack behaves as before: only the pressed card changes. */
export function copyKeeper(deps: { copies?: SlackCardCopies; core: BotCore; log: ChannelLog }): CopyKeeper {
  const { copies, core, log } = deps;
  /** The newest version each evidence's copies were redrawn at here, so a change is redrawn once (a few hundred kept). */
  const drawn = new Map<string, number>();
  const remember = (about: About) => {
    drawn.delete(about.evidenceId);
    drawn.set(about.evidenceId, about.version);
    if (drawn.size > 500) drawn.delete(drawn.keys().next().value as string);
  };
  const redrawAll = async (client: WebClient, about: About, skip: ReadonlySet<string>) => {
    if (!copies) return;
    try {
      const others = (await copies.of(about.evidenceId, MAX_COPIES_REFRESHED)).filter(
        (copy) => !skip.has(messageKey(copy.channel, copy.ts)),
      );
      // One at a time: at most a handful of calls, and Slack's rate limits stay comfortable.
      for (const copy of others) await redraw(client, copy, about);
    } catch (error) {
      log.warn(`Could not redraw the copies of an evidence card: ${describeError(error)}`, error);
    }
  };

  async function redraw(
    client: WebClient,
    copy: { userId: string; channel: string; ts: string },
    about: About,
  ) {
    let reply: BotReply | undefined;
    try {
      const result = await core.handle({
        channel: "slack",
        actor: { channel: "slack", userId: copy.userId },
        conversationId: copy.channel,
        text: "",
        action: { verb: REFRESH_VERB, evidenceId: about.evidenceId, version: about.version },
        eventId: `refresh:${copy.channel}:${copy.ts}:${about.version}`,
      });
      reply = result.replies.find((r) => r.card);
    } catch (error) {
      log.warn(`Could not redraw a copy of an evidence card: ${describeError(error)}`);
      return;
    }
    if (!reply) {
      // The person can no longer see this evidence (or is no longer known): leave their message as it is.
      log.debug(`A copy of an evidence card in ${copy.channel} has no current card; forgetting it.`);
      await copies?.remove(copy.channel, copy.ts);
      return;
    }
    try {
      await client.chat.update({ channel: copy.channel, ts: copy.ts, ...messageBody(reply) });
    } catch (error) {
      // A deleted message or a channel the bot has left: say so once and stop trying.
      const why = describeError(error);
      log.warn(`Could not update a copy of an evidence card in ${copy.channel} (${why}); it is forgotten.`);
      await copies?.remove(copy.channel, copy.ts);
    }
  }

  return {
    async shown(reply, message) {
      const about = reply.card?.about;
      if (!copies || !about || !message.ts) return;
      try {
        await copies.record({
          evidenceId: about.evidenceId,
          userId: message.userId,
          channel: message.channel,
          ts: message.ts,
        });
      } catch (error) {
        log.warn(`Could not record a copy of an evidence card: ${describeError(error)}`, error);
      }
    },

    async afterAction(client, data, replies, written) {
      const about = changedEvidence(data, replies);
      if (!copies || !about) return;
      remember(about);
      await redrawAll(client, about, written);
    },

    async changed(client, about) {
      if ((drawn.get(about.evidenceId) ?? 0) >= about.version) return;
      remember(about);
      await redrawAll(client, about, new Set());
    },
  };
}

/**
 * The evidence whose other copies an action may have changed, and its version now. An answer whose card about the
 * evidence carries the version the button did means nothing changed (an Open, a refused decision); an answer with no
 * such card (a discard, a short message) may hide a change, so the copies are redrawn.
 */
export function changedEvidence(data: CardActionData, replies: BotReply[]): About | undefined {
  if (typeof data.evidenceId !== "string" || data.verb === REFRESH_VERB) return undefined;
  const versions = replies
    .map((reply) => reply.card?.about)
    .filter((about): about is About => about?.evidenceId === data.evidenceId)
    .map((about) => about.version);
  const sent = typeof data.version === "number" ? data.version : undefined;
  if (versions.length > 0 && versions.every((version) => version === sent)) return undefined;
  const version = versions.length > 0 ? Math.max(...versions) : sent;
  return version === undefined ? undefined : { evidenceId: data.evidenceId, version };
}
