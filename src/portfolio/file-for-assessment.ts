// The step submit and resubmit share: the candidate's own evidence, at the version they saw, filed for the assessor.
import type { Channel, EvidenceStatus } from "../core/types.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { isOwner } from "./permissions.ts";
import { checkSubmittable } from "./submission-rules.ts";
import { applyTransition, openTransition } from "./transition.ts";

export interface FileInput {
  actorId: string;
  evidenceId: string;
  version: number;
  eventId?: string;
  /** Where the candidate signed the authenticity declaration made at submit; left out by older callers. */
  channel?: Channel;
}

/** How a first submission and a resubmission differ. */
export interface Filing {
  action: "evidence.submit" | "evidence.resubmit";
  event: "evidence.submitted" | "evidence.resubmitted";
  from: "draft" | "referred";
  /** What to say for a status other than `from`, when it has its own advice. */
  advice: Partial<Record<EvidenceStatus, string>>;
  /** Nothing to file in any other status: the end of the refusal. */
  nothing: string;
  /** A resubmission puts every claim back to pending. */
  resetDecisions?: boolean;
  /** A first submission records the candidate's authenticity declaration (once per evidence). */
  declaration?: boolean;
}

export async function fileForAssessment(
  ctx: PortfolioContext,
  input: FileInput,
  filing: Filing,
): Promise<EvidenceSummary> {
  // load and authorise: only the candidate files their own evidence (one round trip; a retried event gets its first answer)
  const opened = await openTransition(ctx, { ...input, action: filing.action });
  if ("replayed" in opened) return opened.replayed;
  const { actor, evidence } = opened;
  if (!isOwner(actor, evidence)) throw evidenceNotFound();
  // A card opened on an older version is answered with what changed, whatever the status is now.
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status and the rules
  if (evidence.status !== filing.from)
    throw wrongStatus(evidence.ref, evidence.status, filing.advice[evidence.status] ?? filing.nothing);
  checkSubmittable(ctx.catalogue, evidence);

  // one transaction (one statement): status change guarded by the version, the audit event, who is told, the event id
  return applyTransition(
    ctx,
    evidence,
    {
      evidenceId: evidence.id,
      expectedVersion: input.version,
      from: [filing.from],
      to: "submitted",
      ...(filing.resetDecisions ? { resetDecisions: true } : {}),
      audit: {
        actor: { personId: actor.id },
        action: filing.event,
        entityType: "evidence",
        entityId: evidence.id,
        centreId: evidence.centreId,
        data: {
          version: input.version + 1,
          ...(filing.resetDecisions ? {} : { claims: evidence.claims.map((c) => c.targetId) }),
        },
      },
      ...(filing.declaration
        ? {
            signature: {
              kind: "authenticity",
              personId: actor.id,
              role: "candidate",
              channel: input.channel ?? null,
            },
          }
        : {}),
      ...(input.eventId ? { event: { id: input.eventId, action: filing.action, actorId: actor.id } } : {}),
    },
    { type: filing.event, evidenceId: evidence.id, candidateId: actor.id, assessorId: evidence.assessorId },
  );
}
