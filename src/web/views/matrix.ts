// A unit's recording form as a matrix: criteria × knowledge letters × ranges, cells coloured and labelled, linked to evidence.
import type { MatrixCell, RecordingForm } from "../../portfolio/index.ts";
import { type Html, html } from "../html.ts";
import { page, paths, type Viewer } from "./layout.ts";

const STATE_WORDS = { assessed: "Assessed", claimed: "Claimed", missing: "Missing" } as const;
/** A shape as well as a colour, so the state never rests on colour alone. */
const STATE_MARK = { assessed: "✓", claimed: "◐", missing: "–" } as const;
const MAX_REFS_IN_CELL = 3;

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function refLinks(candidateId: string, cell: MatrixCell, max = Number.POSITIVE_INFINITY): Html {
  const shown = cell.refs.slice(0, max);
  const more = cell.refs.length - shown.length;
  return html`${shown.map(
    (ref, i) =>
      html`${i ? ", " : ""}<a href="${paths.evidence(candidateId, ref)}">${ref}</a>${cell.done.includes(ref) ? "" : html`<span aria-hidden="true">*</span><span class="sr"> (claimed)</span>`}`,
  )}${more > 0 ? html` <span>+${more} more</span>` : ""}`;
}

function cellHtml(candidateId: string, cell: MatrixCell, label: string): Html {
  return html`<td class="cell ${cell.state}"><span class="mark" aria-hidden="true">${STATE_MARK[cell.state]}</span><span class="sr">${label}: ${STATE_WORDS[cell.state]}</span>${
    cell.refs.length ? html`<br>${refLinks(candidateId, cell, MAX_REFS_IN_CELL)}` : ""
  }</td>`;
}

export function matrixPage(viewer: Viewer, form: RecordingForm): string {
  const cid = form.candidate.id;
  const knowledge = form.columns.filter((c) => c.kind === "knowledge");
  const ranges = form.columns.filter((c) => c.kind === "range");
  const own = viewer.person.id === cid;
  const pct = (a: number, t: number) => (t ? `${a} of ${t}` : "none");
  const legend = html`<ul class="legend" aria-label="Key">
<li><span class="swatch assessed" aria-hidden="true">${STATE_MARK.assessed}</span>Assessed: accepted by the assessor</li>
<li><span class="swatch claimed" aria-hidden="true">${STATE_MARK.claimed}</span>Claimed: filed, waiting for assessment</li>
<li><span class="swatch missing" aria-hidden="true">${STATE_MARK.missing}</span>Missing: no evidence yet</li>
<li><span aria-hidden="true">*</span> after a reference: claimed, not yet assessed</li></ul>`;
  const table = html`<div class="table-wrap" role="region" aria-labelledby="matrix-caption" tabindex="0">
<table class="matrix">
<caption id="matrix-caption">Unit ${form.unit.id}: each criterion against the knowledge (U/K) and evidence-requirement ranges</caption>
<thead>
<tr><td></td>${knowledge.length ? html`<th scope="colgroup" colspan="${knowledge.length}">U/K (knowledge)</th>` : ""}${
    ranges.length ? html`<th scope="colgroup" colspan="${ranges.length}">Evidence requirements</th>` : ""
  }<td></td></tr>
<tr><th scope="col">Standards</th>${form.columns.map(
    (c) => html`<th scope="col"><abbr title="${c.text}">${c.label}</abbr></th>`,
  )}<th scope="col">Location ref</th></tr>
</thead>
<tbody>${form.rows.map(
    (r) =>
      html`<tr><th scope="row"><b>${r.id}</b> ${r.text}</th>${r.cells.map((cell, i) =>
        cellHtml(cid, cell, `${r.id} with ${form.columns[i]?.label ?? ""}`),
      )}<td class="refs ${r.own.state}"><span class="sr">${STATE_WORDS[r.own.state]}: </span>${
        r.own.refs.length ? refLinks(cid, r.own) : html`<span class="muted">none</span>`
      }</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">Covered by any evidence</th>${form.columns.map((c) =>
    cellHtml(cid, c.own, `${c.label} on its own`),
  )}<td></td></tr></tfoot>
</table></div>`;
  const key = html`<details><summary>What the columns mean</summary>
${knowledge.length ? html`<h3>Knowledge (U/K)</h3><dl class="facts">${knowledge.map((k) => html`<dt>${k.label}</dt><dd>${k.text}</dd>`)}</dl>` : ""}
${ranges.length ? html`<h3>Evidence-requirement ranges</h3><dl class="facts">${ranges.map((r) => html`<dt>${r.label}</dt><dd>${r.text}</dd>`)}</dl>` : ""}
</details>`;
  const base = paths.unit(cid, form.unit.id);
  const body = html`
<dl class="facts">
<dt>Candidate</dt><dd><a href="${paths.portfolio(cid)}">${form.candidate.name}</a></dd>
<dt>Assessor</dt><dd>${form.assessor?.name ?? "not assigned"}</dd>
<dt>Criteria</dt><dd>${pct(form.tally.criteria.assessed, form.tally.criteria.total)} assessed</dd>
<dt>Knowledge</dt><dd>${pct(form.tally.knowledge.assessed, form.tally.knowledge.total)} assessed</dd>
<dt>Ranges</dt><dd>${pct(form.tally.ranges.assessed, form.tally.ranges.total)} assessed</dd>
<dt>Unit</dt><dd>${form.complete ? html`<span class="badge status-assessed">Complete</span>` : "In progress"}</dd>
</dl>
${form.unit.standardsKnown ? "" : html`<p class="notice error" role="note">The standards of this unit are not in Shiftnote's catalogue yet, so nothing can be counted here.</p>`}
${form.gaps.length ? html`<h2>${own ? "What you still need" : "Gaps"}</h2><ul>${form.gaps.map((g) => html`<li>${sentence(g.replace(/^[^:]+:\s*/, ""))}</li>`)}</ul>` : ""}
<h2>Recording form</h2>
${legend}
${table}
${key}
<h2>Documents</h2>
<ul class="downloads">
<li><a class="button secondary" href="${base}/recording-form.pdf" download>Unit ${form.unit.id} recording form (PDF)</a></li>
<li><a class="button secondary" href="${base}/assessment-report.pdf" download>Unit ${form.unit.id} assessment report (PDF)</a></li>
</ul>`;
  return page(
    {
      title: `Unit ${form.unit.id} ${form.unit.title}`,
      viewer,
      lede: `${form.candidate.name} · Level ${form.level}`,
      crumbs: [
        ["Home", "/pages"],
        [own ? "My portfolio" : form.candidate.name, paths.portfolio(cid)],
        [`Unit ${form.unit.id}`, base],
      ],
    },
    body,
  );
}
