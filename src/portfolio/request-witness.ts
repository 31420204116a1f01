// Use case: the candidate (or their assessor) asks someone who saw the work to confirm it in their own words.
import { AppError } from "../core/errors.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, personNotFound, wrongStatus } from "./errors.ts";
import { loadActor, loadVisibleEvidence, summary } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { isAssignedAssessor, isOwner } from "./permissions.ts";
import { refuseStaffAsWitness } from "./witness-independence.ts";

export interface RequestWitnessInput {
  actorId: string;
  evidenceId: string;
  witnessId: string;
  eventId?: string;
}

export interface WitnessRequestResult {
  requestId: string;
  evidence: EvidenceSummary;
}

export async function requestWitness(
  ctx: PortfolioContext,
  input: RequestWitnessInput,
): Promise<WitnessRequestResult> {
  const replayed = await ctx.store.replay(input.eventId, "witness.request", input.actorId);
  if (replayed) return answer(ctx, replayed);

  // load and authorise: the candidate, or the assessor assigned to them
  const actor = await loadActor(ctx, input.actorId);
  const evidence = await loadVisibleEvidence(ctx, actor, input.evidenceId);
  if (!isOwner(actor, evidence) && !isAssignedAssessor(actor, evidence)) throw evidenceNotFound();
  // check the status and the witness
  if (evidence.status !== "draft" && evidence.status !== "submitted")
    throw wrongStatus(evidence.ref, evidence.status, "witness testimony can no longer be added to it.");
  const witness = await ctx.store.people.byId(input.witnessId);
  if (!witness || witness.erased) throw personNotFound("that witness");
  if (witness.id === evidence.candidateId)
    throw new AppError(
      "bad_input",
      "Nobody can be a witness for their own evidence. Ask a team leader or colleague who saw what happened.",
    );
  await refuseStaffAsWitness(ctx, evidence, witness);
  const existing = await ctx.store.witnesses.byEvidenceAndWitness(evidence.id, witness.id);
  if (existing?.status === "refused")
    throw new AppError(
      "conflict",
      `${witness.name} can't be a witness for ${evidence.ref}: their testimony was refused because of a personal relationship. Ask someone else who saw the work.`,
    );
  if (existing) return { requestId: existing.id, evidence: await summary(ctx, evidence.id) };

  // one transaction: the request, the audit event and the witness told
  const requestId = await ctx.store.once(input.eventId, "witness.request", actor.id, async (tx) => {
    const request = await tx.witnesses.createRequest(evidence.id, witness.id, actor.id);
    await tx.audit.append({
      actor: { personId: actor.id },
      action: "witness.requested",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { requestId: request.id, witnessId: witness.id },
    });
    const event: PortfolioEvent = {
      type: "witness.requested",
      evidenceId: evidence.id,
      requestId: request.id,
      witnessId: witness.id,
    };
    await tx.outbox.record(told(event, actor.id));
    return request.id;
  });

  await notifySafely(ctx.notify, {
    type: "witness.requested",
    evidenceId: evidence.id,
    requestId,
    witnessId: witness.id,
  });
  return { requestId, evidence: await summary(ctx, evidence.id) };
}

async function answer(ctx: PortfolioContext, requestId: string): Promise<WitnessRequestResult> {
  const request = await ctx.store.witnesses.byId(requestId);
  if (!request) throw evidenceNotFound();
  return { requestId, evidence: await summary(ctx, request.evidenceId) };
}
