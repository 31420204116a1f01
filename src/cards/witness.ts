// The witness request card: the account, what the candidate claims, and the witness's status, declaration and words.

import type { KnownBlock } from "@slack/types";
import { INPUT } from "./actions.ts";
import * as ac from "./adaptive.ts";
import { filesBlocks, filesElements } from "./files.ts";
import { accountBlocks, accountElement, byUnit, claimTitle, unitHeading, unitsLine } from "./parts.ts";
import * as sk from "./slack.ts";
import { firstName, formatWhen, plural, truncate } from "./text.ts";
import type { WitnessRequestView } from "./views.ts";

const MAX_CLAIMS = 20;
/** By density: account characters and claims shown on the Adaptive Card. */
const LIMITS = [
  { account: 2000, claims: 20 },
  { account: 1200, claims: 14 },
  { account: 800, claims: 10 },
  { account: 400, claims: 6 },
] as const;

const title = (view: WitnessRequestView): string =>
  `${view.candidateName} asks you to witness their evidence`;
const intro = (view: WitnessRequestView): string =>
  `${view.ref ? `Evidence ${view.ref} · ` : ""}${unitsLine(view.units)}. Please say, in your own words, what you saw ${firstName(view.candidateName)} do.`;

function answeredWords(view: WitnessRequestView): { lead: string; body?: string } | null {
  const answer = view.answered;
  if (!answer) return null;
  if (answer.declined) {
    return { lead: `${answer.byName} could not confirm this account (${formatWhen(answer.at)}).` };
  }
  const t = answer.testimony;
  return {
    lead: `Testimony given by ${t.witnessName}, ${t.relationship}, on ${formatWhen(t.givenAt)}. Witness status: ${t.statusCategory}.`,
    body: t.text,
  };
}

/** Adaptive Card asking a witness for testimony; once answered, it shows the answer and asks nothing. */
export function witnessRequestCard(view: WitnessRequestView): ac.AdaptiveCard {
  return ac.fitCard((density) => buildCard(view, LIMITS[density]));
}

function buildCard(view: WitnessRequestView, limits: (typeof LIMITS)[number]): ac.AdaptiveCard {
  const name = firstName(view.candidateName);
  const body: ac.Element[] = [ac.heading(title(view)), ac.subtle(intro(view))];
  body.push(
    ac.text(`What happened, in ${name}’s words`, { weight: "bolder", spacing: "medium" }),
    accountElement(view.text, limits.account),
    ...filesElements(view.files),
  );
  body.push(ac.text(`What ${name} says this shows`, { weight: "bolder", spacing: "medium" }));
  for (const [unit, claims] of byUnit(view.claims.slice(0, limits.claims), view.units)) {
    body.push(ac.text(unitHeading(unit), { size: "small", weight: "bolder", spacing: "small" }));
    for (const claim of claims)
      body.push(ac.text(`• ${claimTitle(claim)}`, { size: "small", spacing: "none" }));
  }
  if (view.claims.length > limits.claims)
    body.push(ac.subtle(`…and ${plural(view.claims.length - limits.claims, "more claim")}.`));

  const answered = answeredWords(view);
  if (answered) {
    const items: ac.Element[] = [ac.text(answered.lead, { weight: "bolder" })];
    if (answered.body) items.push(ac.userText(truncate(answered.body, limits.account)));
    body.push(ac.container(items, { style: view.answered?.declined ? "warning" : "good", spacing: "large" }));
    return ac.card(body, [], view);
  }

  body.push(
    {
      type: "Input.ChoiceSet",
      id: INPUT.statusCategory,
      label: "Your witness status",
      style: "expanded",
      isRequired: true,
      errorMessage: "Choose the status that fits you best.",
      choices: view.statusCategories.map((c) => ({ title: c.label, value: c.value })),
      ...(view.defaults?.statusCategory ? { value: view.defaults.statusCategory } : {}),
      wrap: true,
      spacing: "large",
    },
    {
      type: "Input.ChoiceSet",
      id: INPUT.relationship,
      label: `How you know ${name} at work`,
      placeholder: "Choose one",
      isRequired: true,
      errorMessage: "Choose how you know the candidate at work.",
      choices: view.relationships.map((c) => ({ title: c.label, value: c.value })),
      ...(view.defaults?.relationship ? { value: view.defaults.relationship } : {}),
    },
    {
      type: "Input.Text",
      id: INPUT.relationshipOther,
      label: "If other: say what",
      placeholder: "For example: store manager, trainer",
      maxLength: 100,
      ...(view.defaults?.relationshipOther ? { value: view.defaults.relationshipOther } : {}),
    },
    ac.toggle(INPUT.declaration, view.declaration, false, {
      label: "Declaration",
      isRequired: true,
      errorMessage: "Please confirm the declaration, or choose I can’t confirm this.",
    }),
    {
      type: "Input.Text",
      id: INPUT.testimony,
      label: `What you saw ${name} do, in your own words`,
      placeholder: "What happened, what they did, and how the customer responded",
      isMultiline: true,
      isRequired: true,
      errorMessage: "Please write your testimony.",
      maxLength: 3000,
      ...(view.defaults?.testimony ? { value: view.defaults.testimony.slice(0, 3000) } : {}),
    },
  );
  return ac.card(
    body,
    [
      ac.execute("Send my testimony", "witness.testify", view, { style: "positive" }),
      ac.execute("I can’t confirm this", "witness.decline", view, { associatedInputs: "none" }),
    ],
    view,
  );
}

