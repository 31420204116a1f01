// The candidate page's assessment records: what waits for the candidate's signature, plans, feedback, assessor's records, expert statements.
import type { AssessmentRecords, SignatureView } from "../../portfolio/index.ts";
import { ASSESSMENT_METHOD_WORDS } from "../../portfolio/index.ts";
import { type Html, type HtmlValue, html } from "../html.ts";
import { formEventId } from "./form-bits.ts";
import { paths, type Viewer, when } from "./layout.ts";

export const RECORD_METHOD_WORDS: Record<string, string> = {
  observation: "Observation",
  professional_discussion: "Professional discussion",
  oral_questioning: "Oral questioning",
};

/** Links under a candidate's pages for issue 17's records. */
export const recordPaths = {
  form: (candidateId: string, kind: string) => `${paths.portfolio(candidateId)}/record/${kind}`,
  plan: (candidateId: string, planId: string) =>
    `${paths.portfolio(candidateId)}/plans/${encodeURIComponent(planId)}`,
  feedback: (candidateId: string, feedbackId: string) =>
    `${paths.portfolio(candidateId)}/feedback/${encodeURIComponent(feedbackId)}`,
  statement: (candidateId: string, statementId: string) =>
    `${paths.portfolio(candidateId)}/statements/${encodeURIComponent(statementId)}`,
  expert: (expertWitnessId: string) => `/pages/expert-witnesses/${encodeURIComponent(expertWitnessId)}`,
};

/** "Confirmed by … on …" lines, or who still has to sign. */
export function signatureLines(signatures: readonly SignatureView[], waitingFor: string[] = []): Html {
  return html`<ul class="signatures">${signatures.map((s) => html`<li>${s.line}</li>`)}${waitingFor.map(
    (who) => html`<li class="muted">Waiting for ${who} to sign</li>`,
  )}</ul>`;
}

/** A one-button form that posts with this session's CSRF token. */
export function postButton(viewer: Viewer, action: string, label: HtmlValue, hidden: HtmlValue = ""): Html {
  return html`<form method="post" action="${action}" class="inline">
<input type="hidden" name="_csrf" value="${viewer.csrf}"><input type="hidden" name="_event" value="${formEventId()}">${hidden}
<button type="submit">${label}</button></form>`;
}

const signed = (signatures: readonly SignatureView[], personId: string) =>
  signatures.some((s) => s.personId === personId);

/** The five forms the candidate's assessor fills in, as links. */
export function recordLinks(candidateId: string): Html {
  const link = (kind: string, label: string) =>
    html`<li><a class="button secondary" href="${recordPaths.form(candidateId, kind)}">${label}</a></li>`;
  return html`<section aria-labelledby="record-h">
<h2 id="record-h">Record an assessment</h2>
<ul class="downloads">
${link("observation", "Record an observation")}
${link("discussion", "Record a discussion or questioning")}
${link("plan", "Make an assessment action plan")}
${link("feedback", "Give feedback")}
${link("expert-witness", "Record an expert witness")}
</ul></section>`;
}

/** Everything that waits for the candidate themselves, each with its button. */
export function waitingForCandidate(viewer: Viewer, records: AssessmentRecords): Html | string {
  const me = viewer.person.id;
  const items: Html[] = [];
  for (const r of records.records)
    if (r.assessorSignature && !r.candidateSignature && r.evidence.status === "submitted")
      items.push(html`<li><p><a href="${paths.evidence(me, r.evidence.ref)}">${r.evidence.ref}</a>: ${RECORD_METHOD_WORDS[r.evidence.method] ?? r.evidence.method} record by ${r.assessorName}, ${when(r.record.heldAt)}. Read it, then confirm it is a true record.</p>
${postButton(viewer, `${paths.evidence(me, r.evidence.ref)}/confirm`, html`Confirm ${r.evidence.ref}`, html`<input type="hidden" name="version" value="${r.evidence.version}">`)}</li>`);
  for (const p of records.plans)
    if (!signed(p.signatures, me))
      items.push(html`<li><p>Assessment action plan for unit ${p.unitId} on ${when(p.plannedAt)} at ${p.venue}, by ${p.assessorName}.</p>
${postButton(viewer, `${recordPaths.plan(me, p.id)}/sign`, html`Sign the plan for unit ${p.unitId}`)}</li>`);
  for (const f of records.feedback)
    if (!signed(f.signatures, me))
      items.push(html`<li><p>Feedback from ${f.assessorName} on ${f.unitId ? `unit ${f.unitId}` : f.evidenceRef}: “${f.text}” Outcome: ${f.outcome}</p>
${postButton(viewer, `${recordPaths.feedback(me, f.id)}/sign`, html`Sign the feedback on ${f.unitId ? `unit ${f.unitId}` : f.evidenceRef}`)}</li>`);
  for (const s of records.statements)
    if (!signed(s.signatures, me))
      items.push(html`<li><p><a href="${paths.evidence(me, s.evidenceRef)}">${s.evidenceRef}</a>: expert witness statement by ${s.witness.name} on unit ${s.unitId}.</p>
${postButton(viewer, `${recordPaths.statement(me, s.id)}/sign`, html`Sign the statement ${s.evidenceRef}`)}</li>`);
  if (!items.length) return "";
  return html`<section aria-labelledby="sign-h" class="panel">
<h2 id="sign-h">Waiting for your signature</h2>
<p>Your signature is recorded with the date and time and printed on the form as “Confirmed by ${viewer.person.name} on …”.</p>
<ul class="waiting">${items}</ul></section>`;
}

