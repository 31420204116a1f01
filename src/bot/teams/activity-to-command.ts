// Turns one Teams activity (message, card submit, Action.Execute invoke) into the neutral bot command.
import { randomUUID } from "node:crypto";
import type { Activity, ChannelAccount, Mention } from "@microsoft/agents-activity";
import type { Actor, BotCommand, CardActionData } from "../types.ts";

export const ACTION_INVOKE = "adaptiveCard/action";

/** The platform user id the core sees: the Entra object id when Teams gives it (stable across chats), else the 29:… id. */
export function teamsUserId(account: ChannelAccount | undefined): string | undefined {
  return account?.aadObjectId ?? account?.id;
}

/** What kind of Teams activity this is for us, or undefined when it is none of our business. */
export function activityKind(activity: Activity): "message" | "action" | undefined {
  if (activity.type === "message") return "message";
  if (activity.type === "invoke" && activity.name === ACTION_INVOKE) return "action";
  return undefined;
}

/** Builds the command; emails and files are added by the caller, who can reach the connector. */
export function activityToCommand(activity: Activity): BotCommand | undefined {
  const kind = activityKind(activity);
  const userId = teamsUserId(activity.from);
  const conversationId = activity.conversation?.id;
  if (!kind || !userId || !conversationId) return undefined;
  const actor: Actor = {
    channel: "teams",
    userId,
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
  };
  const threadId = threadOf(activity);
  const base = {
    channel: "teams" as const,
    actor,
    conversationId,
    ...(threadId ? { threadId } : {}),
    eventId: activity.id ?? randomUUID(),
    conversationReference: activity.getConversationReference(),
  };
  if (kind === "action") {
    const action = executeActionData(activity.value);
    return action ? { ...base, text: "", action } : undefined;
  }
  const submitted = submitActionData(activity.value);
  const mentions = mentionedPeople(activity);
  // With resource-specific consent every channel and group chat message arrives; unmentioned ones are overheard.
  const overheard = activity.conversation?.conversationType !== "personal" && !mentionsTheBot(activity);
  return {
    ...base,
    text: plainText(activity),
    ...(submitted ? { action: submitted } : {}),
    ...(mentions.length > 0 ? { mentions } : {}),
    ...(overheard && !submitted ? { overheard: true } : {}),
  };
}

/**
 * The thread a message is in: in a channel the reply chain's root message id (`;messageid=` in the conversation
 * id); in a group chat the message it replies to (`replyToId`).
 */
export function threadOf(activity: Activity): string | undefined {
  const root = /;messageid=(\d+)/.exec(activity.conversation?.id ?? "")?.[1];
  if (root) return root;
  if (activity.conversation?.conversationType === "groupChat") return activity.replyToId ?? undefined;
  return undefined;
}

/** Whether the message @mentions the bot itself. */
function mentionsTheBot(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && mentions(activity).some((mention) => mention.mentioned.id === botId);
}

/** `{ action: { type: "Action.Execute", verb, data } }` → `{ ...data, verb }` (Teams merges the card's inputs into data). */
export function executeActionData(value: unknown): CardActionData | undefined {
  if (!isRecord(value) || !isRecord(value.action)) return undefined;
  const { verb, data } = value.action;
  if (typeof verb !== "string" || verb.length === 0) return undefined;
  return { ...(isRecord(data) ? data : {}), verb };
}

/** An older client's Action.Submit arrives as a message whose value carries the verb. */
function submitActionData(value: unknown): CardActionData | undefined {
  if (!isRecord(value) || typeof value.verb !== "string" || value.verb.length === 0) return undefined;
  return { ...value, verb: value.verb };
}

/** Everyone @mentioned except the bot itself. */
export function mentionedPeople(activity: Activity): Actor[] {
  const botId = activity.recipient?.id;
  const seen = new Set<string>();
  const people: Actor[] = [];
  for (const mention of mentions(activity)) {
    const userId = teamsUserId(mention.mentioned);
    if (!userId || mention.mentioned.id === botId || seen.has(userId)) continue;
    seen.add(userId);
    people.push({
      channel: "teams",
      userId,
      ...(mention.mentioned.name ? { displayName: mention.mentioned.name } : {}),
    });
  }
  return people;
}

/** The message text without the bot's own @mention and with other mentions as plain names. */
export function plainText(activity: Activity): string {
  let text = activity.text ?? "";
  const botId = activity.recipient?.id;
  for (const mention of mentions(activity)) {
    if (mention.mentioned.id === botId && mention.text) text = text.split(mention.text).join(" ");
  }
  return text
    .replace(/<at[^>]*>(.*?)<\/at>/gi, "$1")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function mentions(activity: Activity): Mention[] {
  return (activity.entities ?? []).filter(
    (entity): entity is Mention & typeof entity =>
      entity.type === "mention" && isRecord((entity as Partial<Mention>).mentioned),
  ) as Mention[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
