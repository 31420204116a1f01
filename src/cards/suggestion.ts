// The suggestion card: what a candidate sees after sending an account, to fix the claims and file it.

import type { KnownBlock, ModalView } from "@slack/types";
import { INPUT, payload } from "./actions.ts";
import * as ac from "./adaptive.ts";
import { filesBlocks, filesElements } from "./files.ts";
import * as sk from "./slack.ts";
import { guideList, personalDataWords, plural, quote, shortRef, truncate } from "./text.ts";
import type {
  SuggestedItemView,
  SuggestedKnowledgeView,
  SuggestedUnitView,
  SuggestionView,
} from "./views.ts";

/**
 * By density: account characters shown (the edit box always holds all of it), units and items per unit shown
 * (the rest are summarised: still filed, and the assessor checks each), and characters of each quoted sentence.
 */
const LIMITS = [
  { preview: 700, units: 8, items: 12, quote: 300 },
  { preview: 500, units: 6, items: 8, quote: 160 },
  { preview: 300, units: 4, items: 6, quote: 100 },
  { preview: 200, units: 3, items: 4, quote: 60 },
] as const;

const TITLE = "Here’s what your account shows";
const INTRO = "Untick anything that doesn’t fit, then press Submit. Nothing is filed until you do.";
/** The line above Submit that says what pressing it declares, with the declaration's exact wording. */
export const declarationLine = (declaration: string) => `By pressing Submit you declare: “${declaration}”`;
const EMPTY =
  "I couldn’t match this to your standards yet. Try adding what you did, why you did it and how the customer responded, then use Edit text.";

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const rangeTitle = (r: SuggestedItemView): string => `${capitalise(r.text)} (${shortRef(r.id)})`;
const itemTitle = (i: SuggestedItemView): string => `${i.id} ${i.text}`;
const readWords = (k: SuggestedKnowledgeView): string =>
  k.guideSections.length > 0 ? `To read: Best Practice Guide ${guideList(k.guideSections)}` : "";

interface Shown {
  units: SuggestedUnitView[];
  hiddenItems: number;
}

/** Caps units and items per unit, counting what is left out. */
function capped(view: SuggestionView, limits: (typeof LIMITS)[number]): Shown {
  let hiddenItems = 0;
  const units = view.units.slice(0, limits.units).map((unit) => {
    let room: number = limits.items;
    const take = <T>(items: T[]): T[] => {
      const kept = items.slice(0, Math.max(0, room));
      room -= kept.length;
      hiddenItems += items.length - kept.length;
      return kept;
    };
    return {
      ...unit,
      criteria: take(unit.criteria),
      ranges: take(unit.ranges),
      knowledge: take(unit.knowledge),
    };
  });
  for (const unit of view.units.slice(limits.units)) {
    hiddenItems += unit.criteria.length + unit.ranges.length + unit.knowledge.length;
  }
  return { units, hiddenItems };
}

const leftOutWords = (n: number): string =>
  `…and ${plural(n, "more suggestion")} that did not fit on this card: they are filed with it, and you and your assessor see them all on the evidence's page.`;

const privacyLead = (view: SuggestionView): string =>
  `Your account mentions ${personalDataWords(view.privacy?.kinds ?? [])} of someone else.`;
const PRIVACY_WHY =
  "Evidence should not identify customers. I can file it with those details replaced, for example “[customer’s name]”.";
const REDACT = "File without the customer’s details";

/** The assessor's reasons, first on the card of referred-back evidence: what to change before submitting again. */
const referralLines = (view: SuggestionView): string[] => {
  const r = view.referral;
  if (!r) return [];
  return [
    ...(r.comment ? [`“${r.comment}”`] : []),
    ...(r.notAccepted.length ? [`Not accepted: ${r.notAccepted.join("; ")}`] : []),
    "Press Edit text to change the account, then Submit to send it back.",
  ];
};
const referralLead = (view: SuggestionView): string => `Referred back by ${view.referral?.byName}`;

function unitElements(unit: SuggestedUnitView, max: number): ac.Element[] {
  const items: ac.Element[] = [ac.heading(`${unit.unitId} ${unit.title}`, "default")];
  for (const c of unit.criteria)
    items.push(ac.toggle(INPUT.claim(c.id), itemTitle(c), c.selected), ac.quoted(quote(c.support, max)));
  if (unit.ranges.length > 0)
    items.push(ac.text("Situations covered", { weight: "bolder", spacing: "medium" }));
  for (const r of unit.ranges)
    items.push(ac.toggle(INPUT.claim(r.id), rangeTitle(r), r.selected), ac.quoted(quote(r.support, max)));
  if (unit.knowledge.length > 0)
    items.push(ac.text("Knowledge you showed", { weight: "bolder", spacing: "medium" }));
  for (const k of unit.knowledge) {
    items.push(ac.toggle(INPUT.claim(k.id), itemTitle(k), k.selected), ac.quoted(quote(k.support, max)));
    const read = readWords(k);
    if (read) items.push(ac.subtle(read));
  }
  return [ac.container(items, { separator: true, spacing: "large" })];
}

