// Use case: the candidate reads the assessor's signed observation or discussion record and confirms it; its claims are assessed.
import { AppError } from "../core/errors.ts";
import type { PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { summary } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isOwner } from "./permissions.ts";
import type { SignedRecord } from "./sign-observation.ts";
import { type SignedVia, signatureViews, signedBy } from "./signing.ts";
import { openTransition } from "./transition.ts";

export interface ConfirmObservationInput extends SignedVia {
  actorId: string;
  evidenceId: string;
  /** The version the candidate read. */
  version: number;
  eventId?: string;
}

/**
 * The candidate's signature on the record; with the assessor's already given, every claim the assessor signed is
 * accepted and the evidence is assessed, in the same transaction.
 */
export async function confirmObservation(
  ctx: PortfolioContext,
  input: ConfirmObservationInput,
): Promise<SignedRecord> {
  // load and authorise: only the candidate confirms; everyone else hears "not found"
  const opened = await openTransition(ctx, { ...input, action: "observation.confirm" });
  if ("replayed" in opened) return answer(ctx, opened.replayed.id);
  const { actor, evidence } = opened;
  if (!evidence.assessorMade || !isOwner(actor, evidence)) throw evidenceNotFound();
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status: the assessor has signed, and it waits for the candidate
  const record = await ctx.store.assessorRecords.of(evidence.id);
  if (!record) throw evidenceNotFound();
  const signatures = await ctx.store.signatures.of([evidence.id]);
  if (signedBy(signatures, "assessor_record", actor.id))
    throw new AppError(
      "forbidden_state",
      `You have already confirmed ${evidence.ref}. There is nothing more to do.`,
    );
  if (evidence.status !== "submitted")
    throw wrongStatus(evidence.ref, evidence.status, "there is nothing to confirm.");
  if (!signedBy(signatures, "assessor_record", record.assessorId))
    throw new AppError(
      "forbidden_state",
      `Your assessor has not signed ${evidence.ref} yet. You will be asked to confirm it once they have.`,
    );

  // one transaction: the candidate's signature, every claim accepted, the decision record, the audit events
  const at = ctx.now();
  const event: PortfolioEvent = {
    type: "assessor_record.confirmed",
    evidenceId: evidence.id,
    candidateId: actor.id,
    assessorId: record.assessorId,
  };
  await ctx.store.once(input.eventId, "observation.confirm", actor.id, async (tx) => {
    await tx.signatures.sign({
      kind: "assessor_record",
      subjectType: "evidence",
      subjectId: evidence.id,
      subjectVersion: evidence.version,
      personId: actor.id,
      role: "candidate",
      channel: input.channel ?? null,
      signedAt: at,
      centreId: evidence.centreId,
    });
    const version = await tx.transitions.apply({
      evidenceId: evidence.id,
      expectedVersion: input.version,
      from: ["submitted"],
      to: "assessed",
      decision: {
        assessorId: record.assessorId,
        outcome: "assessed",
        comment: "",
        claims: evidence.claims.map((c) => ({ claimId: c.id, decision: "accepted", comment: null })),
      },
      audit: {
        actor: { personId: actor.id },
        action: "evidence.assessed",
        entityType: "evidence",
        entityId: evidence.id,
        centreId: evidence.centreId,
        data: {
          version: input.version + 1,
          decidedOnVersion: input.version,
          accepted: evidence.claims.map((c) => c.targetId),
          rejected: [],
          via: "signatures",
        },
      },
      // the assessor is told, in the same statement
      notify: told(event, actor.id),
    });
    if (version === null) throw staleEvidence(evidence.ref);
    return evidence.id;
  });

  await notifySafely(ctx.notify, event);
  return answer(ctx, evidence.id);
}

async function answer(ctx: PortfolioContext, evidenceId: string): Promise<SignedRecord> {
  return {
    evidence: await summary(ctx, evidenceId),
    signatures: await signatureViews(ctx, await ctx.store.signatures.of([evidenceId])),
  };
}
