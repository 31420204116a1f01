// The assessor's forms for a candidate: observation, discussion or questioning, action plan, feedback, expert witness.
import { ASSESSMENT_METHODS, SUPPLEMENTARY_KINDS } from "../../core/record-types.ts";
import { ASSESSMENT_METHOD_WORDS } from "../../portfolio/index.ts";
import { type Html, type HtmlValue, html } from "../html.ts";
import { area, choose, field, formTokens, tick } from "./form-bits.ts";
import { page, paths, type Viewer } from "./layout.ts";
import { recordPaths } from "./records.ts";

export type FormKind = "observation" | "discussion" | "plan" | "feedback" | "expert-witness";
export const FORM_KINDS: readonly FormKind[] = [
  "observation",
  "discussion",
  "plan",
  "feedback",
  "expert-witness",
];

const TITLES: Record<FormKind, string> = {
  observation: "Record an observation",
  discussion: "Record a professional discussion or oral questioning",
  plan: "Make an assessment action plan",
  feedback: "Give feedback",
  "expert-witness": "Record an expert witness",
};

export const SUPPLEMENTARY_WORDS: Record<(typeof SUPPLEMENTARY_KINDS)[number], string> = {
  work_products: "Work products (documents, reports)",
  photographs: "Photographs",
  e_evidence: "E-evidence (video, audio)",
  third_party_confirmation: "Confirmation by a third party (witness testimony)",
};

const SUPPLEMENTARY_WHERE: Record<(typeof SUPPLEMENTARY_KINDS)[number], string> = {
  work_products: "Where the work products are kept",
  photographs: "Where the photographs are kept",
  e_evidence: "Where the recording is kept",
  third_party_confirmation: "Where the third party’s confirmation is kept",
};

/** How many question and answer rows the discussion form offers. */
export const QUESTION_ROWS = 4;

export interface FormContext {
  candidateId: string;
  candidateName: string;
  /** The units of the candidate's plan, with their titles. */
  units: Array<[id: string, title: string]>;
  /** The unit the plan form is for, and its gaps, prefilled. */
  unitId?: string;
  gaps?: string[];
  /** Filed evidence the feedback may be on. */
  evidence: Array<[id: string, label: string]>;
  /** People of the centre who may be recorded as an expert witness. */
  people: Array<[id: string, label: string]>;
  previous?: Record<string, string | string[] | undefined>;
  notice?: { text: string; error?: boolean };
}