/** Adaptive Card for the candidate's draft evidence, trimmed to fit a Teams message. */
export function suggestionCard(view: SuggestionView): ac.AdaptiveCard {
  return ac.fitCard((density) => buildCard(view, LIMITS[density]));
}

function buildCard(view: SuggestionView, limits: (typeof LIMITS)[number]): ac.AdaptiveCard {
  const body: ac.Element[] = [
    ac.heading(TITLE),
    ac.subtle(view.ref ? `Evidence ${view.ref}. ${INTRO}` : INTRO),
  ];
  if (view.referral)
    body.push(
      ac.container(
        [
          ac.text(referralLead(view), { weight: "bolder" }),
          ...referralLines(view).map((line) => ac.userText(truncate(line, 600))),
        ],
        { style: "warning", spacing: "medium" },
      ),
    );
  if (view.mapper) body.push(ac.subtle(view.mapper));
  if (view.voice) {
    body.push(
      ac.text(`Transcribed from your voice note (${view.voice.engine})`, {
        weight: "bolder",
        spacing: "medium",
      }),
      {
        type: "Input.Text",
        id: INPUT.text,
        label: "Correct anything I misheard, then press Check again",
        value: view.text,
        isMultiline: true,
      },
      ac.actionSet([ac.execute("Check again", "evidence.edit", view)]),
    );
  } else {
    const shown = truncate(view.text, limits.preview);
    const items: ac.Element[] = [ac.userText(shown)];
    if (shown !== view.text.trim())
      items.push(ac.subtle("This is the start of your account. Choose Edit text to see all of it."));
    body.push(ac.container(items, { style: "emphasis", spacing: "medium" }));
  }
  body.push(...filesElements(view.files));
  if (view.privacy && view.privacy.kinds.length > 0) {
    body.push(
      ac.container(
        [
          ac.text(privacyLead(view), { weight: "bolder" }),
          ac.text(PRIVACY_WHY, { spacing: "small" }),
          ac.actionSet([ac.execute(REDACT, "evidence.redact", view)]),
        ],
        { style: "warning", spacing: "medium" },
      ),
    );
  }
  const { units, hiddenItems } = capped(view, limits);
  if (units.length === 0) body.push(ac.text(EMPTY, { spacing: "medium" }));
  for (const unit of units) body.push(...unitElements(unit, limits.quote));
  if (hiddenItems > 0) body.push(ac.subtle(leftOutWords(hiddenItems), { spacing: "medium" }));

  if (units.length > 0 && view.declaration)
    body.push(ac.text(declarationLine(view.declaration), { spacing: "medium", weight: "bolder" }));

  const actions: ac.Action[] = [];
  if (units.length > 0) actions.push(ac.execute("Submit", "evidence.submit", view, { style: "positive" }));
  if (!view.voice) {
    actions.push({
      type: "Action.ShowCard",
      title: "Edit text",
      card: {
        type: "AdaptiveCard",
        body: [
          { type: "Input.Text", id: INPUT.text, label: "Your account", value: view.text, isMultiline: true },
        ],
        actions: [ac.execute("Save and check again", "evidence.edit", view)],
      },
    });
  }
  actions.push(
    ac.execute("Discard", "evidence.discard", view, { style: "destructive", associatedInputs: "none" }),
  );
  return ac.card(body, actions, view);
}

const itemLine = (title: string, support: string, extra = ""): string =>
  `${title}\n_${sk.esc(quote(support, 400))}_${extra ? `\n${extra}` : ""}`;

function fullUnit(unit: SuggestedUnitView): KnownBlock[] {
  const toggle = (i: SuggestedItemView) => sk.toggleAccessory(INPUT.claim(i.id), "Include", i.selected);
  const blocks: KnownBlock[] = [sk.divider(), sk.section(`*${sk.esc(`${unit.unitId} ${unit.title}`)}*`)];
  for (const c of unit.criteria) {
    blocks.push(sk.section(itemLine(`*${c.id}* ${sk.esc(c.text)}`, c.support), toggle(c), INPUT.claim(c.id)));
  }
  for (const r of unit.ranges) {
    blocks.push(
      sk.section(itemLine(`*Situation:* ${sk.esc(rangeTitle(r))}`, r.support), toggle(r), INPUT.claim(r.id)),
    );
  }
  for (const k of unit.knowledge) {
    const read = readWords(k);
    blocks.push(
      sk.section(
        itemLine(`*${k.id}* ${sk.esc(k.text)}`, k.support, sk.esc(read)),
        toggle(k),
        INPUT.claim(k.id),
      ),
    );
  }
  return blocks;
}

