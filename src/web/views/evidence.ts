// One piece of evidence: account, audio, claims, witness testimony, the decision or sampling form, and the audit trail.
import { randomBytes } from "node:crypto";
import type { ClaimRecord } from "../../core/types.ts";
import { type EvidenceWithTrail, type TrailEntry, WITNESS_STATUS_CATEGORIES } from "../../portfolio/index.ts";
import type { Catalogue } from "../../standards/catalogue.ts";
import { type Html, html } from "../html.ts";
import { type EvidenceFileLink, evidenceFilesPart } from "./evidence-files.ts";
import { page, paths, statusBadge, type Viewer, when } from "./layout.ts";

export interface EvidenceForms {
  canDecide: boolean;
  canSample: boolean;
  audioUrl?: string;
  /** Photos and documents kept with the evidence. */
  files?: EvidenceFileLink[];
  /** Values sent with a refused form, to show them again. */
  previous?: Record<string, string>;
  notice?: { text: string; error?: boolean };
  /** The assessor's record or the expert witness statement behind this evidence, rendered. */
  parts?: Html;
  /** The testimony is an expert witness's. */
  expert?: boolean;
  /** The claims are shown in the assessor's correct-and-sign form instead of the table. */
  hideClaims?: boolean;
}

const ACTIONS: Record<string, string> = {
  "evidence.drafted": "Drafted",
  "evidence.edited": "Edited",
  "evidence.submitted": "Submitted for assessment",
  "evidence.resubmitted": "Resubmitted after referral",
  "evidence.assessed": "Assessed",
  "evidence.referred": "Referred back to the candidate",
  "evidence.sampled": "Sampled by the internal verifier",
  "evidence.discarded": "Discarded",
  "witness.requested": "Witness testimony requested",
  "witness.testimony_given": "Witness testimony given",
  "witness.refused": "Witness declined",
  "evidence.observed": "Observation recorded by the assessor",
  "evidence.discussed": "Discussion recorded by the assessor",
  "evidence.assessor_signed": "Signed by the assessor",
  "expert_witness.statement_attached": "Expert witness statement attached and signed by the witness",
};

const METHODS: Record<string, string> = {
  observation: "Observation",
  witness_testimony: "Witness testimony",
  professional_discussion: "Professional discussion",
  oral_questioning: "Oral questioning",
  work_product: "Work product",
  personal_statement: "Personal statement",
};

const SETTINGS: Record<string, string> = {
  workplace: "Workplace",
  realistic_working_environment: "Realistic working environment",
  simulation: "Simulation",
};

/** The standard a claim names, in words. */
export function claimText(catalogue: Catalogue, claim: Pick<ClaimRecord, "targetId" | "kind">): string {
  if (claim.kind === "criterion") return catalogue.criterion(claim.targetId)?.criterion.text ?? "";
  if (claim.kind === "knowledge") return catalogue.knowledgeItem(claim.targetId)?.item.text ?? "";
  const range = catalogue.range(claim.targetId);
  return range ? `${range.requirement.text.replace(/:\s*$/, "")}: ${range.range.text}` : "";
}

/** A fresh id per rendered form: the use cases record a double submit once (idempotent event ids). */
const formEventId = () => randomBytes(9).toString("base64url");

const KIND_WORDS = { criterion: "Performance criterion", knowledge: "Knowledge", range: "Range" } as const;

function trailDetails(entry: TrailEntry): string {
  const d = entry.data;
  const parts: string[] = [];
  if (Array.isArray(d.accepted) && d.accepted.length) parts.push(`accepted ${d.accepted.join(", ")}`);
  if (Array.isArray(d.rejected) && d.rejected.length) parts.push(`rejected ${d.rejected.join(", ")}`);
  if (typeof d.outcome === "string") parts.push(d.outcome === "agreed" ? "countersigned" : "disagreed");
  if (typeof d.version === "number") parts.push(`version ${d.version}`);
  return parts.join("; ");
}

/** A stable, valid id fragment for a claim's inputs. */
const fieldId = (targetId: string) => targetId.replace(/[^A-Za-z0-9]/g, "-");

