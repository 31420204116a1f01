// Use case: the assessor corrects the suggested claims of their observation or discussion record and signs it.
import { AppError } from "../core/errors.ts";
import { type ClaimInput, resolveClaims } from "./claims.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence, wrongStatus } from "./errors.ts";
import { summary } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isAssignedAssessor } from "./permissions.ts";
import { type SignatureView, type SignedVia, signatureViews, signedBy } from "./signing.ts";
import { openTransition } from "./transition.ts";

export interface SignObservationInput extends SignedVia {
  actorId: string;
  evidenceId: string;
  /** The version the assessor was looking at. */
  version: number;
  /** Claims the mapper missed. */
  addClaims?: ClaimInput[];
  /** Suggested claims the record does not show (criterion, knowledge or range ids). */
  removeClaims?: string[];
  eventId?: string;
}

export interface SignedRecord {
  evidence: EvidenceSummary;
  signatures: SignatureView[];
}

/** Works for every assessor's record: observation, professional discussion, oral questioning. */
export async function signObservation(
  ctx: PortfolioContext,
  input: SignObservationInput,
): Promise<SignedRecord> {
  // load and authorise: only the assessor who made the record, while assigned to the candidate
  const opened = await openTransition(ctx, { ...input, action: "observation.sign" });
  if ("replayed" in opened) return answer(ctx, opened.replayed.id);
  const { actor, evidence } = opened;
  const record = evidence.assessorMade ? await ctx.store.assessorRecords.of(evidence.id) : null;
  if (!record || record.assessorId !== actor.id || !isAssignedAssessor(actor, evidence))
    throw evidenceNotFound();
  if (input.version !== evidence.version) throw staleEvidence(evidence.ref);
  // check the status: not signed yet, still waiting for signatures
  const signatures = await ctx.store.signatures.of([evidence.id]);
  if (signedBy(signatures, "assessor_record", actor.id))
    throw new AppError(
      "forbidden_state",
      `You have already signed ${evidence.ref}, so its claims can no longer be changed. It waits for the candidate to confirm it.`,
    );
  if (evidence.status !== "submitted")
    throw wrongStatus(evidence.ref, evidence.status, "it can no longer be signed.");
  const added = resolveClaims(ctx.catalogue, input.addClaims ?? [], "assessor");
  const offPlan = added.filter((c) => !evidence.planUnitIds.includes(c.unitId)).map((c) => c.targetId);
  if (offPlan.length)
    throw new AppError(
      "bad_input",
      `${offPlan.join(", ")} belong${offPlan.length === 1 ? "s" : ""} to a unit that is not on the candidate's plan. Add the unit to the plan first.`,
    );
  const removed = (input.removeClaims ?? []).map((id) => id.trim());
  const unknown = removed.filter((id) => !evidence.claims.some((c) => c.targetId === id));
  if (unknown.length)
    throw new AppError(
      "bad_input",
      `${evidence.ref} does not claim ${unknown.join(", ")}. Open it again to see what it claims.`,
    );
  const remaining = new Set(evidence.claims.map((c) => c.targetId).filter((id) => !removed.includes(id)));
  for (const c of added) remaining.add(c.targetId);
  if (remaining.size === 0)
    throw new AppError(
      "bad_input",
      `${evidence.ref} would claim nothing. Add at least one criterion, knowledge item or range it shows, then sign it.`,
    );

  // one transaction: the corrections, the version bumped, the signature and the audit events
  const at = ctx.now();
  const event: PortfolioEvent = {
    type: "assessor_record.signed",
    evidenceId: evidence.id,
    candidateId: evidence.candidateId,
    assessorId: actor.id,
  };
  await ctx.store.once(input.eventId, "observation.sign", actor.id, async (tx) => {
    if (removed.length) await tx.evidence.removeClaims(evidence.id, removed);
    if (added.length) await tx.evidence.addClaims(evidence.id, added);
    const version = await tx.evidence.advance(evidence.id, input.version, ["submitted"]);
    if (version === null) throw staleEvidence(evidence.ref);
    await tx.audit.append({
      actor: { personId: actor.id },
      action: "evidence.assessor_signed",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { version, added: added.map((c) => c.targetId), removed, claims: [...remaining].sort() },
    });
    await tx.signatures.sign({
      kind: "assessor_record",
      subjectType: "evidence",
      subjectId: evidence.id,
      subjectVersion: version,
      personId: actor.id,
      role: "assessor",
      channel: input.channel ?? null,
      signedAt: at,
      centreId: evidence.centreId,
    });
    // the candidate is asked to read and confirm it
    await tx.outbox.record(told(event, actor.id, version));
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
