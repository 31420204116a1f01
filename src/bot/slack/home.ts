// The App Home tab: on app_home_opened, the person's progress, recent evidence, queue or sampling, published with views.publish.
import type { WebClient } from "@slack/web-api";
import { type HomePart, slackBlocks, slackHomeView } from "../../cards/index.ts";
import type { Actor, BotCore } from "../types.ts";

/** What the home tab asks the core, in order, and the heading each answer goes under. */
/** What the tab asks the core for; `only` keeps the cards of that kind (staff's `progress` answers with their queue). */
const PARTS: ReadonlyArray<{ text: string; heading: string; only?: string }> = [
  { text: "progress", heading: "Your progress and what to aim for next", only: "coverage" },
  { text: "recent", heading: "Your recent evidence", only: "message" },
  { text: "queue", heading: "Waiting for your decision" },
  { text: "sample", heading: "Assessed evidence to sample" },
];

export interface HomeOpened {
  user: string;
  tab?: string;
  channel?: string;
  event_ts?: string;
}

/**
 * Builds the tab from the same answers the bot gives in a chat ("progress", "queue", "sample"), keeping the parts that
 * are cards for this person; someone with none of them sees what they can do. Only the Home tab is drawn.
 */
export async function publishHome(
  event: HomeOpened,
  deps: {
    core: BotCore;
    client: WebClient;
    lookup: (userId: string) => Promise<{ name?: string; email?: string }>;
    now?: () => Date;
  },
): Promise<boolean> {
  if (event.tab && event.tab !== "home") return false;
  const info = await deps.lookup(event.user);
  const actor: Actor = {
    channel: "slack",
    userId: event.user,
    ...(info.name ? { displayName: info.name } : {}),
    ...(info.email ? { email: info.email } : {}),
  };
  const ask = async (text: string) =>
    (
      await deps.core.handle({
        channel: "slack",
        actor,
        conversationId: event.channel ?? `home:${event.user}`,
        text,
        eventId: `home:${event.user}:${event.event_ts ?? Date.now()}:${text}`,
      })
    ).replies;
  const parts: HomePart[] = [];
  for (const part of PARTS) {
    const replies = await ask(part.text);
    const cards = replies.flatMap((r) =>
      r.card && (!part.only || r.card.view.kind === part.only) ? slackBlocks(r.card.view) : [],
    );
    if (!cards.length) continue;
    const links = replies.filter((r) => !r.card && r.text).map((r) => r.text);
    parts.push({ heading: part.heading, blocks: cards, ...(links.length ? { text: links.join("\n") } : {}) });
  }
  if (!parts.length) {
    const help = (await ask("help")).map((r) => r.text ?? "").join("\n");
    parts.push({ heading: "What you can do here", text: help });
  }
  const view = slackHomeView({
    name: actor.displayName ?? "you",
    parts,
    updatedAt: `${(deps.now?.() ?? new Date()).toISOString().slice(0, 16).replace("T", " ")} UTC`,
  });
  await deps.client.views.publish({ user_id: event.user, view });
  return true;
}