function decisionForm(
  viewer: Viewer,
  data: EvidenceWithTrail,
  catalogue: Catalogue,
  forms: EvidenceForms,
): Html {
  const e = data.evidence;
  const prev = forms.previous ?? {};
  const action = `${paths.evidence(e.candidateId, e.ref)}/decision`;
  return html`<section aria-labelledby="decide-h">
<h2 id="decide-h">Your decision</h2>
<form method="post" action="${action}">
<input type="hidden" name="_csrf" value="${viewer.csrf}">
<input type="hidden" name="version" value="${e.version}">
<input type="hidden" name="_event" value="${formEventId()}">
<p>Accept or reject each claim, then save. To send it back to ${data.evidence.names[e.candidateId] ?? "the candidate"} instead, write what to change and refer it back.</p>
${e.activeClaims.map((c) => {
  const id = fieldId(c.targetId);
  const chosen = prev[`decision:${c.targetId}`];
  return html`<fieldset>
<legend>${c.targetId} ${claimText(catalogue, c)}</legend>
${c.support ? html`<p class="support">“${c.support}”</p>` : ""}
<span class="choice"><input type="radio" id="a-${id}" name="decision:${c.targetId}" value="accepted"${chosen === "accepted" ? html` checked` : ""}><label for="a-${id}">Accept</label></span>
<span class="choice"><input type="radio" id="r-${id}" name="decision:${c.targetId}" value="rejected"${chosen === "rejected" ? html` checked` : ""}><label for="r-${id}">Reject</label></span>
<div><label for="c-${id}">Comment on ${c.targetId} <span class="muted">(optional; say why when you reject)</span></label>
<input type="text" id="c-${id}" name="comment:${c.targetId}" value="${prev[`comment:${c.targetId}`] ?? ""}" class="wide"></div>
</fieldset>`;
})}
<div><label for="overall">Comment to the candidate <span class="muted">(needed to refer back)</span></label>
<textarea id="overall" name="comment">${prev.comment ?? ""}</textarea></div>
<div class="actions">
<button type="submit" name="outcome" value="assessed">Save decisions</button>
<button type="submit" name="outcome" value="referred" class="secondary">Refer back to the candidate</button>
</div>
</form></section>`;
}

function sampleForm(viewer: Viewer, data: EvidenceWithTrail, forms: EvidenceForms): Html {
  const e = data.evidence;
  const prev = forms.previous ?? {};
  return html`<section aria-labelledby="sample-h">
<h2 id="sample-h">Sampling</h2>
<form method="post" action="${paths.evidence(e.candidateId, e.ref)}/sample">
<input type="hidden" name="_csrf" value="${viewer.csrf}">
<input type="hidden" name="version" value="${e.version}">
<input type="hidden" name="_event" value="${formEventId()}">
<fieldset><legend>Sampled by internal verifier</legend>
<span class="choice"><input type="radio" id="s-yes" name="sampled" value="yes"${prev.sampled !== "no" ? html` checked` : ""}><label for="s-yes">Yes</label></span>
<span class="choice"><input type="radio" id="s-no" name="sampled" value="no"${prev.sampled === "no" ? html` checked` : ""}><label for="s-no">No, leave it unsampled</label></span>
</fieldset>
<div><label for="s-comment">Comment <span class="muted">(needed if you do not countersign)</span></label>
<textarea id="s-comment" name="comment">${prev.comment ?? ""}</textarea></div>
<p><span class="choice"><input type="checkbox" id="s-countersign" name="countersign" value="yes"${!forms.previous || prev.countersign === "yes" ? html` checked` : ""}><label for="s-countersign">I countersign the assessor's decisions</label></span></p>
<div class="actions"><button type="submit">Record the sample</button></div>
</form></section>`;
}

