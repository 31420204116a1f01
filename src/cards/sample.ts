// Internal verifier cards: assessed evidence by unit and assessor to sample, and the countersign card.

import type { KnownBlock } from "@slack/types";
import { INPUT } from "./actions.ts";
import * as ac from "./adaptive.ts";
import {
  accountBlocks,
  accountElement,
  byUnit,
  claimOutcomeBlock,
  claimOutcomeElements,
  testimonyBlocks,
  testimonyElement,
  unitHeading,
  unitsLine,
} from "./parts.ts";
import * as sk from "./slack.ts";
import { formatWhen, plural, truncate } from "./text.ts";
import type { SampleGroupView, SampleItemView, SampleListView, SampleView } from "./views.ts";

const MAX_ITEMS = 30;
/** By density: claims, characters of each sentence, of the account and of a testimony, and testimonies shown. */
const LIMITS = [
  { claims: 30, quote: 300, account: 2000, testimony: 800, testimonies: 3 },
  { claims: 20, quote: 160, account: 1200, testimony: 500, testimonies: 3 },
  { claims: 12, quote: 100, account: 800, testimony: 300, testimonies: 2 },
  { claims: 8, quote: 60, account: 400, testimony: 200, testimonies: 1 },
] as const;

const groupTitle = (g: SampleGroupView): string =>
  `${g.unitId} ${g.unitTitle} · assessed by ${g.assessorName}`;
const itemWords = (i: SampleItemView): string =>
  `${i.candidateName}${i.ref ? ` · ${i.ref}` : ""} · assessed ${formatWhen(i.assessedAt)} · ${i.accepted} accepted, ${i.rejected} not accepted${i.sampled ? " · countersigned" : ""}`;

/** The groups cut to `MAX_ITEMS` items in all, with how many were left out. */
function capped(view: SampleListView): { groups: SampleGroupView[]; hidden: number } {
  let room = MAX_ITEMS;
  let hidden = 0;
  const groups = view.groups.map((g) => {
    const items = g.items.slice(0, Math.max(0, room));
    room -= items.length;
    hidden += g.items.length - items.length;
    return { ...g, items };
  });
  return { groups: groups.filter((g) => g.items.length > 0), hidden };
}

const LIST_TITLE = "Assessed evidence to sample";
const EMPTY = "Nothing has been assessed yet.";

/** Adaptive Card listing assessed evidence by unit and assessor, each with an Open button. */
export function sampleListCard(view: SampleListView): ac.AdaptiveCard {
  const { groups, hidden } = capped(view);
  const body: ac.Element[] = [ac.heading(LIST_TITLE)];
  if (groups.length === 0) body.push(ac.text(EMPTY));
  for (const g of groups) {
    const items: ac.Element[] = [ac.text(groupTitle(g), { weight: "bolder" })];
    for (const i of g.items) {
      items.push({
        type: "ColumnSet",
        spacing: "small",
        columns: [
          {
            type: "Column",
            width: "stretch",
            verticalContentAlignment: "center",
            items: [ac.text(itemWords(i), { size: "small" })],
          },
          {
            type: "Column",
            width: "auto",
            items: [ac.actionSet([ac.execute(i.sampled ? "View" : "Sample", "sample.open", i)])],
          },
        ],
      });
    }
    body.push(ac.container(items, { separator: true, spacing: "medium" }));
  }
  if (hidden > 0) body.push(ac.subtle(`…and ${plural(hidden, "more piece")} of evidence.`));
  return ac.card(body);
}

/** Block Kit listing assessed evidence by unit and assessor, each with an Open button. */
export function sampleListBlocks(view: SampleListView): KnownBlock[] {
  const { groups, hidden } = capped(view);
  const head: KnownBlock[] = [sk.header(LIST_TITLE)];
  if (groups.length === 0) head.push(sk.section(EMPTY));
  const body = groups.map((g): KnownBlock[] => [
    sk.context(`*${sk.esc(groupTitle(g))}*`),
    ...g.items.map((i) =>
      sk.section(
        sk.esc(itemWords(i)),
        sk.button(i.sampled ? "View" : "Sample", "sample.open", i, { suffix: i.evidenceId }),
      ),
    ),
  ]);
  const tail: KnownBlock[] =
    hidden > 0 ? [sk.context(`…and ${plural(hidden, "more piece")} of evidence.`)] : [];
  return sk.fitBlocks(head, body, tail, (n) => `…and ${plural(n, "more group")}.`);
}

const title = (view: SampleView): string =>
  `Sample: ${view.ref ? `evidence ${view.ref}` : "evidence"} from ${view.candidateName}`;
const subtitle = (view: SampleView): string =>
  `Assessed by ${view.assessorName} on ${formatWhen(view.assessedAt)} · ${unitsLine(view.units)}`;
