// Plain words about what happened to a piece of evidence: who decided, how many claims, which were not accepted and why.
import type { EvidenceView } from "../portfolio/index.ts";

type Decided = Pick<EvidenceView, "ref" | "activeClaims" | "decisions">;

const claims = (n: number) => `${n} claim${n === 1 ? "" : "s"}`;

/** "205.1.2 not accepted: not enough about the customer's needs; 205.ER4.c not accepted". */
export function notAcceptedWords(evidence: Pick<EvidenceView, "activeClaims">): string {
  const refused = evidence.activeClaims.filter((c) => c.decision === "rejected");
  return refused
    .map(
      (c) =>
        `${c.targetId} not accepted${c.comment?.trim() ? `: ${c.comment.trim().replace(/[.!]+$/, "")}` : ""}`,
    )
    .join("; ");
}

/** "Priya Shah accepted 3 of 5 claims on E6; 205.1.2 not accepted: <reason>. Her comment: "…"". */
export function decisionWords(byName: string, evidence: Decided): string {
  const total = evidence.activeClaims.length;
  const accepted = evidence.activeClaims.filter((c) => c.decision === "accepted").length;
  const refused = notAcceptedWords(evidence);
  const comment = evidence.decisions.at(-1)?.comment?.trim();
  const head =
    accepted === total
      ? `${byName} accepted all ${claims(total)} on ${evidence.ref}`
      : `${byName} accepted ${accepted} of ${claims(total)} on ${evidence.ref}`;
  return `${head}${refused ? `; ${refused}` : ""}.${comment ? ` Comment: "${comment}"` : ""}`;
}

/** What a candidate reads about a referral: who, the comment, what was not accepted, and what to do. */
export function referralWords(byName: string, evidence: Decided): string {
  const comment = evidence.decisions.at(-1)?.comment?.trim();
  const refused = notAcceptedWords(evidence);
  return [
    `${byName} referred ${evidence.ref} back to you${comment ? `: "${comment}"` : "."}`,
    refused ? `${refused}.` : "",
    `Press Edit text on the card to change the account, then Submit to send ${evidence.ref} back. You can open it again at any time by typing ${evidence.ref}.`,
  ]
    .filter(Boolean)
    .join(" ");
}
