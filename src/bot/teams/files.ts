// Files shared in a Teams channel or group chat: they reach a bot only through Graph, so the bot says how to send them.
import type { Activity } from "@microsoft/agents-activity";

/** What the bot says when a file was shared where it cannot download it. */
export const SHARED_FILE_NOTICE =
  "I can't open files shared in a channel or group chat: Teams keeps them in SharePoint, out of my reach. To add a photo or document to your evidence, send it to me in a private chat with Shiftnote, with a few words about what happened.";

/**
 * True when a message outside a personal chat carried a file: Teams sends only an HTML copy of the message with an
 * `<attachment id="…">` tag (or a file reference) in place of the file, and no download URL.
 */
export function sharedFileOutOfReach(activity: Pick<Activity, "conversation" | "attachments">): boolean {
  if (activity.conversation?.conversationType === "personal") return false;
  return (activity.attachments ?? []).some((a) => {
    if (a.contentType === "reference") return true;
    const html = typeof a.content === "string" ? a.content : "";
    return (a.contentType ?? "").startsWith("text/html") && /<attachment\s+id=/i.test(html);
  });
}
