// The evidence page's part for an assessor's record (correct and sign, confirm) or an expert witness statement (marked as such).
import type { ExpertStatementView, ObservationView, SignatureView } from "../../portfolio/index.ts";
import { type Html, html } from "../html.ts";
import { formTokens, tick } from "./form-bits.ts";
import { paths, type Viewer, when } from "./layout.ts";
import { SUPPLEMENTARY_WORDS } from "./record-forms.ts";
import { RECORD_METHOD_WORDS, recordPaths, signatureLines } from "./records.ts";

const KIND_WORDS = { criterion: "Performance criterion", knowledge: "Knowledge", range: "Range" } as const;

function signForm(viewer: Viewer, view: ObservationView, previous?: Record<string, string | string[]>): Html {
  const e = view.evidence;
  const kept = previous?.keep;
  const keep = (id: string) =>
    kept === undefined ? true : Array.isArray(kept) ? kept.includes(id) : kept === id;
  const add = typeof previous?.add === "string" ? previous.add : "";
  return html`<section aria-labelledby="sign-h" class="panel">
<h2 id="sign-h">Correct the suggestions and sign</h2>
<form method="post" action="${paths.evidence(e.candidateId, e.ref)}/sign">
${formTokens(viewer)}<input type="hidden" name="version" value="${e.version}">
${
  view.standards.length
    ? html`<fieldset><legend>What Shiftnote suggests the record shows <span class="muted">(untick what it does not show)</span></legend>
<ul class="suggestions">${view.standards.map(
        (s) =>
          html`<li>${tick("keep", s.targetId, html`<strong>${s.targetId}</strong> <span class="muted">${KIND_WORDS[s.kind as keyof typeof KIND_WORDS] ?? s.kind}</span> ${s.text}`, keep(s.targetId))}
${s.support ? html`<p class="support">“${s.support}”</p>` : ""}</li>`,
      )}</ul></fieldset>`
    : html`<p>Shiftnote found nothing to suggest in this record. Add what it shows below.</p>`
}
<div class="field"><label for="f-add">Add criteria, knowledge items or ranges it shows <span class="muted">(their numbers, separated by commas, for example 205.2.1, 205.K.a)</span></label>
<input type="text" id="f-add" name="add" value="${add}" class="wide"></div>
<p>When you sign, your signature is recorded as “Confirmed by ${viewer.person.name} on …” and ${view.candidateName} is asked to confirm the record. Its claims are assessed once both have signed.</p>
<div class="actions"><button type="submit">Sign the record</button></div>
</form></section>`;
}

function confirmForm(viewer: Viewer, view: ObservationView): Html {
  const e = view.evidence;
  return html`<section aria-labelledby="confirm-h" class="panel">
<h2 id="confirm-h">Confirm this record</h2>
<p>${view.assessorName} signed this record of what they saw. If it is a true record, confirm it: your signature is recorded as “Confirmed by ${viewer.person.name} on …”. If something is wrong, talk to ${view.assessorName} before confirming.</p>
<form method="post" action="${paths.evidence(e.candidateId, e.ref)}/confirm">
${formTokens(viewer)}<input type="hidden" name="version" value="${e.version}">
<div class="actions"><button type="submit">Confirm ${e.ref}</button></div></form></section>`;
}

