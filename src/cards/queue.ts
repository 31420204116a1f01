// The assessor's queue: evidence waiting for a decision, oldest first, each with an Open button.

import type { KnownBlock } from "@slack/types";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { formatWhen, plural } from "./text.ts";
import type { QueueItemView, QueueView } from "./views.ts";

const MAX_ITEMS = 25;

const heading = (view: QueueView): string => {
  const total = Math.max(view.total ?? 0, view.items.length);
  return total === 0
    ? "Nothing is waiting for you"
    : `Waiting for you: ${plural(total, "piece")} of evidence`;
};

const itemTitle = (item: QueueItemView): string => `${item.candidateName}${item.ref ? ` · ${item.ref}` : ""}`;
const itemDetail = (item: QueueItemView): string =>
  [
    `Submitted ${formatWhen(item.submittedAt)}`,
    `${item.unitIds.length === 1 ? "Unit" : "Units"} ${item.unitIds.join(", ")}`,
    ...(item.hasTestimony ? ["with witness testimony"] : []),
  ].join(" · ");

const moreWords = (view: QueueView, shown: number): string | null => {
  const more = Math.max(view.total ?? 0, view.items.length) - shown;
  return more > 0 ? `…and ${more} more. Decide these first and the rest will follow.` : null;
};

/** Adaptive Card listing the assessor's waiting evidence. */
export function queueCard(view: QueueView): ac.AdaptiveCard {
  const shown = view.items.slice(0, MAX_ITEMS);
  const body: ac.Element[] = [ac.heading(heading(view))];
  if (shown.length === 0) body.push(ac.text("When a candidate submits evidence, it will appear here."));
  for (const item of shown) {
    body.push({
      type: "ColumnSet",
      separator: true,
      spacing: "medium",
      columns: [
        {
          type: "Column",
          width: "stretch",
          items: [ac.text(itemTitle(item), { weight: "bolder" }), ac.subtle(itemDetail(item))],
        },
        {
          type: "Column",
          width: "auto",
          verticalContentAlignment: "center",
          items: [ac.actionSet([ac.execute("Open", "evidence.open", item)])],
        },
      ],
    });
  }
  const more = moreWords(view, shown.length);
  if (more) body.push(ac.subtle(more, { spacing: "medium" }));
  return ac.card(body);
}

/** Block Kit listing the assessor's waiting evidence. */
export function queueBlocks(view: QueueView): KnownBlock[] {
  const shown = view.items.slice(0, MAX_ITEMS);
  const blocks: KnownBlock[] = [sk.header(heading(view))];
  if (shown.length === 0) blocks.push(sk.section("When a candidate submits evidence, it will appear here."));
  for (const item of shown) {
    blocks.push(
      sk.section(
        `*${sk.esc(itemTitle(item))}*\n${sk.esc(itemDetail(item))}`,
        sk.button("Open", "evidence.open", item, { suffix: item.evidenceId }),
      ),
    );
  }
  const more = moreWords(view, shown.length);
  if (more) blocks.push(sk.context(sk.esc(more)));
  return blocks;
}