export function evidencePage(
  viewer: Viewer,
  data: EvidenceWithTrail,
  catalogue: Catalogue,
  forms: EvidenceForms,
): string {
  const e = data.evidence;
  const name = (id: string) => e.names[id] ?? "someone";
  const own = viewer.person.id === e.candidateId;
  const units = [...new Set(e.activeClaims.map((c) => c.unitId))];
  const claims = html`<section aria-labelledby="claims-h">
<h2 id="claims-h">Claims</h2>
${
  e.activeClaims.length
    ? html`<div class="table-wrap"><table class="stack">
<caption>What this evidence claims, with the sentence that supports each</caption>
<thead><tr><th scope="col">Claim</th><th scope="col">Supporting sentence</th><th scope="col">Decision</th></tr></thead>
<tbody>${e.activeClaims.map(
        (
          c,
        ) => html`<tr><th scope="row" data-label="Claim"><a href="${paths.unit(e.candidateId, c.unitId)}">${c.targetId}</a> <span class="muted">${KIND_WORDS[c.kind]}</span><br>${claimText(catalogue, c)}</th>
<td data-label="Supporting sentence">${c.support ? `“${c.support}”` : html`<span class="muted">none given</span>`}</td>
<td data-label="Decision"><span class="decision-${c.decision}">${c.decision === "pending" ? "Waiting" : c.decision === "accepted" ? "Accepted" : "Rejected"}</span>${c.comment ? html`<br>${c.comment}` : ""}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>No claims.</p>`
}</section>`;
  const witnesses = html`<section aria-labelledby="witness-h">
<h2 id="witness-h">Witness testimony</h2>
${
  e.witnessRequests.length
    ? e.witnessRequests.map((w) =>
        w.testimony
          ? html`<h3>${name(w.witnessId)}</h3>
<dl class="facts"><dt>Relationship</dt><dd>${w.testimony.relationship}</dd>
<dt>Witness status</dt><dd>${w.testimony.statusCategory}. ${WITNESS_STATUS_CATEGORIES[w.testimony.statusCategory as 1] ?? ""}</dd>
<dt>No personal relationship</dt><dd>${w.testimony.declaredNoPersonalRelationship ? "Declared" : "Not declared"}</dd>
<dt>Signed</dt><dd>${when(w.testimony.signedAt)}</dd></dl>
<blockquote>${w.testimony.text}</blockquote>`
          : html`<p>${name(w.witnessId)}: ${w.status === "refused" ? "declined to give testimony" : "asked, not answered yet"}.</p>`,
      )
    : html`<p>No witness was asked.</p>`
}</section>`;
  const history = html`<section aria-labelledby="history-h">
<h2 id="history-h">Decisions and samples</h2>
${
  e.decisions.length || e.samples.length
    ? html`<ul>${e.decisions.map(
        (d) =>
          html`<li>${when(d.at)}: ${name(d.assessorId)} ${d.outcome === "assessed" ? "assessed" : "referred back"} version ${d.evidenceVersion}${d.comment ? html`: “${d.comment}”` : ""}</li>`,
      )}${e.samples.map(
        (s) =>
          html`<li>${when(s.at)}: ${name(s.verifierId)} sampled it and ${s.outcome === "agreed" ? "countersigned" : "disagreed"}${s.comment ? html`: “${s.comment}”` : ""}</li>`,
      )}</ul>`
    : html`<p>None yet.</p>`
}</section>`;
  const trail = html`<section aria-labelledby="trail-h">
<h2 id="trail-h">Audit trail</h2>
<ol class="trail">${data.trail.map(
    (t) =>
      html`<li><time datetime="${t.at}">${when(t.at)}</time>: ${ACTIONS[t.action] ?? t.action}, by ${t.actorName}${trailDetails(t) ? ` (${trailDetails(t)})` : ""}</li>`,
  )}</ol></section>`;
  const body = html`
<dl class="facts">
<dt>Candidate</dt><dd><a href="${paths.portfolio(e.candidateId)}">${name(e.candidateId)}</a></dd>
<dt>Status</dt><dd>${statusBadge(e.status)} <span class="muted">version ${e.version}</span></dd>
<dt>Units</dt><dd>${units.length ? units.map((u, i) => html`${i ? ", " : ""}<a href="${paths.unit(e.candidateId, u)}">Unit ${u}</a>`) : "none"}</dd>
<dt>Method</dt><dd>${METHODS[e.method] ?? e.method}${forms.expert ? html` <span class="badge expert">Expert witness</span>` : ""}${e.source === "voice" ? " (voice note)" : ""}</dd>
<dt>Setting</dt><dd>${SETTINGS[e.setting] ?? e.setting}</dd>
${e.occurredOn ? html`<dt>Shift</dt><dd>${when(e.occurredOn)}</dd>` : ""}
<dt>Filed</dt><dd>${when(e.createdAt)}; last changed ${when(e.updatedAt)}</dd>
</dl>
<h2>Account</h2>
<div class="account">${e.text}</div>
${forms.audioUrl ? html`<h3>Voice note</h3><audio controls preload="none" src="${forms.audioUrl}"><a href="${forms.audioUrl}">Download the voice note</a></audio>` : ""}
${evidenceFilesPart(forms.files)}
${forms.hideClaims ? "" : claims}
${forms.parts ?? ""}
${forms.expert ? "" : witnesses}
${forms.canDecide ? decisionForm(viewer, data, catalogue, forms) : ""}
${forms.canSample ? sampleForm(viewer, data, forms) : ""}
${history}
${trail}`;
  return page(
    {
      title: `${e.ref} ${e.title}`,
      viewer,
      crumbs: [
        ["Home", "/pages"],
        [own ? "My portfolio" : name(e.candidateId), paths.portfolio(e.candidateId)],
        [e.ref, paths.evidence(e.candidateId, e.ref)],
      ],
      ...(forms.notice ? { notice: forms.notice } : {}),
    },
    body,
  );
}
