// "queue": the evidence waiting for the assessor's decision, as a card with Open on each; Back to my queue redraws it.

import { pageLink } from "./page-links.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";
import { queueView } from "./views.ts";

/** The assessor's queue; with `replacesCard`, in place of the card pressed (Back to my queue). */
export async function queue(turn: Turn, options: { replacesCard?: boolean } = {}): Promise<BotReply[]> {
  if (!turn.person.roles.includes("assessor"))
    return [say("The queue is for assessors. Type help to see what you can do.")];
  const work = await turn.portfolio.work({ actorId: turn.person.id });
  const link = pageLink(turn, turn.person.id, "/pages/queue", "Queue page");
  const button = (text: string): BotReply[] =>
    link ? [card({ kind: "message", view: { text, link } })] : [];
  if (!work.toAssess.length)
    return [
      say("Nothing is waiting for you. I'll message you when a candidate submits evidence."),
      ...button("Your candidates and their portfolios are on your pages."),
    ];
  const { records: list, names } = await turn.portfolio.withNames(work.toAssess.map((h) => h.id));
  return [
    card({ kind: "queue", view: queueView(list, names) }, options),
    ...button("At your desk, the queue page lists the same evidence; the button works once, for 30 minutes."),
  ];
}
