// The assessor's queue: submitted evidence, oldest first, with filters by candidate and unit.
import type { AssessorQueue } from "../../portfolio/index.ts";
import { html } from "../html.ts";
import { page, paths, type Viewer, when } from "./layout.ts";

export function queuePage(
  viewer: Viewer,
  queue: AssessorQueue,
  filters: { candidateId?: string; unitId?: string },
): string {
  const selected = (a: string | undefined, b: string) => (a === b ? html` selected` : "");
  const filtered = Boolean(filters.candidateId || filters.unitId);
  const body = html`
<form class="filters" method="get" action="/pages/queue" role="search" aria-label="Filter the queue">
  <div><label for="f-candidate">Candidate</label>
  <select id="f-candidate" name="candidate"><option value="">Every candidate</option>${queue.candidates.map(
    (c) => html`<option value="${c.id}"${selected(filters.candidateId, c.id)}>${c.name}</option>`,
  )}</select></div>
  <div><label for="f-unit">Unit</label>
  <select id="f-unit" name="unit"><option value="">Every unit</option>${queue.units.map(
    (u) => html`<option value="${u}"${selected(filters.unitId, u)}>Unit ${u}</option>`,
  )}</select></div>
  <div><button type="submit">Filter</button> ${filtered ? html`<a href="/pages/queue">Clear filters</a>` : ""}</div>
</form>
<p>${queue.items.length} of ${queue.total} piece${queue.total === 1 ? "" : "s"} of evidence waiting${filtered ? " match the filters" : ""}.</p>
${
  queue.items.length
    ? html`<div class="table-wrap"><table class="stack">
<caption>Waiting for assessment, oldest first</caption>
<thead><tr><th scope="col">Waiting since</th><th scope="col">Ref</th><th scope="col">Title</th><th scope="col">Candidate</th><th scope="col">Units</th><th scope="col">Claims</th><th scope="col">Witness testimony</th></tr></thead>
<tbody>${queue.items.map(
        (i) => html`<tr>
<td data-label="Waiting since">${when(i.waitingSince)}${i.resubmitted ? html` <span class="badge status-referred">resubmitted</span>` : ""}</td>
<th scope="row" data-label="Ref"><a href="${paths.evidence(i.candidateId, i.ref)}" aria-label="${i.ref}: ${i.title}">${i.ref}</a></th>
<td data-label="Title">${i.title}</td>
<td data-label="Candidate"><a href="${paths.portfolio(i.candidateId)}">${i.candidateName}</a></td>
<td data-label="Units">${i.units.join(", ")}</td>
<td data-label="Claims">${i.claims}</td>
<td data-label="Witness testimony">${i.witnesses.asked ? `${i.witnesses.given} of ${i.witnesses.asked} given` : "none asked"}</td>
</tr>`,
      )}</tbody></table></div>`
    : html`<p class="panel">Nothing is waiting${filtered ? " that matches these filters" : ""}. Evidence appears here when a candidate submits it.</p>`
}`;
  return page(
    {
      title: "Assessment queue",
      viewer,
      crumbs: [
        ["Home", "/pages"],
        ["Queue", "/pages/queue"],
      ],
    },
    body,
  );
}
