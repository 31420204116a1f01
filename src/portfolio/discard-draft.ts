// Use case: the candidate throws away a draft they do not want to file; it is kept as discarded, with its audit event.
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { isOwner } from "./permissions.ts";
import { applyTransition, openTransition } from "./transition.ts";

export interface DiscardDraftInput {
  actorId: string;
  evidenceId: string;
  version: number;
  eventId?: string;
}

export async function discardDraft(
  ctx: PortfolioContext,
  input: DiscardDraftInput,
): Promise<EvidenceSummary> {
  // load and authorise: only the candidate discards their own draft (one round trip; a retried event gets its first answer)
  const opened = await openTransition(ctx, { ...input, action: "evidence.discard" });
  if ("replayed" in opened) return opened.replayed;
  const { actor, evidence } = opened;
  if (!isOwner(actor, evidence)) throw evidenceNotFound();
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status
  if (evidence.status !== "draft")
    throw wrongStatus(evidence.ref, evidence.status, "only a draft can be discarded.");

  // one transaction: the status change and the audit event (nothing is deleted)
  return applyTransition(ctx, evidence, {
    evidenceId: evidence.id,
    expectedVersion: input.version,
    from: ["draft"],
    to: "discarded",
    audit: {
      actor: { personId: actor.id },
      action: "evidence.discarded",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { version: input.version + 1 },
    },
    ...(input.eventId ? { event: { id: input.eventId, action: "evidence.discard", actorId: actor.id } } : {}),
  });
}
