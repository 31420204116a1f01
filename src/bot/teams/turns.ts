// The Teams turns: a message or a card action becomes one bot command; the replies become activities or the invoke response.
import { type Activity, ActivityTypes } from "@microsoft/agents-activity";
import type { CloudAdapter, TurnContext } from "@microsoft/agents-hosting";
import { type CardView, REFRESH_VERB } from "../../cards/index.ts";
import type { TeamsConfig } from "../../core/config.ts";
import { handleSafely, keepGoing } from "../channel-errors.ts";
import { type ChannelLog, describeError } from "../channel-log.ts";
import type { ConversationStore } from "../conversation-store.ts";
import type { BotCommand, BotCore, BotReply } from "../types.ts";
import { ACTION_INVOKE, activityToCommand, teamsUserId } from "./activity-to-command.ts";
import { attachmentsToFiles } from "./attachments.ts";
import { SHARED_FILE_NOTICE, sharedFileOutOfReach } from "./files.ts";
import type { GraphFiles } from "./graph-files.ts";
import type { MemberDirectory } from "./member-info.ts";
import { extensionCommand, extensionResponse, isExtensionInvoke } from "./message-extension.ts";
import { actionResponse, badActionBody, cardActivity, type RenderOptions, replyActivity } from "./render.ts";
import { cardCopyOf, type TeamsCardCopies } from "./thread-copies.ts";

export type BotIdentity = Parameters<CloudAdapter["continueConversation"]>[0];

export interface TeamsDeps {
  config: TeamsConfig;
  core: BotCore;
  conversations?: ConversationStore;
  /** Called after each turn, so what the turn told other people (in the outbox) is delivered at once. */
  afterTurn?: () => Promise<void>;
  /** Where cards posted in channels and group chats are recorded, so a reply under one is known as about its evidence. */
  cardCopies?: TeamsCardCopies;
  /** Fetches files shared in channels and group chats through Graph (TEAMS_GRAPH_FILES); absent, the bot says how to send them. */
  graphFiles?: GraphFiles;
  /** The Teams user ids of the people who may act on a card about `evidenceId`, for its refresh (none: only the speaker). */
  refreshAudience?: RefreshAudience;
  log?: ChannelLog;
}

export type RefreshAudience = (view: CardView, evidenceId: string) => Promise<string[]>;

/**
 * Who a card's refresh is for: the people who may act on it (candidate, assessor, witness: `refreshAudience`), and
 * in a personal chat its reader `first` ahead of them. In a channel or group chat the reader is named only when
 * nobody who may act on the card is known (the cards module keeps the first 60).
 */
export async function refreshFor(
  deps: Pick<TeamsDeps, "refreshAudience">,
  reply: BotReply | undefined,
  first: string | undefined,
  log: ChannelLog,
  personal = true,
): Promise<RenderOptions> {
  let actors: string[] = [];
  const about = reply?.card?.about;
  if (reply?.card && about && deps.refreshAudience) {
    try {
      actors = await deps.refreshAudience(reply.card.view, about.evidenceId);
    } catch (error) {
      // Without the list the card still refreshes for the person in front of it.
      log.warn(`Could not tell who a card refreshes for: ${describeError(error)}`);
    }
  }
  const reader = first && (personal || actors.length === 0) ? [first] : [];
  const ids = [...new Set([...reader, ...actors])];
  return ids.length > 0 ? { refreshUserIds: ids } : {};
}

