// Reading an assessor's decision form (a card's inputs or a page's fields) into judgements: one reading for both.
import type { ClaimJudgement } from "./record-decision.ts";

const ACCEPT = new Set(["accept", "accepted"]);
const REJECT = new Set(["reject", "rejected"]);

/**
 * Each claim's choice, from `decision:<claim id>` (cards) or `decision:<target id>` (pages), worded `accept`/`accepted`
 * or `reject`/`rejected`, with `comment:<target id>` as its comment. A claim with no choice is left out, so the use
 * case refuses an assessment that leaves any claim undecided.
 */
export function readDecisionForm(
  fields: Readonly<Record<string, string | undefined>>,
  claims: ReadonlyArray<{ id: string; targetId: string }>,
): ClaimJudgement[] {
  const out: ClaimJudgement[] = [];
  for (const claim of claims) {
    const value = (fields[`decision:${claim.id}`] ?? fields[`decision:${claim.targetId}`] ?? "").trim();
    const decision = ACCEPT.has(value) ? "accepted" : REJECT.has(value) ? "rejected" : undefined;
    if (!decision) continue;
    const comment = fields[`comment:${claim.targetId}`]?.trim();
    out.push({ targetId: claim.targetId, decision, ...(comment ? { comment } : {}) });
  }
  return out;
}
