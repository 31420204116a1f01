// Use case: the candidate confirms the claims of a draft and files it for assessment.
import type { Channel } from "../store/types.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { notifySafely } from "./notify.ts";
import { isOwner } from "./permissions.ts";
import { checkSubmittable } from "./submission-rules.ts";
import { applyTransition, openTransition } from "./transition.ts";

export interface SubmitEvidenceInput {
  actorId: string;
  evidenceId: string;
  version: number;
  eventId?: string;
  /** Where the candidate signed the authenticity declaration made at submit; left out by older callers. */
  channel?: Channel;
}

export async function submitEvidence(
  ctx: PortfolioContext,
  input: SubmitEvidenceInput,
): Promise<EvidenceSummary> {
  // load and authorise: only the candidate files their own evidence (one round trip; a retried event gets its first answer)
  const opened = await openTransition(ctx, { ...input, action: "evidence.submit" });
  if ("replayed" in opened) return opened.replayed;
  const { actor, evidence } = opened;
  if (!isOwner(actor, evidence)) throw evidenceNotFound();
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status and the rules
  if (evidence.status === "referred")
    throw wrongStatus(
      evidence.ref,
      evidence.status,
      'send it back with "resubmit" once you have made the changes asked for.',
    );
  if (evidence.status !== "draft")
    throw wrongStatus(evidence.ref, evidence.status, "there is nothing to submit.");
  checkSubmittable(ctx.catalogue, evidence);

  // one transaction (one statement): status change guarded by the version, the audit event, the event id
  const result = await applyTransition(ctx, evidence, {
    evidenceId: evidence.id,
    expectedVersion: input.version,
    from: ["draft"],
    to: "submitted",
    audit: {
      actor: { personId: actor.id },
      action: "evidence.submitted",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { version: input.version + 1, claims: evidence.claims.map((c) => c.targetId) },
    },
    // the candidate's declaration that the evidence is their own work (AUTHENTICITY_DECLARATION), once per evidence
    signature: {
      kind: "authenticity",
      personId: actor.id,
      role: "candidate",
      channel: input.channel ?? null,
    },
    ...(input.eventId ? { event: { id: input.eventId, action: "evidence.submit", actorId: actor.id } } : {}),
  });

  await notifySafely(ctx.notify, {
    type: "evidence.submitted",
    evidenceId: evidence.id,
    candidateId: actor.id,
    assessorId: evidence.assessorId,
  });
  return result;
}
