// Use case: the candidate's assessor accepts or rejects each claim, or refers the evidence back with a comment.
import { AppError } from "../core/errors.ts";
import type { Transition } from "../store/transition-repository.ts";
import { type ClaimInput, resolveClaims } from "./claims.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isAssignedAssessor } from "./permissions.ts";
import { applyTransition, openTransition } from "./transition.ts";
import { refuseWitnessAsJudge } from "./witness-independence.ts";

export interface ClaimJudgement {
  /** The claimed criterion, knowledge item or range id, e.g. 205.1.2. */
  targetId: string;
  decision: "accepted" | "rejected";
  comment?: string;
}

export interface RecordDecisionInput {
  actorId: string;
  evidenceId: string;
  /** The version the assessor opened: if it changed since, nothing is saved. */
  version: number;
  /** "assessed": every claim accepted or rejected; "referred": back to the candidate with a comment. */
  outcome: "assessed" | "referred";
  claims?: ClaimJudgement[];
  /** Claims the assessor adds, accepted at once (e.g. a range the mapper missed). */
  addClaims?: ClaimInput[];
  comment?: string;
  eventId?: string;
}

type Judgement = {
  claimId: string;
  targetId: string;
  decision: "accepted" | "rejected";
  comment: string | null;
};

export async function recordDecision(
  ctx: PortfolioContext,
  input: RecordDecisionInput,
): Promise<EvidenceSummary> {
  // load and authorise: only the assessor assigned to the candidate decides (one round trip; a retried event gets its first answer)
  const opened = await openTransition(ctx, { ...input, action: "evidence.decide" });
  if ("replayed" in opened) return opened.replayed;
  const { actor, evidence } = opened;
  if (!isAssignedAssessor(actor, evidence)) throw evidenceNotFound();
  await refuseWitnessAsJudge(ctx, evidence, actor.id, "assessor");
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status and the decisions
  if (evidence.status !== "submitted")
    throw wrongStatus(evidence.ref, evidence.status, "there is nothing to decide on it now.");
  if (evidence.assessorMade)
    throw new AppError(
      "forbidden_state",
      `${evidence.ref} is your own record: its claims are assessed when you have signed it and the candidate has confirmed it.`,
    );
  const comment = (input.comment ?? "").trim();
  if (input.outcome === "referred" && !comment)
    throw new AppError(
      "bad_input",
      `Say what the candidate should change in ${evidence.ref} before referring it back.`,
    );
  const added = resolveClaims(ctx.catalogue, input.addClaims ?? [], "assessor").filter(
    (c) => !evidence.claims.some((a) => a.targetId === c.targetId),
  );
  const judgements = matchJudgements(evidence.ref, evidence.claims, input.claims ?? []);
  if (input.outcome === "assessed") {
    const undecided = evidence.claims.filter((c) => !judgements.has(c.id)).map((c) => c.targetId);
    if (undecided.length)
      throw new AppError(
        "bad_input",
        // "as well" only when some claims are decided: with none chosen, the assessor is asked to choose for each.
        judgements.size === 0
          ? `Choose Accept or Reject for each claim (${undecided.join(", ")}), then submit; or refer ${evidence.ref} back to the candidate.`
          : `Accept or reject ${undecided.join(", ")} as well, or refer ${evidence.ref} back to the candidate.`,
      );
    // A claim not accepted needs a short reason the candidate will read: its own, or the decision's comment.
    const unexplained = [...judgements.values()].filter((j) => j.decision === "rejected" && !j.comment);
    if (unexplained.length && !comment)
      throw new AppError(
        "bad_input",
        `Say briefly why ${unexplained.map((j) => j.targetId).join(", ")} ${unexplained.length === 1 ? "is" : "are"} not accepted (the candidate reads it), then submit again.`,
      );
  }

  const event: PortfolioEvent = {
    type: input.outcome === "assessed" ? "evidence.assessed" : "evidence.referred",
    evidenceId: evidence.id,
    candidateId: evidence.candidateId,
  };
  const transition = (all: Judgement[]): Transition => ({
    notify: told(event, actor.id),
    evidenceId: evidence.id,
    expectedVersion: input.version,
    from: ["submitted"],
    to: input.outcome,
    decision: { assessorId: actor.id, outcome: input.outcome, comment, claims: all },
    audit: {
      actor: { personId: actor.id },
      action: input.outcome === "assessed" ? "evidence.assessed" : "evidence.referred",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: {
        version: input.version + 1,
        decidedOnVersion: input.version,
        accepted: all.filter((j) => j.decision === "accepted").map((j) => j.targetId),
        rejected: all.filter((j) => j.decision === "rejected").map((j) => j.targetId),
      },
    },
  });

  // one transaction: version guard and status, claim decisions, the decision record, the audit event, who is told
  let result: EvidenceSummary;
  if (added.length === 0) {
    result = await applyTransition(ctx, evidence, {
      ...transition([...judgements.values()]),
      ...(input.eventId
        ? { event: { id: input.eventId, action: "evidence.decide", actorId: actor.id } }
        : {}),
    });
  } else {
    // Claims the assessor adds are written first, in the same transaction as the decision.
    const id = await ctx.store.once(input.eventId, "evidence.decide", actor.id, async (tx) => {
      await tx.evidence.addClaims(evidence.id, added);
      const fresh = await tx.evidence.claims(evidence.id);
      const all = [...judgements.values()];
      for (const claim of fresh)
        if (added.some((a) => a.targetId === claim.targetId))
          all.push({ claimId: claim.id, targetId: claim.targetId, decision: "accepted", comment: null });
      if ((await tx.transitions.apply(transition(all))) === null) throw staleEvidence(evidence.ref);
      return evidence.id;
    });
    result = { id, ref: evidence.ref, status: input.outcome, version: input.version + 1 };
  }

  await notifySafely(ctx.notify, event);
  return result;
}

function matchJudgements(
  ref: string,
  active: ReadonlyArray<{ id: string; targetId: string }>,
  given: ClaimJudgement[],
): Map<string, Judgement> {
  const out = new Map<string, Judgement>();
  const unknown: string[] = [];
  for (const j of given) {
    const claim = active.find((c) => c.targetId === j.targetId.trim());
    if (!claim) {
      unknown.push(j.targetId);
      continue;
    }
    if (j.decision !== "accepted" && j.decision !== "rejected")
      throw new AppError(
        "bad_input",
        `Each claim is either accepted or rejected; ${j.targetId} was neither.`,
      );
    out.set(claim.id, {
      claimId: claim.id,
      targetId: claim.targetId,
      decision: j.decision,
      comment: j.comment?.trim() || null,
    });
  }
  if (unknown.length)
    throw new AppError(
      "bad_input",
      `${ref} does not claim ${unknown.join(", ")}. Open it again to see what it claims, or add the claim as the assessor.`,
    );
  return out;
}
