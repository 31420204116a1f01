// The assessment action plan in chat: the assessor's form (signed by sending it) and the plan card both people sign.

import type { KnownBlock } from "@slack/types";
import { INPUT } from "./actions.ts";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { truncate } from "./text.ts";
import type { ChoiceView } from "./views.ts";

/** The form an assessor fills in for one candidate, prefilled from what they typed and the candidate's gaps. */
export interface ActionPlanFormView {
  candidateId: string;
  candidateName: string;
  /** The units of the candidate's plan, to choose from. */
  units: ChoiceView[];
  unitId: string;
  skillsKnowledge: string;
  /** The assessment methods of the form (004), in its order, and those ticked. */
  methods: ChoiceView[];
  chosenMethods: string[];
  venue: string;
  /** "YYYY-MM-DD" and "HH:MM" (UK time), or empty to fill in. */
  date: string;
  time: string;
  /** The evidence requirements still to meet: the chosen unit's gaps. */
  requirements: string;
  feedbackArrangements: string;
  /** Something the bot could not read from what was typed, said above the form. */
  note?: string;
}

/** A plan as its candidate or assessor sees it, with Sign for whichever of them has not signed. */
export interface ActionPlanCardView {
  planId: string;
  candidateName: string;
  assessorName: string;
  unitId: string;
  unitTitle: string;
  skillsKnowledge: string;
  /** The methods ticked, in words. */
  methods: string[];
  venue: string;
  /** When, in UK time. */
  when: string;
  requirements: string;
  feedbackArrangements: string;
  /** "Confirmed by … on …" for each signature given. */
  signed: string[];
  next: "sign" | "none";
  status: string;
}

const SEND = "Sign and send the plan";
const FEEDBACK_HINT =
  "For example: spoken feedback straight after, then written feedback in chat the same day";
const formKey = (view: ActionPlanFormView) => ({ evidenceId: view.candidateId, version: 0 });
const planKey = (view: ActionPlanCardView) => ({ evidenceId: view.planId, version: 0 });
const intro = (view: ActionPlanFormView) =>
  `Check each part, then press ${SEND}: that is your signature, and ${view.candidateName} is asked to sign it too.`;

export function actionPlanFormCard(view: ActionPlanFormView): ac.AdaptiveCard {
  const text = (
    id: string,
    label: string,
    value: string,
    extra: Partial<ac.InputText> = {},
  ): ac.InputText => ({
    type: "Input.Text",
    id,
    label,
    ...(value ? { value } : {}),
    isRequired: true,
    errorMessage: `Fill in ${label.toLowerCase()}.`,
    ...extra,
  });
  return ac.card(
    [
      ac.heading(`Assessment action plan: ${view.candidateName}`),
      ...(view.note ? [ac.text(view.note, { weight: "bolder" })] : []),
      ac.subtle(intro(view)),
      {
        type: "Input.ChoiceSet",
        id: INPUT.unit,
        label: "Unit",
        choices: view.units.map((u) => ({ title: u.label, value: u.value })),
        value: view.unitId,
        isRequired: true,
        errorMessage: "Choose the unit.",
      },
      text(INPUT.skillsKnowledge, "What will be assessed (skills and knowledge)", view.skillsKnowledge),
      {
        type: "Input.ChoiceSet",
        id: INPUT.methods,
        label: "How it will be assessed",
        style: "expanded",
        isMultiSelect: true,
        choices: view.methods.map((m) => ({ title: m.label, value: m.value })),
        value: view.chosenMethods.join(","),
        isRequired: true,
        errorMessage: "Tick at least one method.",
        wrap: true,
      },
      text(INPUT.venue, "Venue", view.venue),
      {
        type: "Input.Date",
        id: INPUT.date,
        label: "Date",
        ...(view.date ? { value: view.date } : {}),
        isRequired: true,
        errorMessage: "Choose the date.",
      },
      {
        type: "Input.Time",
        id: INPUT.time,
        label: "Time",
        ...(view.time ? { value: view.time } : {}),
        isRequired: true,
        errorMessage: "Choose the time.",
      },
      text(INPUT.requirements, "Evidence requirements still to meet", view.requirements, {
        isMultiline: true,
      }),
      text(INPUT.feedbackArrangements, "Feedback arrangements", view.feedbackArrangements, {
        isMultiline: true,
        placeholder: FEEDBACK_HINT,
      }),
    ],
    [ac.execute(SEND, "plan.make", formKey(view), { style: "positive" })],
  );
}

