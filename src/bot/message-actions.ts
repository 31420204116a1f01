// "File as evidence" and "Ask a witness" on a message (Teams message extension, Slack shortcut): its author files its text.
import { account } from "./conversation.ts";
import { say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply, MessageAction } from "./types.ts";

/** Files the message's text as the speaker's draft, only when they wrote it; answers with the suggestion card. */
export async function handleMessageAction(turn: Turn, action: MessageAction): Promise<BotReply[]> {
  const { person, command } = turn;
  if (action.authorUserId && action.authorUserId !== command.actor.userId) {
    const author = action.authorName ?? "the person who wrote it";
    return [
      say(
        `That message is ${author}'s, and only they can file it as their own evidence, so I haven't kept it. If it describes their work, ask ${action.authorName ? "them" : "its author"} to use File as evidence on it themselves${person.roles.includes("candidate") ? "; to file your own account, use it on a message you wrote, or send me the account here" : ""}.`,
      ),
    ];
  }
  const text = command.text.trim();
  if (!text)
    return [
      say(
        "That message has no words I can file. Use File as evidence on a message that says what happened, or send me the account here.",
      ),
    ];
  const replies = await account(turn, text);
  const drafted = replies.some((reply) => reply.card?.about);
  if (action.kind === "ask_witness" && drafted)
    replies.push(
      say(
        "Who saw this? Type ask followed by their name or email and to witness (for example: ask Sam Jones to witness), and I'll send them this account to confirm.",
      ),
    );
  return replies;
}