const countersignedWords = (view: SampleView): string | null => {
  const c = view.countersigned;
  if (!c) return null;
  return `Countersigned by ${c.byName} on ${formatWhen(c.at)}: ${c.agreed ? "agrees" : "does not agree"} with the assessment.`;
};
const OUTCOME_CHOICES = [
  { title: "Yes, I agree with the assessment", value: "agreed" },
  { title: "No, I do not agree", value: "disagreed" },
];

/** Adaptive Card for countersigning one assessed piece of evidence; once countersigned it shows who and when. */
export function sampleCard(view: SampleView): ac.AdaptiveCard {
  return ac.fitCard((density) => buildSampleCard(view, LIMITS[density]));
}

function buildSampleCard(view: SampleView, limits: (typeof LIMITS)[number]): ac.AdaptiveCard {
  const body: ac.Element[] = [ac.heading(title(view)), ac.subtle(subtitle(view))];
  const signed = countersignedWords(view);
  if (signed) {
    const items: ac.Element[] = [ac.text(signed, { weight: "bolder" })];
    if (view.countersigned?.comment) items.push(ac.userText(`Comment: ${view.countersigned.comment}`));
    body.push(
      ac.container(items, { style: view.countersigned?.agreed ? "good" : "warning", spacing: "medium" }),
    );
  }
  body.push(
    ac.text("Account", { weight: "bolder", spacing: "medium" }),
    accountElement(view.text, limits.account),
  );
  for (const t of view.testimonies.slice(0, limits.testimonies))
    body.push(testimonyElement(t, limits.testimony));
  body.push(ac.text("The assessor’s decisions", { weight: "bolder", spacing: "large" }));
  for (const [unit, claims] of byUnit(view.claims.slice(0, limits.claims), view.units)) {
    body.push(ac.text(unitHeading(unit), { weight: "bolder", size: "small", spacing: "medium" }));
    for (const claim of claims) body.push(...claimOutcomeElements(claim, limits.quote));
  }
  if (view.claims.length > limits.claims)
    body.push(ac.subtle(`…and ${plural(view.claims.length - limits.claims, "more claim")}.`));
  if (view.assessorComment)
    body.push(
      ac.userText(`Assessor’s comment: ${truncate(view.assessorComment, limits.account)}`, {
        isSubtle: true,
      }),
    );
  if (signed) return ac.card(body, [], view);
  body.push(
    {
      type: "Input.ChoiceSet",
      id: INPUT.sampleOutcome,
      label: "Do you agree with the assessment?",
      style: "expanded",
      isRequired: true,
      errorMessage: "Choose whether you agree.",
      choices: OUTCOME_CHOICES,
      spacing: "large",
    },
    {
      type: "Input.Text",
      id: INPUT.comment,
      label: "Comment (optional)",
      isMultiline: true,
      maxLength: 2000,
    },
  );
  return ac.card(body, [ac.execute("Countersign", "sample.countersign", view, { style: "positive" })], view);
}

/** Block Kit for countersigning one assessed piece of evidence. */
export function sampleBlocks(view: SampleView): KnownBlock[] {
  const signed = countersignedWords(view);
  const head: KnownBlock[] = [sk.header(title(view)), sk.context(sk.esc(subtitle(view)))];
  if (signed) {
    const comment = view.countersigned?.comment ? `\nComment: ${sk.esc(view.countersigned.comment)}` : "";
    head.push(sk.section(`:white_check_mark: *${sk.esc(signed)}*${comment}`));
  }
  head.push(sk.section("*Account*"), ...accountBlocks(view.text, 2000));
  for (const t of view.testimonies.slice(0, 3)) head.push(...testimonyBlocks(t, 800));
  head.push(sk.section("*The assessor’s decisions*"));
  const body = view.claims.map((c): KnownBlock[] => [claimOutcomeBlock(c)]);
  const tail: KnownBlock[] = [];
  if (view.assessorComment)
    tail.push(sk.context(sk.esc(`Assessor’s comment: ${truncate(view.assessorComment, 2000)}`)));
  if (!signed) {
    const options = OUTCOME_CHOICES.map((c) => sk.option(c.title, c.value));
    tail.push(
      sk.input(INPUT.sampleOutcome, "Do you agree with the assessment?", {
        type: "radio_buttons",
        action_id: sk.inputAction(INPUT.sampleOutcome),
        options,
      }),
      sk.input(
        INPUT.comment,
        "Comment (optional)",
        {
          type: "plain_text_input",
          action_id: sk.inputAction(INPUT.comment),
          multiline: true,
          max_length: 2000,
        },
        { optional: true },
      ),
      sk.actions([sk.button("Countersign", "sample.countersign", view, { style: "primary" })]),
    );
  }
  return sk.fitBlocks(head, body, tail, (n) => `…and ${plural(n, "more claim")}.`);
}