function planRows(viewer: Viewer, candidateId: string, records: AssessmentRecords): Html {
  if (!records.plans.length) return html`<p>No assessment is planned yet.</p>`;
  return html`<div class="table-wrap"><table class="stack">
<caption>Assessment action plans, soonest first</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">When and where</th><th scope="col">Assessed by</th><th scope="col">Signatures</th><th scope="col">Form</th></tr></thead>
<tbody>${records.plans.map((p) => {
    const waiting = [p.candidateId, p.assessorId]
      .filter((id) => !signed(p.signatures, id))
      .map((id) => (id === p.candidateId ? p.candidateName : p.assessorName));
    const mine = viewer.person.id === p.assessorId && !signed(p.signatures, p.assessorId);
    return html`<tr><th scope="row" data-label="Unit">Unit ${p.unitId} ${p.unitTitle}</th>
<td data-label="When and where">${when(p.plannedAt)}, ${p.venue}</td>
<td data-label="Assessed by">${p.methods.map((m) => ASSESSMENT_METHOD_WORDS[m]).join(", ")}</td>
<td data-label="Signatures">${signatureLines(p.signatures, waiting)}${mine ? postButton(viewer, `${recordPaths.plan(candidateId, p.id)}/sign`, html`Sign the plan<span class="sr"> for unit ${p.unitId}</span>`) : ""}</td>
<td data-label="Form"><a href="${recordPaths.plan(candidateId, p.id)}/action-plan.pdf" download>Action plan<span class="sr"> for unit ${p.unitId}</span> (PDF)</a></td></tr>`;
  })}</tbody></table></div>`;
}

function feedbackRows(viewer: Viewer, candidateId: string, records: AssessmentRecords): Html {
  if (!records.feedback.length) return html`<p>No feedback yet.</p>`;
  const own = viewer.person.id === candidateId;
  return html`<div class="table-wrap"><table class="stack">
<caption>Action plan and feedback to candidate, oldest first</caption>
<thead><tr><th scope="col">On</th><th scope="col">Feedback and outcome</th><th scope="col">Reply</th><th scope="col">Signatures</th><th scope="col">Form</th></tr></thead>
<tbody>${records.feedback.map((f) => {
    const on = f.unitId ? `Unit ${f.unitId}` : `Evidence ${f.evidenceRef}`;
    const waiting = [f.candidateId, f.assessorId]
      .filter((id) => !signed(f.signatures, id))
      .map((id) => (id === f.candidateId ? f.candidateName : f.assessorName));
    const mine = viewer.person.id === f.assessorId && !signed(f.signatures, f.assessorId);
    const replyField = `reply-${f.id}`;
    return html`<tr><th scope="row" data-label="On">${on}<br><span class="muted">${when(f.createdAt)}</span></th>
<td data-label="Feedback and outcome">${f.text}<br><strong>Outcome:</strong> ${f.outcome}</td>
<td data-label="Reply">${
      f.reply
        ? html`“${f.reply}” <span class="muted">${when(f.repliedAt)}</span>`
        : own
          ? html`<form method="post" action="${recordPaths.feedback(candidateId, f.id)}/reply">
<input type="hidden" name="_csrf" value="${viewer.csrf}">
<label for="${replyField}">Your reply to ${f.assessorName}</label>
<textarea id="${replyField}" name="text"></textarea>
<button type="submit" class="secondary">Send the reply<span class="sr"> on ${on}</span></button></form>`
          : html`<span class="muted">No reply yet</span>`
    }</td>
<td data-label="Signatures">${signatureLines(f.signatures, waiting)}${mine ? postButton(viewer, `${recordPaths.feedback(candidateId, f.id)}/sign`, html`Sign the feedback<span class="sr"> on ${on}</span>`) : ""}</td>
<td data-label="Form"><a href="${recordPaths.feedback(candidateId, f.id)}/feedback.pdf" download>Feedback<span class="sr"> on ${on}</span> (PDF)</a></td></tr>`;
  })}</tbody></table></div>`;
}

