// Use case: the candidate sends referred evidence back to the assessor after making the changes asked for.
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isOwner } from "./permissions.ts";
import { checkSubmittable } from "./submission-rules.ts";
import { applyTransition, openTransition } from "./transition.ts";

export interface ResubmitEvidenceInput {
  actorId: string;
  evidenceId: string;
  version: number;
  eventId?: string;
}

export async function resubmitEvidence(
  ctx: PortfolioContext,
  input: ResubmitEvidenceInput,
): Promise<EvidenceSummary> {
  // load and authorise (one round trip; a retried event gets its first answer)
  const opened = await openTransition(ctx, { ...input, action: "evidence.resubmit" });
  if ("replayed" in opened) return opened.replayed;
  const { actor, evidence } = opened;
  if (!isOwner(actor, evidence)) throw evidenceNotFound();
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status and the rules
  if (evidence.status === "draft")
    throw wrongStatus(evidence.ref, evidence.status, 'use "submit" to file it for the first time.');
  if (evidence.status !== "referred")
    throw wrongStatus(evidence.ref, evidence.status, "there is nothing to resubmit.");
  checkSubmittable(ctx.catalogue, evidence);

  const event: PortfolioEvent = {
    type: "evidence.resubmitted",
    evidenceId: evidence.id,
    candidateId: actor.id,
    assessorId: evidence.assessorId,
  };
  // one transaction: back to submitted, every claim pending again, the audit event, who is told
  const result = await applyTransition(ctx, evidence, {
    notify: told(event, actor.id),
    evidenceId: evidence.id,
    expectedVersion: input.version,
    from: ["referred"],
    to: "submitted",
    resetDecisions: true,
    audit: {
      actor: { personId: actor.id },
      action: "evidence.resubmitted",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { version: input.version + 1 },
    },
    ...(input.eventId
      ? { event: { id: input.eventId, action: "evidence.resubmit", actorId: actor.id } }
      : {}),
  });

  await notifySafely(ctx.notify, event);
  return result;
}
