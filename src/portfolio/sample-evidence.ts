// Use case: an internal verifier of the centre samples assessed evidence and countersigns (agrees) or disagrees.
import { AppError } from "../core/errors.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import type { PortfolioEvent } from "./notify.ts";
import { isCentreVerifier } from "./permissions.ts";
import { applyTransition, openTransition } from "./transition.ts";
import { refuseWitnessAsJudge } from "./witness-independence.ts";

export interface SampleEvidenceInput {
  actorId: string;
  evidenceId: string;
  version: number;
  outcome: "agreed" | "disagreed";
  comment?: string;
  eventId?: string;
}

export async function sampleEvidence(
  ctx: PortfolioContext,
  input: SampleEvidenceInput,
): Promise<EvidenceSummary> {
  // load and authorise: internal verifiers sample only in their own centre (one round trip; a retried event gets its first answer)
  const opened = await openTransition(ctx, { ...input, action: "evidence.sample" });
  if ("replayed" in opened) return opened.replayed;
  const { actor, evidence } = opened;
  if (!isCentreVerifier(actor, evidence)) throw evidenceNotFound();
  await refuseWitnessAsJudge(ctx, evidence, actor.id, "internal_verifier");
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status
  if (evidence.status !== "assessed")
    throw wrongStatus(
      evidence.ref,
      evidence.status,
      evidence.status === "sampled"
        ? "it does not need sampling again."
        : "only assessed evidence can be sampled.",
    );
  const comment = (input.comment ?? "").trim();
  if (input.outcome === "disagreed" && !comment)
    throw new AppError(
      "bad_input",
      `Say why you disagree with the assessment of ${evidence.ref}, for the assessor to act on.`,
    );

  const event: PortfolioEvent = {
    type: "evidence.sampled",
    evidenceId: evidence.id,
    candidateId: evidence.candidateId,
    verifierId: actor.id,
  };
  // one transaction: status, the sample record, the audit event, the copies to redraw
  return applyTransition(
    ctx,
    evidence,
    {
      evidenceId: evidence.id,
      expectedVersion: input.version,
      from: ["assessed"],
      to: "sampled",
      sample: { verifierId: actor.id, outcome: input.outcome, comment },
      audit: {
        actor: { personId: actor.id },
        action: "evidence.sampled",
        entityType: "evidence",
        entityId: evidence.id,
        centreId: evidence.centreId,
        data: { version: input.version + 1, outcome: input.outcome, assessorId: evidence.assessorId },
      },
      ...(input.eventId
        ? { event: { id: input.eventId, action: "evidence.sample", actorId: actor.id } }
        : {}),
    },
    event,
  );
}
