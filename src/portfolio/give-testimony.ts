// Use case: a witness who was asked confirms what the candidate did, with their status and relationship declared.
import { AppError } from "../core/errors.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { wrongStatus } from "./errors.ts";
import { loadActor, summary } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { staffPartOn, staffWitnessMessage } from "./witness-independence.ts";
import {
  checkTestimonyForm,
  personalRelationshipRefusal,
  type TestimonyDeclaration,
  witnessRefusalMessage,
} from "./witness-rules.ts";

/** The longest testimony a witness may give. */
const MAX_TESTIMONY_CHARS = 20_000;

export interface GiveTestimonyInput extends TestimonyDeclaration {
  actorId: string;
  requestId: string;
  eventId?: string;
}

const requestNotFound = () =>
  new AppError(
    "not_found",
    "We can't find that request for testimony. Ask the candidate to send it to you again.",
  );

export async function giveTestimony(
  ctx: PortfolioContext,
  input: GiveTestimonyInput,
): Promise<EvidenceSummary> {
  const replayed = await ctx.store.replay(input.eventId, "witness.testify", input.actorId);
  if (replayed) return summary(ctx, replayed);

  // load and authorise: only the witness who was asked answers
  const witness = await loadActor(ctx, input.actorId);
  const request = await ctx.store.witnesses.byId(input.requestId);
  if (!request || request.witnessId !== witness.id) throw requestNotFound();
  const evidence = await ctx.store.evidence.header(request.evidenceId);
  if (!evidence) throw requestNotFound();
  // check the status, then the witness rules
  if (request.status !== "pending")
    throw new AppError(
      "forbidden_state",
      request.status === "given"
        ? `You have already given testimony for ${evidence.ref}. Thank you; there is nothing more to do.`
        : `Your testimony for ${evidence.ref} could not be accepted, so this request is closed.`,
    );
  if (evidence.status !== "draft" && evidence.status !== "submitted")
    throw wrongStatus(
      evidence.ref,
      evidence.status,
      "testimony can no longer be added to it. Thank you all the same.",
    );
  if (witness.id === evidence.candidateId)
    throw new AppError("bad_input", "Nobody can be a witness for their own evidence.");
  // The candidate's assessor or internal verifier is refused before the form is looked at: nothing there would help.
  const staff = await staffPartOn(ctx, evidence.enrolmentId, witness.id);
  if (!staff) checkTestimonyForm(input, MAX_TESTIMONY_CHARS);
  const refusal = staff ?? personalRelationshipRefusal(input);

  if (refusal) {
    // The refusal is recorded too: the request is closed and the trail says why (a code, no personal detail).
    // No event id here: a retry finds the request closed and is told so.
    const refused: PortfolioEvent = {
      type: "witness.refused",
      evidenceId: evidence.id,
      requestId: request.id,
      candidateId: evidence.candidateId,
    };
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.witnesses.close(request.id, "refused"))) throw requestNotFound();
      await tx.audit.append({
        actor: { personId: witness.id },
        action: "witness.refused",
        entityType: "evidence",
        entityId: evidence.id,
        centreId: evidence.centreId,
        data: { requestId: request.id, reason: refusal },
      });
      await tx.outbox.record(told(refused, witness.id));
    });
    await notifySafely(ctx.notify, refused);
    if (staff) throw new AppError("conflict", staffWitnessMessage(staff, evidence.ref));
    throw new AppError("bad_input", witnessRefusalMessage(input));
  }

  const given: PortfolioEvent = {
    type: "witness.testimony_given",
    evidenceId: evidence.id,
    requestId: request.id,
    candidateId: evidence.candidateId,
  };
  // one transaction: the testimony, the request closed, the evidence version bumped, the audit event, who is told
  await ctx.store.once(input.eventId, "witness.testify", witness.id, async (tx) => {
    if (!(await tx.witnesses.close(request.id, "given"))) throw requestNotFound();
    await tx.witnesses.addTestimony(request, {
      statusCategory: input.statusCategory,
      relationship: input.relationship.trim().slice(0, 200),
      declaredNoPersonalRelationship: true,
      text: input.text.trim(),
      signedAt: ctx.now(),
    });
    const version = await tx.evidence.touch(evidence.id, ["draft", "submitted"]);
    if (version === null)
      throw wrongStatus(evidence.ref, "assessed", "testimony can no longer be added to it.");
    await tx.audit.append({
      actor: { personId: witness.id },
      action: "witness.testimony_given",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: { requestId: request.id, statusCategory: input.statusCategory, version },
    });
    await tx.outbox.record(told(given, witness.id, version));
    return evidence.id;
  });

  await notifySafely(ctx.notify, given);
  return summary(ctx, evidence.id);
}
