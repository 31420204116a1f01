// Small pages: home, the local-mode demo people, sign-in refusals and errors.

import type { PersonRecord } from "../../core/types.ts";
import type { CandidateEntry } from "../../portfolio/index.ts";
import { html } from "../html.ts";
import { page, paths, roleWords, type Viewer } from "./layout.ts";

export function homePage(
  viewer: Viewer,
  candidates: CandidateEntry[],
  waiting: number | null,
  notice?: string,
  expertWitnessId?: string,
): string {
  const { person } = viewer;
  const tiles = [];
  if (expertWitnessId)
    tiles.push(
      html`<li><h2><a href="/pages/expert-witnesses/${encodeURIComponent(expertWitnessId)}">My record of expert witness</a></h2><p>Sign your record, and give expert witness statements once the centre has confirmed it.</p></li>`,
    );
  if (person.roles.includes("assessor"))
    tiles.push(
      html`<li><h2><a href="/pages/queue">Assessment queue</a></h2><p>${waiting ?? 0} piece${waiting === 1 ? "" : "s"} of evidence waiting for you, oldest first.</p></li>`,
    );
  if (person.roles.includes("internal_verifier"))
    tiles.push(
      html`<li><h2><a href="/pages/verify">Sampling</a></h2><p>Assessed evidence by unit and assessor, with sample rates.</p></li>`,
    );
  if (person.roles.includes("candidate"))
    tiles.push(
      html`<li><h2><a href="${paths.portfolio(person.id)}">My portfolio</a></h2><p>What you have covered and what is still missing.</p></li>`,
    );
  const others = candidates.filter((c) => c.as !== "self");
  const body = html`
<ul class="cards">${tiles}</ul>
${
  others.length
    ? html`<h2>Candidates</h2>
<ul>${others.map((c) => html`<li><a href="${paths.portfolio(c.id)}">${c.name}</a> <span class="muted">${c.email}</span></li>`)}</ul>`
    : ""
}
${tiles.length || others.length ? "" : html`<p>There is nothing for you here yet. Witnesses answer in Teams or Slack, where the request was sent.</p>`}`;
  return page(
    {
      title: `Hello, ${person.name}`,
      viewer,
      lede: `Signed in as ${roleWords(person.roles) || "a person with no role yet"}.`,
      ...(notice ? { notice: { text: notice } } : {}),
    },
    body,
  );
}

export function demoPage(people: Array<{ person: PersonRecord; token: string }>, viewer?: Viewer): string {
  return page(
    {
      title: "Open Shiftnote as a demo person",
      ...(viewer ? { viewer } : {}),
      lede: "Local mode: no Teams or Slack is configured, so anyone on this machine may open the pages as any demo person. In production the bot sends each person a signed link instead.",
    },
    html`<div class="table-wrap"><table class="stack">
<caption>People in this Shiftnote</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Roles</th><th scope="col">Email</th><th scope="col"><span class="sr">Open</span></th></tr></thead>
<tbody>${people.map(
      ({ person, token }) =>
        html`<tr><td data-label="Name">${person.name}</td><td data-label="Roles">${roleWords(person.roles)}</td><td data-label="Email">${person.email}</td>
<td><form method="post" action="/auth/link"><input type="hidden" name="token" value="${token}"><button type="submit" class="secondary">Open as ${person.name}</button></form></td></tr>`,
    )}</tbody></table></div>
${people.length ? "" : html`<p>There is nobody here yet. Run <code>npx shiftnote demo</code> to load the demo centre.</p>`}`,
  );
}

/**
 * The page a sign-in link opens. Signing in is its button, not the link itself: chat apps fetch links to
 * preview them, and a link that worked once on a plain visit would be spent by the preview.
 */
export function signInPage(name: string, token: string, until: string): string {
  return page(
    { title: "Open Shiftnote" },
    html`<p>This link signs you in as <strong>${name}</strong>. It works once, until ${until}.</p>
<form method="post" action="/auth/link"><input type="hidden" name="token" value="${token}">
<button type="submit">Open Shiftnote as ${name}</button></form>
<p class="muted">Not ${name}? Close this page and ask the Shiftnote bot for your own link.</p>`,
  );
}

export type Refusal = "expired" | "tampered" | "malformed" | "unknown_person" | "signed_out" | "used";

const REFUSALS: Record<Refusal, { title: string; text: string }> = {
  expired: {
    title: "This sign-in link has expired",
    text: "Sign-in links work for a short time only, so an old message cannot be used by someone else. Ask the Shiftnote bot for a new one: type “open portfolio” in Teams or Slack.",
  },
  tampered: {
    title: "This sign-in link is not valid",
    text: "The link has been changed or was not made by this Shiftnote, so it cannot sign you in. Open the link exactly as the bot sent it, or ask the bot for a new one.",
  },
  malformed: {
    title: "This sign-in link is not valid",
    text: "The link is incomplete: it may have been cut short when it was copied. Open the link exactly as the bot sent it, or ask the bot for a new one.",
  },
  unknown_person: {
    title: "We can't sign you in",
    text: "The person this link was made for is no longer in Shiftnote. Ask your centre admin.",
  },
  used: {
    title: "This sign-in link has been used",
    text: "Each sign-in link works once, so a link left in a chat cannot be used by someone else. Ask the Shiftnote bot for a new one: type “open portfolio” in Teams or Slack.",
  },
  signed_out: {
    title: "Please sign in",
    text: "You are not signed in, or your session has ended. Ask the Shiftnote bot for a link: type “open portfolio” in Teams or Slack.",
  },
};

export function refusalPage(reason: Refusal, localMode: boolean): string {
  const r = REFUSALS[reason];
  return page(
    { title: r.title },
    html`<p>${r.text}</p>${localMode ? html`<p>Trying Shiftnote on this machine? <a href="/pages/demo">Open it as a demo person</a>.</p>` : ""}`,
  );
}

export function errorPage(title: string, message: string, viewer?: Viewer): string {
  return page(
    { title, ...(viewer ? { viewer } : {}) },
    html`<p>${message}</p><p><a href="/pages">Back to the start</a></p>`,
  );
}
