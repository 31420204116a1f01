// Turns Slack events (messages, mentions, button presses, form submissions, slash commands) into neutral bot commands.
import type { Actor, BotCommand, CardActionData, IncomingFile } from "../types.ts";

/** The fields of a Slack message or app_mention event we use. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  channel?: string;
  channel_type?: string;
  ts?: string;
  thread_ts?: string;
  files?: SlackFile[];
}

export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  subtype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  file_access?: string;
  transcription?: { status?: string; preview?: { content?: string; has_more?: boolean } };
}

/** Where a Slack conversation can be reached later (chat.postMessage's channel, and the thread if any). */
export interface SlackReference {
  channel: string;
  threadTs?: string;
  teamId?: string;
  /** The Slack user whose conversation this is (a DM's other party): cards sent there are redrawn as they see them. */
  userId?: string;
}

/** Message subtypes that are a person saying something; edits, joins and bot posts are not. */
const spokenSubtypes = new Set([undefined, "file_share", "thread_broadcast"]);

/**
 * Which message events we pass on: direct messages, and replies in a channel thread (a witness
 * answering under the evidence). Top-level channel chatter is not ours; mentions come as app_mention.
 */
export function isForTheBot(event: SlackMessageEvent, botUserId: string | undefined): boolean {
  if (!event.user || event.bot_id || !spokenSubtypes.has(event.subtype)) return false;
  if (event.type === "app_mention") return true;
  if (event.channel_type === "im") return true;
  const inThread = event.thread_ts !== undefined && event.thread_ts !== event.ts;
  const mentionsBot = botUserId !== undefined && (event.text ?? "").includes(`<@${botUserId}`);
  return inThread && !mentionsBot;
}

export interface MessageParts {
  eventId: string;
  teamId?: string;
  botUserId?: string;
  actor: Actor;
  /** Name and email of the users mentioned in the text, when Slack told us. */
  people: Map<string, { name?: string; email?: string }>;
  files: IncomingFile[];
}

/** A DM, a mention or a thread reply as a command; the thread is the one the message is in, if any. */
export function messageToCommand(event: SlackMessageEvent, parts: MessageParts): BotCommand {
  const channel = event.channel ?? "";
  const threadId = event.thread_ts && event.thread_ts !== event.ts ? event.thread_ts : undefined;
  const mentions = mentionedUsers(event.text ?? "", parts.botUserId).map<Actor>((userId) => {
    const person = parts.people.get(userId);
    return {
      channel: "slack",
      userId,
      ...(person?.name ? { displayName: person.name } : {}),
      ...(person?.email ? { email: person.email } : {}),
    };
  });
  const reference: SlackReference = {
    channel,
    ...(parts.teamId ? { teamId: parts.teamId } : {}),
    ...(event.user ? { userId: event.user } : {}),
  };
  return {
    channel: "slack",
    actor: parts.actor,
    conversationId: channel,
    ...(threadId ? { threadId } : {}),
    text: plainText(event.text ?? "", parts.botUserId, parts.people),
    ...(parts.files.length > 0 ? { files: parts.files } : {}),
    ...(mentions.length > 0 ? { mentions } : {}),
    // A thread reply in a channel reaches us without a mention: the core keeps it only under an evidence card.
    ...(event.type !== "app_mention" && event.channel_type !== "im" ? { overheard: true } : {}),
    eventId: parts.eventId,
    conversationReference: reference,
  };
}

/** User ids mentioned as <@U123> or <@U123|name>, without the bot and without repeats. */
export function mentionedUsers(text: string, botUserId: string | undefined): string[] {
  const ids = [...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((match) => match[1] ?? "");
  return [...new Set(ids)].filter((id) => id && id !== botUserId);
}

/** Slack's mrkdwn source as plain text: no bot mention, people by name, links by label, entities decoded. */
export function plainText(
  text: string,
  botUserId: string | undefined,
  people: Map<string, { name?: string }>,
): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_all, id: string, label?: string) =>
      id === botUserId ? " " : `@${people.get(id)?.name ?? label ?? id}`,
    )
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** A card button's value: JSON `{verb, evidenceId, version}`; anything else is not one of our buttons. */
export function parseButtonValue(value: string | undefined): CardActionData | undefined {
  if (!value || value.length > 2000) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    const data = parsed as Record<string, unknown>;
    return typeof data.verb === "string" && data.verb.length > 0 ? { ...data, verb: data.verb } : undefined;
  } catch {
    return undefined;
  }
}

/** A button press as a command: the button's ids win over any input of the same name. */
export function actionToCommand(args: {
  actor: Actor;
  channel: string;
  threadTs?: string;
  data: CardActionData;
  inputs: Record<string, unknown>;
  eventId: string;
  teamId?: string;
}): BotCommand {
  return {
    channel: "slack",
    actor: args.actor,
    conversationId: args.channel,
    ...(args.threadTs ? { threadId: args.threadTs } : {}),
    text: "",
    action: { ...args.inputs, ...args.data, verb: args.data.verb },
    eventId: args.eventId,
    conversationReference: { channel: args.channel, ...(args.teamId ? { teamId: args.teamId } : {}) },
  };
}
