// A record of expert witness: what 004 asks of one, the signatures, and the witness's statement form once the centre confirmed it.
import type { ExpertWitnessView } from "../../portfolio/index.ts";
import { type Html, html } from "../html.ts";
import { area, choose, field, formTokens } from "./form-bits.ts";
import { page, type Viewer } from "./layout.ts";
import { recordPaths, signatureLines } from "./records.ts";

export interface ExpertPageOptions {
  candidates: Array<{ id: string; name: string }>;
  /** The viewer may confirm the record for the centre (an admin or internal verifier, not the witness). */
  mayConfirm: boolean;
  previous?: Record<string, string | undefined>;
  notice?: { text: string; error?: boolean };
}

function statementForm(viewer: Viewer, x: ExpertWitnessView, o: ExpertPageOptions): Html {
  const prev = o.previous ?? {};
  if (!o.candidates.length)
    return html`<p>No candidate of the centre is taking the units on your record.</p>`;
  return html`<section aria-labelledby="statement-h">
<h2 id="statement-h">Give an expert witness statement</h2>
<form method="post" action="${recordPaths.expert(x.id)}/statement">
${formTokens(viewer)}
${choose(
  "candidateId",
  "Candidate",
  o.candidates.map((c) => [c.id, c.name]),
  prev,
)}
${choose(
  "unitId",
  "Unit",
  x.unitIds.map((u) => [u, `Unit ${u}`]),
  prev,
)}
${field("venue", "Venue", prev, { required: true })}
${field("occurredAt", "Date and time of the activity", prev, { type: "datetime-local", required: true, hint: "(UK time)" })}
${area("activity", "The activity you observed", prev, { required: true })}
${area("text", "What you saw, and how competent you found the candidate", prev, { required: true })}
${field("criteria", "Criteria it is against", prev, { required: true, hint: "(their numbers, separated by commas, for example 205.2.1, 205.2.4)" })}
${field("relationship", "Your relationship to the candidate", prev, { required: true, hint: "(for example, their line manager)" })}
${field("contact", "Contact details", prev, { hint: `(your email, ${x.email}, when left empty)` })}
<p>When you send it, your signature is recorded as “Confirmed by ${viewer.person.name} on …”, the statement is filed for the candidate’s assessor and the candidate is asked to sign it.</p>
<div class="actions"><button type="submit">Sign and send the statement</button></div>
</form></section>`;
}

export function expertWitnessPage(viewer: Viewer, x: ExpertWitnessView, o: ExpertPageOptions): string {
  const own = viewer.person.id === x.personId;
  const signedRecord = x.signatures.some((s) => s.kind === "expert_witness_record");
  const waiting = [...(signedRecord ? [] : [x.name]), ...(x.confirmed ? [] : ["the centre"])];
  const body = html`
<dl class="facts"><dt>Name</dt><dd>${x.name}</dd>
<dt>Position</dt><dd>${x.position}</dd>
<dt>Assessment site</dt><dd>${x.site}</dd>
<dt>Units</dt><dd>${x.unitIds.map((u) => `Unit ${u}`).join(", ")}</dd>
<dt>Experience</dt><dd>${x.experienceYears} years: ${x.experience}</dd>
<dt>Knowledge of the standards</dt><dd>${x.standardsKnowledge}</dd>
<dt>Continuous professional development</dt><dd>${x.cpd}</dd>
<dt>Assessment qualification</dt><dd>${x.assessmentQualification || "None given"}</dd>
<dt>Signatures</dt><dd>${signatureLines(x.signatures, waiting)}</dd></dl>
${
  own && !signedRecord
    ? html`<form method="post" action="${recordPaths.expert(x.id)}/sign">${formTokens(viewer)}
<p>Check the details above. If they are right, sign your record; if not, ask the centre to correct them.</p>
<div class="actions"><button type="submit">Sign my record</button></div></form>`
    : ""
}
${
  o.mayConfirm && signedRecord && !x.confirmed
    ? html`<form method="post" action="${recordPaths.expert(x.id)}/confirm">${formTokens(viewer)}
<p>Confirm for the centre that ${x.name} meets what City &amp; Guilds asks of an expert witness.</p>
<div class="actions"><button type="submit">Confirm for the centre</button></div></form>`
    : ""
}
${own && x.confirmed ? statementForm(viewer, x, o) : ""}
${own && !x.confirmed && signedRecord ? html`<p>The centre has not confirmed your record yet. You can give statements once it has.</p>` : ""}
<ul class="downloads"><li><a class="button secondary" href="${recordPaths.expert(x.id)}/record.pdf" download>Record of expert witness (PDF)</a></li></ul>`;
  return page(
    {
      title: `Record of expert witness: ${x.name}`,
      viewer,
      crumbs: [
        ["Home", "/pages"],
        [x.name, recordPaths.expert(x.id)],
      ],
      ...(o.notice ? { notice: o.notice } : {}),
    },
    body,
  );
}
