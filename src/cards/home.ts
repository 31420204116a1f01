// The Slack App Home tab: a header, then one section per part (progress, queue, sampling), as a Block Kit home view.
import type { HomeView, KnownBlock } from "@slack/types";

/** One part of the home tab: a heading and the blocks of a card (or a line of text) under it. */
export interface HomePart {
  heading: string;
  blocks?: readonly unknown[];
  text?: string;
}

/** Slack shows at most 100 blocks in a view. */
const MAX_BLOCKS = 100;

export function slackHomeView(input: {
  name: string;
  parts: readonly HomePart[];
  updatedAt: string;
}): HomeView {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Shiftnote for ${input.name}`.slice(0, 150) } },
  ];
  for (const part of input.parts) {
    const body: KnownBlock[] = [
      { type: "divider" },
      { type: "section", text: { type: "mrkdwn", text: `*${part.heading}*` } },
      ...((part.blocks ?? []) as KnownBlock[]),
      ...(part.text
        ? [{ type: "section", text: { type: "mrkdwn", text: part.text.slice(0, 3000) } } as KnownBlock]
        : []),
    ];
    // a part that does not fit is left out whole rather than cut in the middle
    if (blocks.length + body.length + 1 > MAX_BLOCKS) break;
    blocks.push(...body);
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `Updated ${input.updatedAt}. Open this tab again to refresh it.` }],
  });
  return { type: "home", blocks };
}
