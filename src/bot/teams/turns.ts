// The Teams turns: a message or a card action becomes one bot command; the replies become activities or the invoke response.
import { type Activity, ActivityTypes } from "@microsoft/agents-activity";
import type { CloudAdapter, TurnContext } from "@microsoft/agents-hosting";
import { REFRESH_VERB } from "../../cards/index.ts";
import type { TeamsConfig } from "../../core/config.ts";
import { handleSafely } from "../channel-errors.ts";
import { type ChannelLog, describeError } from "../channel-log.ts";
import type { ConversationStore } from "../conversation-store.ts";
import type { BotCommand, BotCore } from "../types.ts";
import { ACTION_INVOKE, activityToCommand, teamsUserId } from "./activity-to-command.ts";
import { attachmentsToFiles } from "./attachments.ts";
import type { MemberDirectory } from "./member-info.ts";
import { actionResponse, badActionBody, replyActivity } from "./render.ts";

export type BotIdentity = Parameters<CloudAdapter["continueConversation"]>[0];

export interface TeamsDeps {
  config: TeamsConfig;
  core: BotCore;
  conversations?: ConversationStore;
  /** Called after each turn, so what the turn told other people (in the outbox) is delivered at once. */
  afterTurn?: () => Promise<void>;
  log?: ChannelLog;
}

/** The routes: a message, an invoke (card action) and the app being added, each as one bot command. */
export function turnHandlers(deps: TeamsDeps, log: ChannelLog, members: MemberDirectory) {
  /** Saved after the core has run, so a store that keeps references only for linked people can tell. */
  const remember = async (context: TurnContext, personKey: string) => {
    if (!deps.conversations || context.activity.conversation?.conversationType !== "personal") return;
    // Without the activity id, a later message starts afresh instead of replying to this one.
    const { activityId: _reply, ...reference } = context.activity.getConversationReference();
    await deps.conversations.save(personKey, "teams", reference);
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

  return {
    async message(context: TurnContext) {
      const parsed = activityToCommand(context.activity);
      if (!parsed) return;
      const files = attachmentsToFiles(context.activity.attachments, {
        serviceUrl: context.activity.serviceUrl,
        getToken: () => connectorToken(context),
      });
      const command = await withIdentity(context, { ...parsed, ...(files.length > 0 ? { files } : {}) });
      const result = await handleSafely(deps.core, command, log);
      await remember(context, command.actor.userId);
      for (const reply of result.replies) {
        const activity = replyActivity(reply);
        if (reply.replacesCard && reply.card && context.activity.replyToId) {
          // An older client's Action.Submit: update the card it came from.
          activity.id = context.activity.replyToId;
          await context.updateActivity(activity);
        } else {
          await context.sendActivity(activity);
        }
      }
      await notify();
    },

    async invoke(context: TurnContext) {
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
      const { body, rest } = actionResponse(result.replies);
      const pressedCardId = context.activity.replyToId;
      // A refresh is one person's view of a copy: it answers them only and must not overwrite the others'.
      const refresh = command.action?.verb === REFRESH_VERB;
      if (body.type === "application/vnd.microsoft.card.adaptive" && pressedCardId && !refresh) {
        // The invoke response refreshes the card for whoever pressed; updating the message refreshes it for everyone.
        const updated = replyActivity({ card: { adaptive: body.value, blocks: [], fallbackText: "" } });
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
      for (const reply of rest) await context.sendActivity(replyActivity(reply));
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
