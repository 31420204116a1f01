// The "Photos and documents" part of the evidence page: a preview of each image and a download link for every file.
import { type Html, html } from "../html.ts";

export interface EvidenceFileLink {
  name: string;
  url: string;
  bytes: number;
  /** Shown inline (JPEG, PNG, WebP); other files are a link only. */
  preview: boolean;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function evidenceFilesPart(files: readonly EvidenceFileLink[] | undefined): Html | string {
  if (!files?.length) return "";
  return html`<h3>Photos and documents</h3>
<ul class="evidence-files">${files.map(
    (f) =>
      html`<li>${f.preview ? html`<a href="${f.url}"><img src="${f.url}?inline=1" alt="${f.name}" loading="lazy" style="max-width:100%;max-height:20rem;display:block"></a>` : ""}<a href="${f.url}" download="${f.name}">Download ${f.name}</a> (${size(f.bytes)})</li>`,
  )}</ul>`;
}
