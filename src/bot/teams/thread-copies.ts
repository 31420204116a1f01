// Which Teams messages show a card about evidence, and in which reply chain: so a reply under it can be found as testimony.
import type { Activity } from "@microsoft/agents-activity";
import type { BotReply } from "../types.ts";

/** Where the Teams channel records the evidence cards it posts in channels and group chats. */
export interface TeamsCardCopies {
  record(copy: {
    evidenceId: string;
    userId: string;
    channel: string;
    ts: string;
    threadTs?: string;
  }): Promise<void>;
}

/**
 * The copy to record for a card just sent in answer to `inbound`, or undefined (personal chats have no threads).
 * A channel's reply chain is its own conversation (`<channel>;messageid=<root>`): the copy is kept under it, with
 * the root as its thread, so a reply anywhere in that chain finds it. In a group chat a reply names the message it
 * answers (`replyToId`), which is the card's own id.
 */
export function cardCopyOf(
  inbound: Activity,
  reply: BotReply,
  sentId: string | undefined,
  userId: string,
): { evidenceId: string; userId: string; channel: string; ts: string; threadTs?: string } | undefined {
  const about = reply.card?.about;
  const conversation = inbound.conversation;
  if (!about || !sentId || !conversation?.id) return undefined;
  if (conversation.conversationType === "groupChat")
    return { evidenceId: about.evidenceId, userId, channel: conversation.id, ts: sentId };
  if (conversation.conversationType !== "channel") return undefined;
  const root = /;messageid=(\d+)/.exec(conversation.id)?.[1] ?? sentId;
  const base = conversation.id.replace(/;messageid=\d+$/, "");
  return {
    evidenceId: about.evidenceId,
    userId,
    channel: `${base};messageid=${root}`,
    ts: sentId,
    threadTs: root,
  };
}
