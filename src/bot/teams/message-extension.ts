// Teams message actions ("File as evidence", "Ask a witness"): the invoke becomes a command; the replies answer in a dialog.
import { randomUUID } from "node:crypto";
import type { Activity } from "@microsoft/agents-activity";
import type { BotCommand, BotReply, CardActionData, MessageAction } from "../types.ts";
import { teamsUserId } from "./activity-to-command.ts";
import { ADAPTIVE_CARD_RESPONSE, teamsCard } from "./render.ts";

/** The invoke Teams sends when a message action with `fetchTask: true` is chosen: we answer with the dialog. */
export const FETCH_TASK_INVOKE = "composeExtension/fetchTask";
/** The invoke Teams sends when something in that dialog is submitted. */
export const SUBMIT_ACTION_INVOKE = "composeExtension/submitAction";

/** The command ids in manifest/teams/manifest.json's composeExtensions. */
export const EXTENSION_COMMANDS: Record<string, MessageAction["kind"]> = {
  fileEvidence: "file_evidence",
  askWitness: "ask_witness",
};

interface MessagePayload {
  body?: { content?: string; contentType?: string };
  from?: { user?: { id?: string; aadObjectId?: string; displayName?: string } };
}

/** Whether this invoke is one of our message actions. */
export const isExtensionInvoke = (activity: Activity) =>
  activity.type === "invoke" &&
  (activity.name === FETCH_TASK_INVOKE || activity.name === SUBMIT_ACTION_INVOKE);

/**
 * The command for a message action: the message's text to file, with its author when the person acting is not
 * them; or, for a button pressed inside the dialog, that button's action.
 */
export function extensionCommand(activity: Activity): BotCommand | undefined {
  const value = isRecord(activity.value) ? activity.value : {};
  const userId = teamsUserId(activity.from);
  const conversationId = activity.conversation?.id;
  if (!userId || !conversationId) return undefined;
  const base = {
    channel: "teams" as const,
    actor: {
      channel: "teams" as const,
      userId,
      ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    },
    conversationId,
    eventId: activity.id ?? randomUUID(),
  };
  const data = isRecord(value.data) ? value.data : undefined;
  if (activity.name === SUBMIT_ACTION_INVOKE && data && typeof data.verb === "string" && data.verb)
    return { ...base, text: "", action: { ...data, verb: data.verb } as CardActionData };
  const kind = typeof value.commandId === "string" ? EXTENSION_COMMANDS[value.commandId] : undefined;
  if (!kind) return undefined;
  const payload = (isRecord(value.messagePayload) ? value.messagePayload : {}) as MessagePayload;
  const author = payload.from?.user;
  const authorId = author?.aadObjectId ?? author?.id;
  // Teams names the author by their Entra object id; the person acting is known by it and by their 29:… id.
  const mine = [activity.from?.aadObjectId, activity.from?.id].filter(Boolean);
  const action: MessageAction = {
    kind,
    ...(authorId ? { authorUserId: mine.includes(authorId) ? userId : authorId } : {}),
    ...(author?.displayName ? { authorName: author.displayName } : {}),
  };
  return { ...base, text: messageText(payload), messageAction: action };
}

/** The message's body as plain text (Teams sends it as HTML). */
function messageText(payload: MessagePayload): string {
  const content = payload.body?.content ?? "";
  const text =
    payload.body?.contentType === "text"
      ? content
      : content
          .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, "\n")
          .replace(/<[^>]+>/g, "")
          .replace(/&nbsp;/g, " ")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&");
  return text
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The invoke response: a dialog showing the first card (with the replies' words above it), or a message dialog
 * when there is no card (a refusal, a question).
 */
export function extensionResponse(replies: BotReply[]): Record<string, unknown> {
  const words = replies.filter((reply) => reply.text).map((reply) => reply.text as string);
  const withCard = replies.find((reply) => reply.card);
  if (!withCard?.card) return { task: { type: "message", value: words.join("\n\n") || "Done." } };
  const content = structuredClone(teamsCard(withCard) ?? {}) as { body?: unknown[] };
  const lead = words.map((text) => ({ type: "TextBlock", text, wrap: true }));
  content.body = [...lead, ...(content.body ?? [])];
  return {
    task: {
      type: "continue",
      value: {
        title: "Shiftnote",
        width: "large",
        height: "large",
        card: { contentType: ADAPTIVE_CARD_RESPONSE, content },
      },
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
