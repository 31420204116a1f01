// Renders a core reply as a Slack message body: text for notifications, and the card view as Block Kit blocks.
import type { KnownBlock } from "@slack/types";
import { slackBlocks, slackFallbackText } from "../../cards/index.ts";
import type { BotReply } from "../types.ts";

export interface SlackMessageBody {
  text: string;
  blocks?: KnownBlock[];
}

/** Slack shows `text` only when there are no blocks, so a reply with both gets its text as the first block. */
export function messageBody(reply: BotReply): SlackMessageBody {
  if (!reply.card) return { text: reply.text ?? "" };
  const blocks = slackBlocks(reply.card.view);
  const lead: KnownBlock[] = reply.text
    ? [{ type: "section", text: { type: "mrkdwn", text: reply.text } }]
    : [];
  return { text: reply.text ?? slackFallbackText(blocks), blocks: [...lead, ...blocks] };
}

/** The thread a reply goes into: channels always answer in a thread; DMs only when asked or already in one. */
export function replyThread(args: {
  reply: BotReply;
  isDirect: boolean;
  messageTs?: string;
  threadTs?: string;
}): string | undefined {
  if (args.threadTs) return args.threadTs;
  if (!args.isDirect || args.reply.inThread) return args.messageTs;
  return undefined;
}
