// What a candidate can do next about their own evidence, on their portfolio page: referred or draft evidence and how.
import type { CandidateRecords } from "../../portfolio/index.ts";
import { type Html, html } from "../html.ts";
import { paths } from "./layout.ts";

/** The page's lede for the candidate themselves: what to do, or that everything is filed. */
export function candidateLede(records: CandidateRecords): string {
  const referred = records.evidence.filter((e) => e.status === "referred").length;
  const drafts = records.evidence.filter((e) => e.status === "draft").length;
  if (referred + drafts === 0)
    return "To add evidence, tell the Shiftnote bot about a customer you helped; this page shows what is filed.";
  return `You have ${[
    referred ? `${referred} piece${referred === 1 ? "" : "s"} of evidence referred back` : "",
    drafts ? `${drafts} draft${drafts === 1 ? "" : "s"}` : "",
  ]
    .filter(Boolean)
    .join(" and ")} to finish: see "What to do next" below.`;
}

/** "What to do next": each referred or draft piece, with the assessor's comment and the steps in the chat. */
export function candidateToDo(records: CandidateRecords): Html | string {
  const { candidate } = records;
  const open = records.evidence.filter((e) => e.status === "referred" || e.status === "draft");
  if (open.length === 0) return "";
  const items = open.map((e) => {
    const last = e.decisions.at(-1);
    const by = last ? (records.people.get(last.assessorId)?.name ?? "Your assessor") : undefined;
    const notAccepted = e.claims.filter((c) => c.active && c.decision === "rejected");
    return e.status === "referred"
      ? html`<li><a href="${paths.evidence(candidate.id, e.ref)}">${e.ref}</a> was referred back to you${by ? ` by ${by}` : ""}${last?.comment ? html`: “${last.comment}”` : "."}
${notAccepted.length ? html`<br>Not accepted: ${notAccepted.map((c) => `${c.targetId}${c.comment ? ` (${c.comment})` : ""}`).join("; ")}.` : ""}
<br>To change it, type <strong>${e.ref}</strong> in your chat with Shiftnote, press <strong>Edit text</strong>, change the account, then press <strong>Submit</strong>.</li>`
      : html`<li><a href="${paths.evidence(candidate.id, e.ref)}">${e.ref}</a> is a draft. To finish it, type <strong>${e.ref}</strong> in your chat with Shiftnote, check the claims and press <strong>Submit</strong>, or press Discard if you don't want it.</li>`;
  });
  return html`
<section aria-labelledby="todo-h">
<h2 id="todo-h">What to do next</h2>
<ul>${items}</ul>
</section>`;
}
