// The internal verifier's page: sample rates by unit and assessor, and assessed evidence waiting to be sampled.
import type { SamplingOverview } from "../../portfolio/index.ts";
import { html } from "../html.ts";
import { page, paths, type Viewer, when } from "./layout.ts";

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function verifyPage(
  viewer: Viewer,
  overview: SamplingOverview,
  filters: { unitId?: string; assessorId?: string },
  notice?: string,
): string {
  const selected = (a: string | undefined, b: string) => (a === b ? html` selected` : "");
  const filtered = Boolean(filters.unitId || filters.assessorId);
  const body = html`
<p>Across the centre: ${overview.overall.sampled} of ${overview.overall.assessed} assessed pieces of evidence sampled (${percent(overview.overall.rate)}).</p>
<h2>Sample rates by unit and assessor</h2>
${
  overview.rates.length
    ? html`<div class="table-wrap"><table class="stack">
<caption>A piece of evidence counts once for each unit it covers</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Assessor</th><th scope="col">Assessed</th><th scope="col">Sampled</th><th scope="col">Sample rate</th></tr></thead>
<tbody>${overview.rates.map(
        (
          r,
        ) => html`<tr><th scope="row" data-label="Unit"><a href="/pages/verify?unit=${encodeURIComponent(r.unitId)}${r.assessorId ? `&assessor=${encodeURIComponent(r.assessorId)}` : ""}">Unit ${r.unitId}</a></th>
<td data-label="Assessor">${r.assessorName}</td><td data-label="Assessed">${r.assessed}</td><td data-label="Sampled">${r.sampled}</td><td data-label="Sample rate">${percent(r.rate)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="panel">Nothing has been assessed in this centre yet.</p>`
}
<h2>Waiting to be sampled</h2>
<form class="filters" method="get" action="/pages/verify" role="search" aria-label="Filter evidence to sample">
  <div><label for="f-unit">Unit</label>
  <select id="f-unit" name="unit"><option value="">Every unit</option>${overview.units.map(
    (u) => html`<option value="${u}"${selected(filters.unitId, u)}>Unit ${u}</option>`,
  )}</select></div>
  <div><label for="f-assessor">Assessor</label>
  <select id="f-assessor" name="assessor"><option value="">Every assessor</option>${overview.assessors.map(
    (a) => html`<option value="${a.id}"${selected(filters.assessorId, a.id)}>${a.name}</option>`,
  )}</select></div>
  <div><button type="submit">Filter</button> ${filtered ? html`<a href="/pages/verify">Clear filters</a>` : ""}</div>
</form>
<p>${overview.toSampleTotal} assessed piece${overview.toSampleTotal === 1 ? "" : "s"} not sampled yet${filtered ? " match the filters" : ""}${overview.toSample.length < overview.toSampleTotal ? `; the oldest ${overview.toSample.length} are shown` : ""}.</p>
${
  overview.toSample.length
    ? html`<div class="table-wrap"><table class="stack">
<caption>Assessed, not yet sampled, oldest first</caption>
<thead><tr><th scope="col">Ref</th><th scope="col">Title</th><th scope="col">Candidate</th><th scope="col">Assessor</th><th scope="col">Units</th><th scope="col">Assessed</th></tr></thead>
<tbody>${overview.toSample.map(
        (
          s,
        ) => html`<tr><th scope="row" data-label="Ref"><a href="${paths.evidence(s.candidateId, s.ref)}" aria-label="${s.ref}: ${s.title}">${s.ref}</a></th>
<td data-label="Title">${s.title}</td><td data-label="Candidate">${s.candidateName}</td><td data-label="Assessor">${s.assessorName}</td>
<td data-label="Units">${s.units.join(", ")}</td><td data-label="Assessed">${when(s.updatedAt)}</td></tr>`,
      )}</tbody></table></div>`
    : ""
}`;
  return page(
    {
      title: "Sampling",
      viewer,
      crumbs: [
        ["Home", "/pages"],
        ["Sampling", "/pages/verify"],
      ],
      ...(notice ? { notice: { text: notice } } : {}),
    },
    body,
  );
}