type Prev = Record<string, string | undefined>;
const flatPrev = (p: FormContext["previous"]): Prev =>
  Object.fromEntries(Object.entries(p ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
const ticked = (p: FormContext["previous"], name: string, value: string) => {
  const v = p?.[name];
  return Array.isArray(v) ? v.includes(value) : v === value;
};

function supplementary(c: FormContext, prev: Prev): Html {
  return html`<fieldset><legend>Supplementary evidence <span class="muted">(tick each kind and say where it is kept)</span></legend>
${SUPPLEMENTARY_KINDS.map(
  (
    kind,
  ) => html`<div class="supp">${tick("supp", kind, SUPPLEMENTARY_WORDS[kind], ticked(c.previous, "supp", kind))}
${field(`supp-${kind}`, SUPPLEMENTARY_WHERE[kind], prev)}</div>`,
)}</fieldset>`;
}

const signNow = (viewer: Viewer, c: FormContext) =>
  html`<p>${tick("sign", "yes", html`Sign it now as ${viewer.person.name}`, !c.previous || ticked(c.previous, "sign", "yes"))}</p>`;

function observationForm(c: FormContext, prev: Prev): Html {
  return html`${field("heldAt", "When you saw it", prev, { type: "datetime-local", required: true, hint: "(UK time)" })}
${field("location", "Where", prev, { required: true, hint: "(for example, the tills at the Leeds store)" })}
${area("text", `What you saw ${c.candidateName} do`, prev, { required: true })}
${supplementary(c, prev)}
<p>Shiftnote suggests the criteria, ranges and knowledge it shows, each with its sentence. You correct them and sign on the next page.</p>
<div class="actions"><button type="submit">Record the observation</button></div>`;
}

function discussionForm(c: FormContext, prev: Prev): Html {
  const rows: Html[] = [];
  for (let i = 1; i <= QUESTION_ROWS; i++)
    rows.push(html`<fieldset><legend>Question ${i}</legend>
${area(`q${i}`, `Question ${i} you asked`, prev)}
${area(`a${i}`, `${c.candidateName}’s answer to question ${i}`, prev)}</fieldset>`);
  return html`${choose(
    "method",
    "Method",
    [
      ["professional_discussion", "Professional discussion"],
      ["oral_questioning", "Oral questioning"],
    ],
    prev,
  )}
${field("heldAt", "When it took place", prev, { type: "datetime-local", required: true, hint: "(UK time)" })}
${field("location", "Where", prev, { required: true })}
${area("text", "Notes of the discussion", prev, { hint: "(optional when you record the questions and answers)" })}
<h2>Questions and answers</h2>
<p class="muted">Leave the rows you do not need empty.</p>
${rows}
${supplementary(c, prev)}
<p>Shiftnote looks for knowledge items above all. You confirm which are shown and sign on the next page.</p>
<div class="actions"><button type="submit">Record the discussion</button></div>`;
}

function planForm(viewer: Viewer, c: FormContext, prev: Prev): Html {
  const unit = c.units.find(([id]) => id === c.unitId);
  return html`<input type="hidden" name="unitId" value="${c.unitId ?? ""}">
<p><strong>Unit:</strong> ${unit ? `Unit ${unit[0]} ${unit[1]}` : "choose a unit above"}</p>
${area("skillsKnowledge", "What will be assessed (skills and knowledge)", prev, {
  value: c.unitId ? `Performance criteria, ranges and knowledge of unit ${c.unitId}` : "",
})}
<fieldset><legend>Evidence assessed by <span class="muted">(tick at least one)</span></legend>
${ASSESSMENT_METHODS.map((m) => tick("methods", m, ASSESSMENT_METHOD_WORDS[m], ticked(c.previous, "methods", m)))}
</fieldset>
${field("venue", "Venue", prev, { required: true })}
${field("plannedAt", "Date and time", prev, { type: "datetime-local", required: true, hint: "(UK time)" })}
${area("requirements", "Evidence requirements still to meet", prev, {
  value: (c.gaps ?? []).join("\n"),
  hint: "(from the unit’s gaps; change them if you need to)",
})}
${area("feedbackArrangements", "Feedback arrangements", prev, { required: true, hint: "(when and how you will give feedback)" })}
${signNow(viewer, c)}
<div class="actions"><button type="submit">Make the plan</button></div>`;
}

function unitChooser(c: FormContext): Html {
  return html`<form method="get" action="${recordPaths.form(c.candidateId, "plan")}" class="filters">
${choose(
  "unit",
  "Unit to plan",
  c.units.map(([id, title]) => [id, `Unit ${id} ${title}`]),
  {},
  c.unitId,
)}
<button type="submit" class="secondary">Show its gaps</button></form>`;
}

function feedbackForm(viewer: Viewer, c: FormContext, prev: Prev): Html {
  const on: Array<[string, string]> = [
    ...c.units.map(([id, title]): [string, string] => [`unit:${id}`, `Unit ${id} ${title}`]),
    ...c.evidence.map(([id, label]): [string, string] => [`evidence:${id}`, label]),
  ];
  return html`${choose("on", "Unit or evidence assessed", on, prev)}
${area("skillsKnowledge", "Skills and knowledge assessed", prev, { hint: "(optional)" })}
${area("text", `Feedback to ${c.candidateName}`, prev, { required: true })}
${field("outcome", "Outcome of assessment", prev, { required: true, hint: "(for example, competent in unit 205)" })}
${signNow(viewer, c)}
<div class="actions"><button type="submit">Give the feedback</button></div>`;
}

function expertForm(c: FormContext, prev: Prev): Html {
  if (!c.people.length)
    return html`<p>Everyone at the centre who could be an expert witness is recorded already. Ask the centre admin to add the person first.</p>`;
  return html`${choose("personId", "Expert witness", c.people, prev)}
${field("position", "Position", prev, { required: true })}
${field("site", "Name of assessment site", prev, { required: true })}
<fieldset><legend>Units they provide evidence for</legend>
${c.units.map(([id, title]) => tick("unitIds", id, `Unit ${id} ${title}`, ticked(c.previous, "unitIds", id)))}
</fieldset>
${field("experienceYears", "Years of supervisory, managerial or training experience in these units", prev, { type: "number", required: true, hint: "(at least 2)" })}
${area("experience", "That experience", prev, { required: true })}
${area("standardsKnowledge", "Working knowledge of the National Occupational Standards units", prev, { required: true })}
${area("cpd", "Continuous professional development", prev, { required: true })}
${area("assessmentQualification", "Assessment qualification, or a post responsible for the quality of others’ work", prev, { hint: "(desirable)" })}
<p>The witness signs their record, the centre confirms it, and then the witness attaches their statement on their own Shiftnote page.</p>
<div class="actions"><button type="submit">Record the expert witness</button></div>`;
}

/** One of the assessor's forms, as a page. */
export function recordFormPage(viewer: Viewer, kind: FormKind, c: FormContext): string {
  const prev = flatPrev(c.previous);
  const fields: HtmlValue =
    kind === "observation"
      ? observationForm(c, prev)
      : kind === "discussion"
        ? discussionForm(c, prev)
        : kind === "plan"
          ? planForm(viewer, c, prev)
          : kind === "feedback"
            ? feedbackForm(viewer, c, prev)
            : expertForm(c, prev);
  return page(
    {
      title: TITLES[kind],
      viewer,
      lede: `For ${c.candidateName}.`,
      crumbs: [
        ["Home", "/pages"],
        [c.candidateName, paths.portfolio(c.candidateId)],
        [TITLES[kind], recordPaths.form(c.candidateId, kind)],
      ],
      ...(c.notice ? { notice: c.notice } : {}),
    },
    html`${kind === "plan" ? unitChooser(c) : ""}<form method="post" action="${recordPaths.form(c.candidateId, kind)}" class="record">
${formTokens(viewer)}
${fields}
</form>`,
  );
}
