// A candidate's portfolio: units with their coverage, the gaps in plain words, the evidence, and the downloads.
import { type CandidateRecords, type Tally, unitsOf } from "../../portfolio/index.ts";
import type { Catalogue } from "../../standards/catalogue.ts";
import { type HtmlValue, html } from "../html.ts";
import { candidateLede, candidateToDo } from "./candidate-todo.ts";
import { page, paths, statusBadge, type Viewer, when } from "./layout.ts";

const count = (t: Tally) =>
  t.total ? `${t.assessed} of ${t.total} assessed${t.claimed ? `, ${t.claimed} claimed` : ""}` : "—";

export function portfolioPage(
  viewer: Viewer,
  records: CandidateRecords,
  catalogue: Catalogue,
  options: {
    mayExportAll: boolean;
    notice?: { text: string; error?: boolean };
    /** Parts shown before the units (what waits for the viewer, the assessor's forms) and after the evidence. */
    before?: HtmlValue;
    after?: HtmlValue;
  },
): string {
  const { candidate } = records;
  const own = viewer.person.id === candidate.id;
  const base = paths.portfolio(candidate.id);
  const sections = records.coverage.map((c) => {
    const qualification = catalogue.qualifications.find((q) => q.id === c.qualificationId);
    return html`
<section aria-labelledby="q-${c.enrolmentId}">
<h2 id="q-${c.enrolmentId}">${qualification?.title ?? c.qualificationId}</h2>
<div class="table-wrap"><table class="stack">
<caption>Units on the plan</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Criteria</th><th scope="col">Knowledge</th><th scope="col">Ranges</th><th scope="col">Status</th><th scope="col">Documents</th></tr></thead>
<tbody>${c.units.map(
      (u) => html`<tr>
<th scope="row" data-label="Unit"><a href="${paths.unit(candidate.id, u.unitId)}">Unit ${u.unitId}</a> ${u.title}</th>
<td data-label="Criteria">${count(u.tally.criteria)}</td>
<td data-label="Knowledge">${count(u.tally.knowledge)}</td>
<td data-label="Ranges">${count(u.tally.ranges)}</td>
<td data-label="Status">${u.complete ? html`<span class="badge status-assessed">Complete</span>` : u.standardsKnown ? "In progress" : "Standards not in the catalogue"}</td>
<td data-label="Documents"><a href="${paths.unit(candidate.id, u.unitId)}/recording-form.pdf" download>Recording form<span class="sr"> for unit ${u.unitId}</span> (PDF)</a><br>
<a href="${paths.unit(candidate.id, u.unitId)}/assessment-report.pdf" download>Assessment report<span class="sr"> for unit ${u.unitId}</span> (PDF)</a></td>
</tr>`,
    )}</tbody></table></div>
<h3>${own ? "What you still need" : "Gaps"}</h3>
${c.gaps.length ? html`<ul>${c.gaps.map((g) => html`<li>${g}</li>`)}</ul>` : html`<p>Nothing is missing: every unit is complete.</p>`}
${
  c.reading.length
    ? html`<details><summary>Best Practice Guide sections to read (${c.reading.length})</summary><ul>${c.reading.map(
        (r) =>
          html`<li>Section ${r.section} ${r.title} <span class="muted">(for ${r.for.join(", ")})</span></li>`,
      )}</ul></details>`
    : ""
}
</section>`;
  });
  const evidence = html`
<section aria-labelledby="evidence-h">
<h2 id="evidence-h">Evidence</h2>
${
  records.evidence.length
    ? html`<div class="table-wrap"><table class="stack">
<caption>${own ? "Your evidence" : "Filed evidence"}, oldest first</caption>
<thead><tr><th scope="col">Ref</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Units</th><th scope="col">Last changed</th></tr></thead>
<tbody>${records.evidence.map(
        (
          e,
        ) => html`<tr><th scope="row" data-label="Ref"><a href="${paths.evidence(candidate.id, e.ref)}">${e.ref}</a></th>
<td data-label="Title">${e.title}</td><td data-label="Status">${statusBadge(e.status)}</td>
<td data-label="Units">${unitsOf(e).join(", ")}</td><td data-label="Last changed">${when(e.updatedAt)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>No evidence yet.</p>`
}
</section>`;
  const downloads = html`
<section aria-labelledby="downloads-h">
<h2 id="downloads-h">Documents</h2>
<ul class="downloads">
<li><a class="button secondary" href="${base}/witness-list.pdf" download>Witness status list (PDF)</a></li>
${
  options.mayExportAll
    ? html`<li><a class="button secondary" href="${base}/portfolio.csv" download>Whole portfolio (CSV)</a></li>
<li><a class="button secondary" href="${base}/portfolio.json" download>Whole portfolio (JSON)</a></li>`
    : ""
}
</ul>
</section>`;
  return page(
    {
      title: own ? "Your portfolio" : `${candidate.name}’s portfolio`,
      viewer,
      lede: own ? candidateLede(records) : candidate.email,
      ...(options.notice ? { notice: options.notice } : {}),
      crumbs: [
        ["Home", "/pages"],
        [own ? "My portfolio" : candidate.name, base],
      ],
    },
    html`${own ? candidateToDo(records) : ""}${options.before ?? ""}${sections}${evidence}${options.after ?? ""}${downloads}`,
  );
}
