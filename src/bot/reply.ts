// Turns card views and plain words into the core's replies; each channel renders the view its own way.
import { type CardView, cardAbout } from "../cards/index.ts";
import type { BotReply } from "./types.ts";

/** A plain text reply. */
export const say = (text: string): BotReply => ({ text });

/** A card reply: the neutral view, and the evidence it is about (so a channel can keep and redraw copies). */
export function card(view: CardView, options: { replacesCard?: boolean; text?: string } = {}): BotReply {
  const about = cardAbout(view);
  return {
    ...(options.text ? { text: options.text } : {}),
    card: { view, ...(about ? { about } : {}) },
    ...(options.replacesCard ? { replacesCard: true } : {}),
  };
}