export function actionPlanFormBlocks(view: ActionPlanFormView): KnownBlock[] {
  const plainInput = (id: string, value: string, multiline = false) => ({
    type: "plain_text_input" as const,
    action_id: sk.inputAction(id),
    multiline,
    ...(value ? { initial_value: truncate(value, sk.SLACK_LIMITS.inputValue) } : {}),
  });
  const unit = view.units.find((u) => u.value === view.unitId);
  const methodOption = (m: ChoiceView) => sk.option(m.label, m.value);
  const chosen = view.methods.filter((m) => view.chosenMethods.includes(m.value)).map(methodOption);
  return [
    sk.header(`Assessment action plan: ${view.candidateName}`),
    ...(view.note ? [sk.section(`*${sk.esc(view.note)}*`)] : []),
    sk.context(sk.esc(intro(view))),
    sk.input(INPUT.unit, "Unit", {
      type: "static_select",
      action_id: sk.inputAction(INPUT.unit),
      options: view.units.map((u) => sk.option(u.label, u.value)),
      ...(unit ? { initial_option: sk.option(unit.label, unit.value) } : {}),
    }),
    sk.input(
      INPUT.skillsKnowledge,
      "What will be assessed (skills and knowledge)",
      plainInput(INPUT.skillsKnowledge, view.skillsKnowledge),
    ),
    sk.input(INPUT.methods, "How it will be assessed", {
      type: "checkboxes",
      action_id: sk.inputAction(INPUT.methods),
      options: view.methods.map(methodOption),
      ...(chosen.length ? { initial_options: chosen } : {}),
    }),
    sk.input(INPUT.venue, "Venue", plainInput(INPUT.venue, view.venue)),
    sk.input(INPUT.date, "Date", {
      type: "datepicker",
      action_id: sk.inputAction(INPUT.date),
      ...(view.date ? { initial_date: view.date } : {}),
    }),
    sk.input(INPUT.time, "Time", {
      type: "timepicker",
      action_id: sk.inputAction(INPUT.time),
      ...(view.time ? { initial_time: view.time } : {}),
    }),
    sk.input(
      INPUT.requirements,
      "Evidence requirements still to meet",
      plainInput(INPUT.requirements, view.requirements, true),
    ),
    sk.input(
      INPUT.feedbackArrangements,
      "Feedback arrangements",
      plainInput(INPUT.feedbackArrangements, view.feedbackArrangements, true),
      { hint: FEEDBACK_HINT },
    ),
    sk.actions([sk.button(SEND, "plan.make", formKey(view), { style: "primary" })]),
  ];
}

const planFacts = (view: ActionPlanCardView): [string, string][] => [
  ["Candidate", view.candidateName],
  ["Assessor", view.assessorName],
  ["Unit", `${view.unitId} ${view.unitTitle}`.trim()],
  ["What will be assessed", view.skillsKnowledge],
  ["How", view.methods.join(", ")],
  ["Venue", view.venue],
  ["When", view.when],
  ["Feedback", view.feedbackArrangements],
];

export function actionPlanCard(view: ActionPlanCardView): ac.AdaptiveCard {
  return ac.card(
    [
      ac.heading(`Assessment action plan: unit ${view.unitId}, ${view.candidateName}`),
      ac.facts(planFacts(view).map(([k, v]) => [k, truncate(v, 500)])),
      ac.text("Evidence requirements still to meet", { weight: "bolder" }),
      ac.userText(truncate(view.requirements, 2000)),
      ...view.signed.map((line) => ac.subtle(line)),
      ac.text(view.status, { isSubtle: true }),
    ],
    view.next === "sign"
      ? [ac.execute("Sign: I agree to this plan", "plan.sign", planKey(view), { style: "positive" })]
      : [],
  );
}

export function actionPlanBlocks(view: ActionPlanCardView): KnownBlock[] {
  const facts = planFacts(view)
    .map(([k, v]) => `*${k}:* ${sk.esc(truncate(v, 300))}`)
    .join("\n");
  return [
    sk.header(`Assessment action plan: unit ${view.unitId}, ${view.candidateName}`),
    sk.section(facts),
    sk.section(`*Evidence requirements still to meet*\n${sk.esc(truncate(view.requirements, 2000))}`),
    sk.section(sk.esc([...view.signed, view.status].join("\n"))),
    ...(view.next === "sign"
      ? [
          sk.actions([
            sk.button("Sign: I agree to this plan", "plan.sign", planKey(view), { style: "primary" }),
          ]),
        ]
      : []),
  ];
}
