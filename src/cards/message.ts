// A plain message as a card, for replies where a card is handy (help, errors, confirmations).

import type { KnownBlock } from "@slack/types";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { truncate } from "./text.ts";
import type { MessageView } from "./views.ts";

const asView = (view: MessageView | string): MessageView =>
  typeof view === "string" ? { text: view } : view;

/** Adaptive Card holding a short message, with an optional title. */
export function messageCard(view: MessageView | string): ac.AdaptiveCard {
  const { text, title, link } = asView(view);
  return ac.card(
    [...(title ? [ac.heading(title)] : []), ac.text(truncate(text, 4000))],
    link ? [ac.openUrl(link.label, link.url)] : [],
  );
}

/** Block Kit holding a short message, with an optional title. */
export function messageBlocks(view: MessageView | string): KnownBlock[] {
  const { text, title, link } = asView(view);
  return [
    ...(title ? [sk.header(title)] : []),
    sk.section(sk.esc(text)),
    ...(link ? [sk.actions([sk.linkButton(link.label, link.url)])] : []),
  ];
}
