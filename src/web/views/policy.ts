// The privacy notice and the terms of use (the Teams app's privacy and terms links): what is kept, for how long, how erasure works.
import { CARD_COPY_LIMITS, ERASED_TEXT } from "../../portfolio/index.ts";
import { SESSION_SECONDS } from "../auth/session.ts";
import { html } from "../html.ts";
import { DEFAULT_LINK_TTL_SECONDS } from "../signed-link.ts";
import { page } from "./layout.ts";

const hours = (seconds: number) => `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
const minutes = (seconds: number) => `${seconds / 60} minutes`;

/** /privacy: what Shiftnote keeps about each person, for how long, who sees it, and how erasure works. */
export function privacyPage(): string {
  return page(
    {
      title: "Privacy: what Shiftnote keeps about you",
      lede: "Shiftnote is run by your training centre, on its own server. Your centre is responsible for your data; this page says what the software keeps and how that is used.",
    },
    html`
<section aria-labelledby="kept">
<h2 id="kept">What is kept</h2>
<ul>
<li><strong>Who you are:</strong> your name, work email, job title (for witnesses), your roles (candidate, assessor, witness, internal verifier, centre admin), the centre you belong to, and your Teams or Slack user id so the bot knows you.</li>
<li><strong>Your qualification:</strong> the units you are taking, your assessor and internal verifier, and the registration number and centre number your centre records for the awarding body.</li>
<li><strong>Your evidence:</strong> each account you type or speak, every edited version of it (nothing is overwritten), the standards it is claimed against with the sentence that supports each, and the date it happened.</li>
<li><strong>Voice notes:</strong> the recording, kept in the centre's files area on the server, and the text it was turned into.</li>
<li><strong>What others said about it:</strong> witness testimony (with the witness's status and relationship), the assessor's decisions and comments, and the internal verifier's sampling.</li>
<li><strong>An audit trail:</strong> who did what and when (filed, submitted, decided, erased). It holds record ids and codes, never your words or contact details, and it cannot be edited or deleted.</li>
<li><strong>Working records:</strong> where the bot can message you in Teams or Slack, messages waiting for you in the web playground, and which chat messages showed which evidence so they can be updated.</li>
</ul>
<p>Shiftnote does not use advertising or tracking cookies. The pages set one cookie to keep you signed in.</p>
</section>

<section aria-labelledby="where">
<h2 id="where">Where it goes</h2>
<p>Everything is kept in your centre's database and files area. By default nothing leaves that server: suggestions are made by an offline mapper on the same machine.</p>
<p>If your centre turns on an online service, the text of an account (for re-ranking suggestions) or a voice recording (for transcription) is sent to the OpenAI-compatible service your centre has chosen. Your centre can tell you whether it has done so. Messages to and from the bot also pass through Microsoft Teams or Slack, under your employer's agreement with them.</p>
<p>Who sees your evidence: you; your assessor; your centre's internal verifiers; a witness sees only the evidence they were asked about; your centre's admins. Nobody else is shown it, and people outside your centre are told it does not exist.</p>
</section>

<section aria-labelledby="how-long">
<h2 id="how-long">For how long</h2>
<ul>
<li><strong>Your portfolio</strong> (evidence, versions, testimony, decisions): until your centre erases it. Shiftnote deletes nothing on a timer, because awarding bodies require centres to keep assessment records; ask your centre how long it keeps them.</li>
<li><strong>A draft you discard</strong> is kept, marked as discarded, so nothing disappears without trace; it is no longer shown or counted.</li>
<li><strong>Records of which chat messages showed your evidence:</strong> at most ${String(CARD_COPY_LIMITS.perEvidence)} per piece of evidence and none older than ${String(CARD_COPY_LIMITS.maxAgeDays)} days.</li>
<li><strong>Sign-in:</strong> a link the bot sends you works for ${minutes(DEFAULT_LINK_TTL_SECONDS)}; once signed in, the pages keep you signed in for ${hours(SESSION_SECONDS)}.</li>
<li><strong>The audit trail:</strong> for as long as the database is kept. It never holds your words or contact details.</li>
</ul>
</section>

<section aria-labelledby="erasure">
<h2 id="erasure">Erasure: how to have your data removed</h2>
<p>Ask your centre's admin. They run the erasure (<code>shiftnote admin erase</code>); it is recorded in the audit trail that it happened, and by whom, but not what was removed. In one step it:</p>
<ul>
<li>replaces your name with "Erased person", removes your email, job title and roles, and unlinks your Teams and Slack accounts;</li>
<li>replaces the words of every piece of evidence you filed, in every version, and the testimony given about it (with the witness's stated relationship), with "${ERASED_TEXT}", and clears the supporting sentences and the assessor's and verifier's comments on it;</li>
<li>deletes your voice recordings from the centre's files area, and any export in that area that holds your name or email;</li>
<li>forgets where the bot could message you, the messages waiting for you, and which chat messages showed your evidence; deletes the messages waiting for other people in the web playground that name you or show your evidence, and takes your name out of comments on anyone's evidence;</li>
<li>has the database rewrite its files, so the erased words do not linger in them.</li>
</ul>
<p>What stays: the fact that evidence existed and the assessor's and verifier's decisions on it (accepted or rejected, with ids, not your words or their comments), because the centre must be able to show how a qualification was assessed; testimony you gave about someone else's evidence, which is part of their portfolio; and the audit trail. Voice recordings are files in the centre's files area, and erasure deletes yours from it; an export the admin saved anywhere else must be deleted by hand, and the command says so. Messages already delivered in Teams or Slack are kept by those services under your employer's settings.</p>
<p>Before erasure you can ask for a copy of your portfolio: the admin exports it as JSON (<code>shiftnote admin export</code>), and you can download your recording forms and portfolio from your portfolio page.</p>
</section>

<p><a href="/terms">Terms of use</a></p>`,
  );
}

/** /terms: the plain terms of using Shiftnote at a centre. */
export function termsPage(): string {
  return page(
    {
      title: "Terms of use",
      lede: "Shiftnote helps you build portfolio evidence for the Customer Service N/SVQ. Your training centre runs it and decides who may use it.",
    },
    html`
<section aria-labelledby="who">
<h2 id="who">Who may use it</h2>
<p>People your centre has added: candidates, assessors, witnesses, internal verifiers and centre admins. Each sees only what their role allows. Do not share your sign-in links; each one signs in the person it was sent to.</p>
</section>

<section aria-labelledby="your-words">
<h2 id="your-words">What you tell it</h2>
<ul>
<li>Tell the truth about your own work. Evidence is assessed and sampled, and a witness confirms it in their own words.</li>
<li>Leave out customers' personal details (names, phone numbers, card numbers, addresses). Shiftnote warns you when it spots some and offers to file without them, but you are responsible for what you file.</li>
<li>A witness confirms only what they saw, declares their status and relationship, and does not witness for a relative or someone they have a close personal relationship with.</li>
</ul>
</section>

<section aria-labelledby="suggestions">
<h2 id="suggestions">Suggestions are suggestions</h2>
<p>The standards, ranges and knowledge Shiftnote suggests for an account are made by software and can be wrong. You choose what to claim; only your assessor decides what is met, and the internal verifier samples those decisions. The recording forms Shiftnote produces are filled from those decisions and still need the signatures they ask for.</p>
</section>

<section aria-labelledby="records">
<h2 id="records">Records and your data</h2>
<p>Nothing is deleted silently: edits add versions, and a discarded draft is kept, marked as discarded. How your data is kept, for how long, and how to have it erased is set out in the <a href="/privacy">privacy notice</a>.</p>
</section>

<section aria-labelledby="service">
<h2 id="service">The service</h2>
<p>Your centre runs Shiftnote on its own server and may change or stop it; ask your centre about availability and support. Shiftnote is provided as it is, without a promise that it is free of faults.</p>
</section>`,
  );
}