/** The assessor's record: when, supplementary evidence, questions, both signatures, and the form that is due. */
export function assessorRecordPart(
  viewer: Viewer,
  view: ObservationView,
  previous?: Record<string, string | string[]>,
): Html {
  const e = view.evidence;
  const { record } = view;
  const sigs = [view.assessorSignature, view.candidateSignature].filter((s): s is SignatureView => !!s);
  const waiting = [
    ...(view.assessorSignature ? [] : [view.assessorName]),
    ...(view.candidateSignature ? [] : [view.candidateName]),
  ];
  const mayCorrect =
    viewer.person.id === record.assessorId && !view.assessorSignature && e.status === "submitted";
  const mayConfirm =
    viewer.person.id === e.candidateId &&
    !!view.assessorSignature &&
    !view.candidateSignature &&
    e.status === "submitted";
  return html`<section aria-labelledby="record-h">
<h2 id="record-h">${RECORD_METHOD_WORDS[e.method] ?? "Assessor’s"} record</h2>
<dl class="facts"><dt>Assessor</dt><dd>${view.assessorName}</dd>
<dt>Held on</dt><dd>${when(record.heldAt)}</dd>
<dt>Supplementary evidence</dt><dd>${
    record.supplementary.length
      ? html`<ul>${record.supplementary.map((s) => html`<li>${SUPPLEMENTARY_WORDS[s.kind]}: ${s.location}</li>`)}</ul>`
      : "None"
  }</dd>
<dt>Signatures</dt><dd>${signatureLines(sigs, waiting)}</dd></dl>
${
  record.questions.length
    ? html`<div class="table-wrap"><table class="stack"><caption>Questions asked and the candidate’s answers</caption>
<thead><tr><th scope="col">No.</th><th scope="col">Question</th><th scope="col">Answer</th></tr></thead>
<tbody>${record.questions.map((q) => html`<tr><th scope="row" data-label="No.">${q.number}</th><td data-label="Question">${q.question}</td><td data-label="Answer">${q.answer}</td></tr>`)}</tbody></table></div>`
    : ""
}
<p><a href="${paths.evidence(e.candidateId, e.ref)}/observation-record.pdf" download>${RECORD_METHOD_WORDS[e.method] ?? "Assessor’s"} record (PDF)</a></p>
</section>
${mayCorrect ? signForm(viewer, view, previous) : ""}
${mayConfirm ? confirmForm(viewer, view) : ""}`;
}

/** An expert witness statement, marked as expert witness testimony, with the witness's record. */
export function expertStatementPart(viewer: Viewer, s: ExpertStatementView): Html {
  const w = s.witness;
  const candidateSigned = s.signatures.some((x) => x.personId === s.candidateId);
  return html`<section aria-labelledby="expert-h">
<h2 id="expert-h"><span class="badge expert">Expert witness</span> Expert witness testimony</h2>
<p>This testimony is from an expert witness: someone the centre has confirmed as occupationally competent in unit ${s.unitId}.</p>
<dl class="facts"><dt>Expert witness</dt><dd>${viewer.person.id === s.candidateId ? w.name : html`<a href="${recordPaths.expert(w.id)}">${w.name}</a>`}, ${w.position}, ${w.site}</dd>
<dt>Centre’s confirmation</dt><dd>${w.confirmed ? (w.signatures.find((x) => x.kind === "expert_witness_confirmation")?.line ?? "Confirmed") : "Not confirmed yet"}</dd>
<dt>Relationship</dt><dd>${s.relationship}</dd>
<dt>Venue</dt><dd>${s.venue}</dd>
<dt>When</dt><dd>${when(s.occurredAt)}</dd>
<dt>Activity</dt><dd>${s.activity}</dd>
<dt>Signatures</dt><dd>${signatureLines(s.signatures, candidateSigned ? [] : [s.candidateName])}</dd></dl>
${
  viewer.person.id === s.candidateId && !candidateSigned
    ? html`<form method="post" action="${recordPaths.statement(s.candidateId, s.id)}/sign">${formTokens(viewer)}
<div class="actions"><button type="submit">Sign the statement ${s.evidenceRef}</button></div></form>`
    : ""
}
<ul class="downloads"><li><a class="button secondary" href="${recordPaths.statement(s.candidateId, s.id)}/statement.pdf" download>Expert witness statement (PDF)</a></li>
<li><a class="button secondary" href="${recordPaths.statement(s.candidateId, s.id)}/expert-witness-record.pdf" download>Record of expert witness (PDF)</a></li></ul>
</section>`;
}