function assessorRecordRows(candidateId: string, records: AssessmentRecords): Html {
  if (!records.records.length && !records.statements.length)
    return html`<p>No observation, discussion or expert witness statement yet.</p>`;
  const rows = [
    ...records.records.map((r) => {
      const waiting = [
        ...(r.assessorSignature ? [] : [r.assessorName]),
        ...(r.candidateSignature ? [] : [r.candidateName]),
      ];
      const sigs = [r.assessorSignature, r.candidateSignature].filter((s): s is SignatureView => !!s);
      return html`<tr><th scope="row" data-label="Ref"><a href="${paths.evidence(candidateId, r.evidence.ref)}">${r.evidence.ref}</a></th>
<td data-label="Record">${RECORD_METHOD_WORDS[r.evidence.method] ?? r.evidence.method} by ${r.assessorName}, ${when(r.record.heldAt)}<br>${r.evidence.title}</td>
<td data-label="Signatures">${signatureLines(sigs, waiting)}</td>
<td data-label="Form"><a href="${paths.evidence(candidateId, r.evidence.ref)}/observation-record.pdf" download>${RECORD_METHOD_WORDS[r.evidence.method] ?? "Assessor's"} record<span class="sr"> ${r.evidence.ref}</span> (PDF)</a></td></tr>`;
    }),
    ...records.statements.map((s) => {
      const waiting = signed(s.signatures, s.candidateId) ? [] : [s.candidateName];
      return html`<tr><th scope="row" data-label="Ref"><a href="${paths.evidence(candidateId, s.evidenceRef)}">${s.evidenceRef}</a></th>
<td data-label="Record"><span class="badge expert">Expert witness</span> statement by ${s.witness.name}, ${s.witness.position}, on unit ${s.unitId}, ${when(s.occurredAt)}</td>
<td data-label="Signatures">${signatureLines(s.signatures, waiting)}</td>
<td data-label="Form"><a href="${recordPaths.statement(candidateId, s.id)}/statement.pdf" download>Expert witness statement<span class="sr"> ${s.evidenceRef}</span> (PDF)</a><br>
<a href="${recordPaths.statement(candidateId, s.id)}/expert-witness-record.pdf" download>Record of expert witness<span class="sr"> ${s.witness.name}</span> (PDF)</a></td></tr>`;
    }),
  ];
  return html`<div class="table-wrap"><table class="stack">
<caption>Observations, discussions and expert witness statements</caption>
<thead><tr><th scope="col">Ref</th><th scope="col">Record</th><th scope="col">Signatures</th><th scope="col">Form</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function expertRows(records: AssessmentRecords): Html | string {
  if (!records.experts.length) return "";
  return html`<h3>Expert witnesses of the centre</h3>
<ul>${records.experts.map(
    (x) =>
      html`<li><a href="${recordPaths.expert(x.id)}">${x.name}</a>, ${x.position}, units ${x.unitIds.join(", ")}: ${x.confirmed ? "confirmed by the centre" : "waiting for the centre to confirm"}</li>`,
  )}</ul>`;
}

/** The records section of the candidate's page. */
export function recordsSection(viewer: Viewer, candidateId: string, records: AssessmentRecords): Html {
  return html`<section aria-labelledby="records-h">
<h2 id="records-h">Assessment records</h2>
<h3>Assessment action plans</h3>
${planRows(viewer, candidateId, records)}
<h3>Feedback</h3>
${feedbackRows(viewer, candidateId, records)}
<h3>Observations, discussions and expert witnesses</h3>
${assessorRecordRows(candidateId, records)}
${expertRows(records)}
</section>`;
}
