// Turns card views and plain words into the replies every channel renders.
import { adaptiveCard, type CardView, slackBlocks, slackFallbackText } from "../cards/index.ts";
import type { BotReply } from "./types.ts";

/** A plain text reply. */
export const say = (text: string): BotReply => ({ text });

/** A card reply, rendered once for Teams and the web (Adaptive Card) and once for Slack (Block Kit). */
export function card(view: CardView, options: { replacesCard?: boolean; text?: string } = {}): BotReply {
  const adaptive = adaptiveCard(view);
  // A card about one piece of evidence carries a refresh action with its ids; other channels get them as `about`.
  const about = adaptive.refresh?.action.data;
  return {
    ...(options.text ? { text: options.text } : {}),
    card: {
      adaptive: adaptive as unknown as Record<string, unknown>,
      blocks: slackBlocks(view),
      fallbackText: slackFallbackText(view),
      ...(about ? { about: { evidenceId: about.evidenceId, version: about.version } } : {}),
    },
    ...(options.replacesCard ? { replacesCard: true } : {}),
  };
}