/** Block Kit asking a witness for testimony; once answered, it shows the answer and asks nothing. */
export function witnessRequestBlocks(view: WitnessRequestView): KnownBlock[] {
  const name = firstName(view.candidateName);
  const blocks: KnownBlock[] = [sk.header(title(view)), sk.context(sk.esc(intro(view)))];
  blocks.push(
    sk.section(`*What happened, in ${sk.esc(name)}’s words*`),
    ...accountBlocks(view.text, 2000),
    ...filesBlocks(view.files),
  );
  const lines = byUnit(view.claims.slice(0, MAX_CLAIMS), view.units).flatMap(([unit, claims]) => [
    `*${sk.esc(unitHeading(unit))}*`,
    ...claims.map((c) => `• ${sk.esc(truncate(claimTitle(c), 180))}`),
  ]);
  if (view.claims.length > MAX_CLAIMS)
    lines.push(`…and ${plural(view.claims.length - MAX_CLAIMS, "more claim")}.`);
  blocks.push(sk.section(`*What ${sk.esc(name)} says this shows*\n${lines.join("\n")}`));

  const answered = answeredWords(view);
  if (answered) {
    blocks.push(
      sk.divider(),
      sk.section(
        `${view.answered?.declined ? ":warning:" : ":white_check_mark:"} *${sk.esc(answered.lead)}*`,
      ),
    );
    if (answered.body) blocks.push(sk.quoteBlock(answered.body, 2500));
    return blocks;
  }
  const categories = view.statusCategories.map((c) => sk.option(c.label, c.value));
  const initial = categories.find((o) => o.value === view.defaults?.statusCategory);
  const confirm = sk.option("Yes, that is true", "true");
  const relationships = view.relationships.map((c) => sk.option(c.label, c.value));
  const relationship = relationships.find((o) => o.value === view.defaults?.relationship);
  blocks.push(
    sk.divider(),
    sk.input(INPUT.statusCategory, "Your witness status", {
      type: "radio_buttons",
      action_id: sk.inputAction(INPUT.statusCategory),
      options: categories.slice(0, 10),
      ...(initial ? { initial_option: initial } : {}),
    }),
    sk.input(INPUT.relationship, `How you know ${name} at work`, {
      type: "static_select",
      action_id: sk.inputAction(INPUT.relationship),
      placeholder: sk.plain("Choose one", 150),
      options: relationships,
      ...(relationship ? { initial_option: relationship } : {}),
    }),
    sk.input(
      INPUT.relationshipOther,
      "If other: say what",
      {
        type: "plain_text_input",
        action_id: sk.inputAction(INPUT.relationshipOther),
        placeholder: sk.plain("For example: store manager, trainer", 150),
        max_length: 100,
        ...(view.defaults?.relationshipOther ? { initial_value: view.defaults.relationshipOther } : {}),
      },
      { optional: true },
    ),
    sk.input(INPUT.declaration, view.declaration, {
      type: "checkboxes",
      action_id: sk.inputAction(INPUT.declaration),
      options: [confirm],
    }),
    sk.input(INPUT.testimony, `What you saw ${name} do, in your own words`, {
      type: "plain_text_input",
      action_id: sk.inputAction(INPUT.testimony),
      multiline: true,
      max_length: 3000,
      ...(view.defaults?.testimony ? { initial_value: view.defaults.testimony.slice(0, 3000) } : {}),
    }),
    sk.actions([
      sk.button("Send my testimony", "witness.testify", view, { style: "primary" }),
      sk.button("I can’t confirm this", "witness.decline", view),
    ]),
  );
  return blocks;
}
