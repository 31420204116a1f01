// The Slack listeners: messages, mentions, button presses, the testimony form and /shiftnote, each as one bot command.
import type { App, BlockAction, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { SLACK_INPUT_ACTION_PREFIX, type SlackStateValues, slackInputs } from "../../cards/index.ts";
import type { SlackConfig } from "../../core/config.ts";
import { handleSafely, keepGoing } from "../channel-errors.ts";
import { type ChannelLog, describeError } from "../channel-log.ts";
import type { ConversationStore } from "../conversation-store.ts";
import type { Actor, BotCommand, BotCore, BotReply } from "../types.ts";
import type { SlackCardCopies } from "./card-copies.ts";
import { type CopyKeeper, messageKey } from "./copy-keeper.ts";
import { DeliveredEvents, type SlackDeliveries } from "./delivered-events.ts";
import {
  actionToCommand,
  isForTheBot,
  mentionedUsers,
  messageToCommand,
  parseButtonValue,
  type SlackFile,
  type SlackMessageEvent,
} from "./event-to-command.ts";
import { slackFiles } from "./files.ts";
import { messageBody, replyThread } from "./render.ts";
import { missingInputs, readTestimonyContext, TESTIFY_VERB, testimonyForm } from "./testimony-form.ts";
import type { SlackUserDirectory } from "./users.ts";

export interface SlackDeps {
  config: SlackConfig;
  core: BotCore;
  conversations?: ConversationStore;
  /** Called after each turn, so what the turn told other people (in the outbox) is delivered at once. */
  afterTurn?: () => Promise<void>;
  /** Where messages showing evidence cards are kept, so every copy is redrawn after a change (else only the pressed one). */
  cardCopies?: SlackCardCopies;
  /** Which events are being or were answered; shared through the database, so instances answer each once. */
  deliveries?: SlackDeliveries;
  log?: ChannelLog;
}

type MessageArgs = SlackEventMiddlewareArgs<"message" | "app_mention"> & {
  client: WebClient;
  context: { botUserId?: string; retryNum?: number; retryReason?: string; teamId?: string };
  body: { event_id?: string; team_id?: string };
};

/** The listeners: each turns one kind of Slack request into one command and renders the replies. */
export function slackHandlers(
  deps: SlackDeps,
  log: ChannelLog,
  users: SlackUserDirectory,
  files: { botToken: string; apiUrl: string },
  copies: CopyKeeper,
) {
  /**
   * Events being answered or answered already, here or on another instance: a retry Slack sends because our ack
   * looked slow, or one arriving after the answer was posted, would otherwise post it again.
   */
  const deliveries = deps.deliveries ?? new DeliveredEvents();
  /** Whether to answer `eventId`; if the claims can't be read (a database outage), answering beats silence. */
  const claim = async (eventId: string): Promise<boolean> => {
    try {
      return await deliveries.claim(eventId);
    } catch (error) {
      log.warn(
        `Could not tell whether Slack event ${eventId} was answered already, so answering it: ${describeError(error)}`,
      );
      return true;
    }
  };
  /** Runs the answer to one delivery, once: a later delivery of the same event is dropped, unless this one failed. */
  const once = async (eventId: string, what: string, answer: () => Promise<void>) => {
    if (!(await claim(eventId))) {
      log.debug(`Dropping ${what} ${eventId}: another delivery of it is being or was answered.`);
      return;
    }
    let done = false;
    try {
      await answer();
      done = true;
    } finally {
      await keepGoing(
        done ? "remember that a Slack event was answered" : "let a failed Slack event be retried",
        () => (done ? deliveries.answered(eventId) : deliveries.release(eventId)),
        log,
      );
    }
  };

  const actorOf = async (userId: string): Promise<Actor> => {
    const info = await users.lookup(userId);
    return {
      channel: "slack",
      userId,
      ...(info.name ? { displayName: info.name } : {}),
      ...(info.email ? { email: info.email } : {}),
    };
  };
  /** Delivers what a turn told other people, after this channel has drawn its own answer and copies. */
  const deliver = () => {
    deps.afterTurn?.().catch((error: unknown) => {
      log.error(`Delivering notifications failed: ${describeError(error)}`, error);
    });
  };
  const run = async (command: BotCommand) => {
    const result = await handleSafely(deps.core, command, log);
    return result.replies;
  };
  /** Posts a reply for `userId` and remembers it if its card is about evidence; answers the message's key. */
  const post = async (
    client: WebClient,
    channel: string,
    threadTs: string | undefined,
    reply: BotReply,
    userId: string,
  ) => {
    const sent = await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...messageBody(reply),
    });
    const where = sent.channel ?? channel;
    await copies.shown(reply, { userId, channel: where, ts: sent.ts, threadTs });
    return sent.ts ? messageKey(where, sent.ts) : undefined;
  };

  return {
    async message({ event, body, context, client }: MessageArgs) {
      const message = event as SlackMessageEvent;
      const { user, channel } = message;
      if (!isForTheBot(message, context.botUserId) || !user || !channel) return;
      const eventId = body.event_id ?? `${channel}:${message.ts}`;
      const what = (context.retryNum ?? 0) > 0 ? `Slack retry ${context.retryNum} of` : "Slack event";
      await once(eventId, what, async () => {
        const mentioned = mentionedUsers(message.text ?? "", context.botUserId);
        const [actor, ...others] = await Promise.all([
          actorOf(user),
          ...mentioned.map((id) => users.lookup(id)),
        ]);
        const people = new Map(mentioned.map((id, i) => [id, others[i] ?? {}]));
        const teamId = body.team_id ?? context.teamId;
        const command = messageToCommand(message, {
          eventId,
          ...(teamId ? { teamId } : {}),
          ...(context.botUserId ? { botUserId: context.botUserId } : {}),
          actor: actor as Actor,
          people,
          files: slackFiles(message.files, {
            ...files,
            fileInfo: async (id) => (await client.files.info({ file: id })).file as SlackFile | undefined,
          }),
        });
        const isDirect = message.channel_type === "im";
        const replies = await run(command);
        // Saved after the core has run, so a store that keeps references only for linked people can tell.
        if (isDirect && deps.conversations) {
          const { conversations } = deps;
          // A database outage here must not cost the person their reply.
          await keepGoing(
            "save where to reach a Slack user",
            () => conversations.save(user, "slack", command.conversationReference),
            log,
          );
        }
        for (const reply of replies) {
          const thread = replyThread({
            reply,
            isDirect,
            ...(message.ts ? { messageTs: message.ts } : {}),
            ...(command.threadId ? { threadTs: command.threadId } : {}),
          });
          await post(client, channel, thread, reply, user);
        }
        deliver();
      });
    },

    async blockAction({ ack, body, action, client, respond }: BlockActionArgs) {
      await ack();
      // Changes to a card's inputs are not actions; their values arrive with the button that submits them.
      const isInput = "action_id" in action && action.action_id.startsWith(SLACK_INPUT_ACTION_PREFIX);
      const data = isInput ? undefined : parseButtonValue(buttonValue(action));
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!data || !channel) {
        log.debug(`Ignoring a Slack ${action.type} that is not one of our card actions.`);
        return;
      }
      const message = body.message as { ts?: string; thread_ts?: string; blocks?: unknown[] } | undefined;
      const values = body.state?.values as SlackStateValues | undefined;
      const unfilled = data.verb === TESTIFY_VERB ? missingInputs(message?.blocks, values) : [];
      if (unfilled.length > 0) {
        // Slack only enforces required inputs in a modal; the trigger id lasts 3 seconds, so open it first.
        const form = {
          data,
          channel,
          ...(message?.ts ? { messageTs: message.ts } : {}),
          ...(message?.thread_ts ? { threadTs: message.thread_ts } : {}),
        };
        await client.views.open({ trigger_id: body.trigger_id, view: testimonyForm(form, unfilled, values) });
        return;
      }
      // One press reaching two instances (or sent twice) acts once, as the same message does.
      const eventId = `action:${body.trigger_id}`;
      await once(eventId, "Slack button press", async () => {
        const command = actionToCommand({
          actor: await actorOf(body.user.id),
          channel,
          ...(message?.thread_ts ? { threadTs: message.thread_ts } : {}),
          data,
          inputs: slackInputs(values ?? {}),
          eventId,
          ...(body.team?.id ? { teamId: body.team.id } : {}),
        });
        const ephemeral = Boolean((body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral);
        // The messages this action draws; the pressed one is never redrawn from elsewhere (it may hold unsent choices).
        const written = new Set(message?.ts ? [messageKey(channel, message.ts)] : []);
        const replies = await run(command);
        for (const reply of replies) {
          if (reply.replacesCard && reply.card && message?.ts && !ephemeral) {
            await client.chat.update({ channel, ts: message.ts, ...messageBody(reply) });
            await copies.shown(reply, { userId: body.user.id, channel, ts: message.ts });
          } else if (reply.replacesCard && reply.card && ephemeral) {
            await respond({ replace_original: true, ...messageBody(reply) });
          } else {
            const thread = replyThread({
              reply,
              isDirect: channel.startsWith("D"),
              ...(message?.ts ? { messageTs: message.ts } : {}),
              ...(message?.thread_ts ? { threadTs: message.thread_ts } : {}),
            });
            const key = await post(client, channel, thread, reply, body.user.id);
            if (key) written.add(key);
          }
        }
        await copies.afterAction(client, data, replies, written);
        deliver();
      });
    },

    async testimony({ ack, body, view, client }: ViewArgs) {
      await ack();
      const form = readTestimonyContext(view.private_metadata);
      if (!form) {
        log.warn("A Slack testimony form came back without its context; ignored.");
        return;
      }
      const threadTs = form.threadTs ?? form.messageTs;
      const command = actionToCommand({
        actor: await actorOf(body.user.id),
        channel: form.channel,
        ...(threadTs ? { threadTs } : {}),
        data: form.data,
        inputs: slackInputs(view.state.values as SlackStateValues),
        eventId: `view:${view.id}`,
        ...(body.team?.id ? { teamId: body.team.id } : {}),
      });
      const written = new Set(form.messageTs ? [messageKey(form.channel, form.messageTs)] : []);
      const replies = await run(command);
      for (const reply of replies) {
        if (reply.replacesCard && reply.card && form.messageTs) {
          await client.chat.update({ channel: form.channel, ts: form.messageTs, ...messageBody(reply) });
          await copies.shown(reply, { userId: body.user.id, channel: form.channel, ts: form.messageTs });
        } else {
          const isDirect = form.channel.startsWith("D");
          const thread = isDirect && !reply.inThread ? form.threadTs : threadTs;
          const key = await post(client, form.channel, thread, reply, body.user.id);
          if (key) written.add(key);
        }
      }
      await copies.afterAction(client, form.data, replies, written);
      deliver();
    },

    async slash({ ack, command, respond }: CommandArgs) {
      await ack();
      const text = command.text.trim() || "help";
      const replies = await run({
        channel: "slack",
        actor: await actorOf(command.user_id),
        conversationId: command.channel_id,
        text,
        eventId: `command:${command.trigger_id}`,
        conversationReference: { channel: command.channel_id, teamId: command.team_id },
      });
      deliver();
      for (const reply of replies) await respond({ response_type: "ephemeral", ...messageBody(reply) });
    },
  };
}

type BlockActionArgs = Parameters<Parameters<App["action"]>[1]>[0] & { body: BlockAction };
type ViewArgs = Parameters<Parameters<App["view"]>[1]>[0];
type CommandArgs = Parameters<Parameters<App["command"]>[1]>[0];

/** The payload a button or a select option carries. */
function buttonValue(action: BlockActionArgs["action"]): string | undefined {
  if (action.type === "button") return action.value;
  return (action as { selected_option?: { value?: string } }).selected_option?.value;
}