/** The routes: a message, an invoke (card action) and the app being added, each as one bot command. */
export function turnHandlers(deps: TeamsDeps, log: ChannelLog, members: MemberDirectory) {
  /** Saved after the core has run, so a store that keeps references only for linked people can tell. */
  const remember = async (context: TurnContext, personKey: string) => {
    if (!deps.conversations || context.activity.conversation?.conversationType !== "personal") return;
    // Without the activity id, a later message starts afresh instead of replying to this one.
    const { activityId: _reply, ...reference } = context.activity.getConversationReference();
    const { conversations } = deps;
    // A database outage here must not cost the person their reply (or a card action its invoke response).
    await keepGoing(
      "save where to reach a Teams user",
      () => conversations.save(personKey, "teams", reference),
      log,
    );
  };
  const notify = async () => {
    if (!deps.afterTurn) return;
    try {
      await deps.afterTurn();
    } catch (error) {
      log.error(`Delivering notifications failed: ${describeError(error)}`, error);
    }
  };
  const withIdentity = async (context: TurnContext, command: BotCommand): Promise<BotCommand> => {
    const me = await members.lookup(context, context.activity.from);
    const mentions = command.mentions
      ? await Promise.all(
          command.mentions.map(async (person) => {
            const account = context.activity.entities
              ?.map((entity) => (entity as { mentioned?: { id?: string; aadObjectId?: string } }).mentioned)
              .find((mentioned) => mentioned && teamsUserId(mentioned) === person.userId);
            const info = account?.id ? await members.lookup(context, account) : {};
            return info.email ? { ...person, email: info.email } : person;
          }),
        )
      : undefined;
    return {
      ...command,
      actor: { ...command.actor, ...(me.email ? { email: me.email } : {}) },
      ...(mentions ? { mentions } : {}),
    };
  };

  const recordCopy = async (
    context: TurnContext,
    reply: BotReply,
    sentId: string | undefined,
    userId: string,
  ) => {
    const copy = deps.cardCopies ? cardCopyOf(context.activity, reply, sentId, userId) : undefined;
    if (!copy) return;
    try {
      await deps.cardCopies?.record(copy);
    } catch (error) {
      log.warn(`Could not record a Teams evidence card: ${describeError(error)}`, error);
    }
  };

  const sharedFiles = async (activity: Activity) => {
    if (!deps.graphFiles) return [];
    try {
      return await deps.graphFiles.filesOf(activity);
    } catch (error) {
      log.warn(`Could not read a shared file through Microsoft Graph: ${describeError(error)}`);
      return [];
    }
  };

  /** The card's refresh: the person who spoke or pressed (their Teams MRI) first, then whoever may act on it. */
  const forSpeaker = (context: TurnContext, reply: BotReply | undefined) =>
    refreshFor(
      deps,
      reply,
      context.activity.from?.id,
      log,
      context.activity.conversation?.conversationType === "personal",
    );

  return {
    async message(context: TurnContext) {
      const parsed = activityToCommand(context.activity);
      if (!parsed) return;
      let files = attachmentsToFiles(context.activity.attachments, {
        serviceUrl: context.activity.serviceUrl,
        getToken: () => connectorToken(context),
      });
      // A file shared in a channel or group chat is in SharePoint: Graph fetches it when the app may, else the bot
      // says how to send it. A message that was only overheard (no mention) is not read for files at all.
      if (!files.length && !parsed.overheard && sharedFileOutOfReach(context.activity)) {
        files = await sharedFiles(context.activity);
        if (!files.length) await context.sendActivity(SHARED_FILE_NOTICE);
      }
      const command = await withIdentity(context, { ...parsed, ...(files.length > 0 ? { files } : {}) });
      const result = await handleSafely(deps.core, command, log);
      await remember(context, command.actor.userId);
      for (const reply of result.replies) {
        const activity = replyActivity(reply, await forSpeaker(context, reply));
        if (reply.replacesCard && reply.card && context.activity.replyToId) {
          // An older client's Action.Submit: update the card it came from.
          activity.id = context.activity.replyToId;
          await context.updateActivity(activity);
        } else {
          const sent = await context.sendActivity(activity);
          await recordCopy(context, reply, sent?.id, command.actor.userId);
        }
      }
      await notify();
    },

    async invoke(context: TurnContext) {
      if (isExtensionInvoke(context.activity)) {
        const parsed = extensionCommand(context.activity);
        if (!parsed) {
          await sendInvokeResponse(context, 200, { task: { type: "message", value: UNKNOWN_EXTENSION } });
          return;
        }
        const result = await handleSafely(deps.core, await withIdentity(context, parsed), log);
        await sendInvokeResponse(context, 200, extensionResponse(result.replies));
        await notify();
        return;
      }
      const parsed =
        context.activity.name === ACTION_INVOKE ? activityToCommand(context.activity) : undefined;
      if (!parsed) {
        await sendInvokeResponse(
          context,
          400,
          badActionBody("This app does not handle that kind of request."),
        );
        return;
      }
      const command = await withIdentity(context, parsed);
      const result = await handleSafely(deps.core, command, log);
      await remember(context, command.actor.userId);
      const replacing = result.replies.find((reply) => reply.replacesCard && reply.card);
      const { body, rest } = actionResponse(result.replies, await forSpeaker(context, replacing));
      const pressedCardId = context.activity.replyToId;
      // A refresh is one person's view of a copy: it answers them only and must not overwrite the others'.
      const refresh = command.action?.verb === REFRESH_VERB;
      if (body.type === "application/vnd.microsoft.card.adaptive" && pressedCardId && !refresh) {
        // The invoke response refreshes the card for whoever pressed; updating the message refreshes it for everyone.
        const updated = cardActivity(body.value);
        updated.id = pressedCardId;
        try {
          await context.updateActivity(updated);
        } catch (error) {
          log.warn(
            `Could not update the card for everyone in ${command.conversationId}: ${describeError(error)}`,
          );
        }
      }
      await sendInvokeResponse(context, 200, body);
      for (const reply of rest)
        await context.sendActivity(replyActivity(reply, await forSpeaker(context, reply)));
      await notify();
    },

    async installed(context: TurnContext) {
      const botId = context.activity.recipient?.id;
      const botAdded = context.activity.membersAdded?.some((member) => member.id === botId);
      const installer = teamsUserId(context.activity.from);
      if (botAdded && installer) await remember(context, installer);
    },
  };
}

const UNKNOWN_EXTENSION =
  "Shiftnote doesn't know that action. Use File as evidence or Ask a witness on a message, or send me the account in our chat.";

async function sendInvokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
  const response = { type: ActivityTypes.InvokeResponse, value: { status, body } } as unknown as Activity;
  await context.sendActivity(response);
}

/** The bot's token for Microsoft's connector hosts; undefined in anonymous mode. */
async function connectorToken(context: TurnContext): Promise<string | undefined> {
  const identity = context.identity as
    | (Exclude<BotIdentity, string> & { azp?: string; appid?: string })
    | undefined;
  if (!identity?.aud) return undefined;
  const adapter = context.adapter as CloudAdapter;
  const scope = identity.azp ?? identity.appid ?? "https://api.botframework.com";
  return adapter.connectionManager
    .getTokenProviderFromActivity(identity, context.activity)
    .getAccessToken(scope);
}
