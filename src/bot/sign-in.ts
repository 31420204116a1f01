// The `link` command: a sign-in link to the person's own pages, and in Teams one that opens the My portfolio tab.
import { firstPage } from "../core/first-page.ts";
import { pageLink } from "./page-links.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";

/** Answers `link` (also "sign in", "open portfolio"): a button for the browser, and in Teams one for the tab. */
export function signIn(turn: Turn): BotReply[] {
  const browser = pageLink(turn, turn.person.id, firstPage(turn.person), "Open my pages");
  const tab = turn.command.channel === "teams" ? turn.deps.tabLink?.(turn.person.id) : undefined;
  if (!browser && !tab)
    return [say("Shiftnote's pages are not served here, so there is nothing to sign in to.")];
  const replies: BotReply[] = [];
  if (tab)
    replies.push(
      card({
        kind: "message",
        view: {
          text: "Your progress, gaps and recent evidence in the My portfolio tab of this app, signed in as you.",
          link: { label: "Open the My portfolio tab", url: tab },
        },
      }),
    );
  if (browser)
    replies.push(
      card({ kind: "message", view: { text: "The same pages in your web browser.", link: browser } }),
    );
  replies.push(say("Each button signs you in once, within 30 minutes. Type link again for new ones."));
  return replies;
}
