// The page shell: landmarks, skip link, navigation by role, sign-out, breadcrumbs and notices.
import { formatDateTime } from "../../core/dates.ts";
import { EVIDENCE_STATUS_WORDS } from "../../core/status-words.ts";
import type { PersonRecord } from "../../core/types.ts";
import { type Html, type HtmlValue, html } from "../html.ts";

/** Who is looking, and the token their forms carry. */
export interface Viewer {
  person: PersonRecord;
  csrf: string;
}

export interface PageOptions {
  title: string;
  viewer?: Viewer;
  crumbs?: Array<[label: string, href: string]>;
  notice?: { text: string; error?: boolean };
  /** A short line under the title. */
  lede?: HtmlValue;
}

const ROLE_WORDS: Record<string, string> = {
  candidate: "candidate",
  assessor: "assessor",
  witness: "witness",
  internal_verifier: "internal verifier",
  admin: "centre admin",
};

export const roleWords = (roles: readonly string[]) => roles.map((r) => ROLE_WORDS[r] ?? r).join(", ");

function navigation(viewer: Viewer): Html {
  const { person } = viewer;
  const links: Array<[string, string]> = [["Home", "/pages"]];
  if (person.roles.includes("candidate")) links.push(["My portfolio", `/pages/candidates/${person.id}`]);
  if (person.roles.includes("assessor")) links.push(["Queue", "/pages/queue"]);
  if (person.roles.includes("internal_verifier")) links.push(["Sampling", "/pages/verify"]);
  return html`<nav aria-label="Main"><ul>${links.map(([label, href]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav>
  <div class="who"><span>Signed in as ${person.name}</span>
    <form method="post" action="/auth/sign-out"><input type="hidden" name="_csrf" value="${viewer.csrf}"><button type="submit">Sign out</button></form></div>`;
}

/** A whole HTML page around `body`. */
export function page(options: PageOptions, body: HtmlValue): string {
  const crumbs = options.crumbs?.length
    ? html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${options.crumbs.map(([label, href], i, all) =>
        i === all.length - 1
          ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
          : html`<li><a href="${href}">${label}</a></li>`,
      )}</ol></nav>`
    : "";
  const notice = options.notice
    ? options.notice.error
      ? html`<div class="notice error" role="alert">${options.notice.text}</div>`
      : html`<div class="notice" role="status">${options.notice.text}</div>`
    : "";
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${options.title} · Shiftnote</title>
<link rel="stylesheet" href="/pages/assets/pages.css">
<link rel="stylesheet" href="/pages/assets/pages-states.css">
<link rel="stylesheet" href="/pages/assets/records.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="top">
  <a class="brand" href="/pages">Shiftnote</a>
  ${options.viewer ? navigation(options.viewer) : ""}
</header>
<main id="main" tabindex="-1">
${crumbs}
<h1>${options.title}</h1>
${options.lede ? html`<p class="lede">${options.lede}</p>` : ""}
${notice}
${body}
</main>
<footer><p>Shiftnote: portfolio evidence for the Customer Service N/SVQ.</p></footer>
</body>
</html>
`.value;
}

/** "2025-11-24T09:30:00.000Z" → "24 Nov 2025, 09:30" in UK time (a date alone → "24 Nov 2025"). */
export function when(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso) : "";
}

export const STATUS_WORDS: Record<string, string> = EVIDENCE_STATUS_WORDS;

export const statusBadge = (status: string) =>
  html`<span class="badge status-${status}">${STATUS_WORDS[status] ?? status}</span>`;

/** Links into a candidate's pages. */
export const paths = {
  portfolio: (candidateId: string) => `/pages/candidates/${encodeURIComponent(candidateId)}`,
  unit: (candidateId: string, unitId: string) =>
    `/pages/candidates/${encodeURIComponent(candidateId)}/units/${encodeURIComponent(unitId)}`,
  evidence: (candidateId: string, ref: string) =>
    `/pages/candidates/${encodeURIComponent(candidateId)}/evidence/${encodeURIComponent(ref)}`,
};