/** Compact form for big suggestions: the list in one section, ticks in checkbox groups of ten. */
function compactUnit(unit: SuggestedUnitView): KnownBlock[] {
  const items = [...unit.criteria, ...unit.ranges, ...unit.knowledge];
  const per = Math.max(60, Math.floor((sk.SLACK_LIMITS.sectionText - 200) / Math.max(1, items.length)));
  const lines = items.map((i) =>
    truncate(`*${i.id}* ${sk.esc(i.text)} — _${sk.esc(quote(i.support, 200))}_`, per),
  );
  const blocks: KnownBlock[] = [
    sk.divider(),
    sk.section(`*${sk.esc(`${unit.unitId} ${unit.title}`)}*\n${lines.join("\n")}`),
  ];
  for (let start = 0; start < items.length; start += sk.SLACK_LIMITS.checkboxOptions) {
    const chunk = items.slice(start, start + sk.SLACK_LIMITS.checkboxOptions);
    const options = chunk.map((i) => sk.option(`${i.id} ${i.text}`, i.id));
    const selected = options.filter((_, n) => chunk[n]?.selected);
    blocks.push({
      type: "actions",
      block_id: `claimset:${chunk.map((i) => i.id).join(",")}`,
      elements: [
        {
          type: "checkboxes",
          action_id: sk.inputAction(`claimset:${unit.unitId}:${start}`),
          options,
          ...(selected.length > 0 ? { initial_options: selected } : {}),
        },
      ],
    });
  }
  return blocks;
}

/** Block Kit for the candidate's draft evidence; big suggestions switch to a compact list. */
export function suggestionBlocks(view: SuggestionView): KnownBlock[] {
  const head: KnownBlock[] = [
    sk.header(TITLE),
    sk.context(sk.esc(view.ref ? `Evidence ${view.ref}. ${INTRO}` : INTRO)),
  ];
  if (view.referral)
    head.push(
      sk.section(
        `:leftwards_arrow_with_hook: *${sk.esc(referralLead(view))}*\n${sk.esc(truncate(referralLines(view).join("\n"), 2500))}`,
      ),
    );
  if (view.mapper) head.push(sk.context(sk.esc(view.mapper)));
  if (view.voice && view.text.length <= sk.SLACK_LIMITS.inputValue) {
    head.push(
      sk.input(
        INPUT.text,
        `Transcribed from your voice note (${view.voice.engine})`,
        {
          type: "plain_text_input",
          action_id: sk.inputAction(INPUT.text),
          multiline: true,
          initial_value: view.text,
        },
        { hint: "Correct anything I misheard, then press Check again." },
      ),
    );
  } else {
    if (view.voice) head.push(sk.context(sk.esc(`Transcribed from your voice note (${view.voice.engine})`)));
    const shown = truncate(view.text, 1500);
    head.push(sk.quoteBlock(shown));
    if (shown !== view.text.trim())
      head.push(sk.context("This is the start of your account. Choose Edit text to see all of it."));
  }
  head.push(...filesBlocks(view.files));
  if (view.privacy && view.privacy.kinds.length > 0) {
    head.push(
      sk.section(
        `:warning: *${sk.esc(privacyLead(view))}*\n${sk.esc(PRIVACY_WHY)}`,
        sk.button(REDACT, "evidence.redact", view),
      ),
    );
  }
  if (view.units.length === 0) head.push(sk.section(sk.esc(EMPTY)));

  const buttons = [
    ...(view.units.length > 0 ? [sk.button("Submit", "evidence.submit", view, { style: "primary" })] : []),
    sk.button(view.voice ? "Check again" : "Edit text", "evidence.edit", view),
    sk.button("Discard", "evidence.discard", view, {
      style: "danger",
      confirm: {
        title: "Discard this account?",
        text: "It will not be filed. You can send a new one at any time.",
        yes: "Discard",
      },
    }),
  ];
  const tail: KnownBlock[] = [
    ...(view.units.length > 0 && view.declaration
      ? [sk.section(`*${sk.esc(declarationLine(view.declaration))}*`)]
      : []),
    sk.actions(buttons),
  ];
  const room = sk.SLACK_LIMITS.blocks - head.length - tail.length;
  const full = view.units.map(fullUnit);
  const body = full.flat().length <= room ? full : view.units.map(compactUnit);
  return sk.fitBlocks(head, body, tail, (units) =>
    sk.esc(`…and ${plural(units, "more unit")}, filed too; your assessor checks each one.`),
  ) satisfies KnownBlock[];
}

/** Slack modal for "Edit text": Slack has no show-card, so the adapter opens this with the button's trigger. */
export function suggestionEditModal(view: SuggestionView): ModalView {
  return {
    type: "modal",
    callback_id: "evidence.edit",
    private_metadata: JSON.stringify(payload("evidence.edit", view)),
    title: sk.plain("Edit your account", 24),
    submit: sk.plain("Check again", 24),
    close: sk.plain("Cancel", 24),
    blocks: [
      sk.input(INPUT.text, "Your account", {
        type: "plain_text_input",
        action_id: sk.inputAction(INPUT.text),
        multiline: true,
        initial_value: truncate(view.text, sk.SLACK_LIMITS.inputValue),
        max_length: sk.SLACK_LIMITS.inputValue,
      }),
    ],
  };
}
