// Use case: the candidate's assessor records what they saw the candidate do; the mapper's suggestions come back to correct.

import {
  type AssessorRecordDraft,
  type AssessorRecordInput,
  checkRecordInput,
  suggestedClaims,
} from "./assessor-records.ts";
import type { PortfolioContext } from "./context.ts";
import { summary } from "./load.ts";
import { notifySafely } from "./notify.ts";
import { loadAssessorOfCandidate } from "./record-access.ts";

export type RecordObservationInput = AssessorRecordInput;

/**
 * Files an observation record as the candidate's evidence (method "observation"), waiting for the assessor to
 * correct the suggested claims and sign, then for the candidate to confirm; its claims are assessed then.
 */
export async function recordObservation(
  ctx: PortfolioContext,
  input: RecordObservationInput,
): Promise<AssessorRecordDraft> {
  const replayed = await ctx.store.replay(input.eventId, "observation.record", input.actorId);
  if (replayed) return { evidence: await summary(ctx, replayed), suggestions: await pending(ctx, replayed) };

  // load and authorise: only the candidate's assessor records an observation of them
  const { assessor, enrolment } = await loadAssessorOfCandidate(ctx, input);
  // check the input
  const checked = checkRecordInput(
    input,
    ctx.now(),
    "The observation is empty. Say what you saw the candidate do and send it again.",
  );
  const claims = suggestedClaims(ctx.catalogue, input.mapped, enrolment.unitIds);

  // one transaction: the evidence, its first version, the claims, the record, the audit event, the event id
  const id = await ctx.store.once(input.eventId, "observation.record", assessor.id, async (tx) => {
    const created = await tx.assessorRecords.create({
      enrolmentId: enrolment.id,
      candidateId: enrolment.candidateId,
      assessorId: assessor.id,
      title: checked.title,
      method: "observation",
      source: input.source ?? "typed",
      heldAt: checked.heldAt,
      text: checked.text,
      claims,
      supplementary: checked.supplementary,
      questions: [],
      audioPath: input.audioPath ?? null,
      transcriptionEngine: input.transcriptionEngine ?? null,
      audit: { actor: { personId: assessor.id }, action: "evidence.observed", centreId: enrolment.centreId },
    });
    return created.id;
  });

  await notifySafely(ctx.notify, {
    type: "assessor_record.made",
    evidenceId: id,
    candidateId: enrolment.candidateId,
    assessorId: assessor.id,
  });
  return { evidence: await summary(ctx, id), suggestions: claims };
}

/** The claims of a record filed before (a retried event is answered with them). */
export async function pending(ctx: PortfolioContext, evidenceId: string) {
  return (await ctx.store.evidence.claims(evidenceId))
    .filter((c) => c.active)
    .map(({ kind, targetId, unitId, proposedBy, support }) => ({
      kind,
      targetId,
      unitId,
      proposedBy,
      support,
    }));
}
