// Use case: the assessor or the candidate signs the feedback (both sign it).

import type { NewSignature } from "../store/signature-repository.ts";
import type { PortfolioContext } from "./context.ts";
import { type FeedbackView, feedbackView } from "./feedback-view.ts";
import { loadActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";

export interface SignFeedbackInput extends SignedVia {
  actorId: string;
  feedbackId: string;
}

/** A signature on the feedback by one of its two people; giving it signed (give-feedback) writes the same one. */
export const feedbackSignature = (
  feedback: { id: string },
  signer: { personId: string; role: "candidate" | "assessor" },
  via: SignedVia,
  signedAt: Date,
  centreId: string | null,
): NewSignature => ({
  kind: "feedback",
  subjectType: "feedback",
  subjectId: feedback.id,
  ...signer,
  channel: via.channel ?? null,
  signedAt,
  centreId,
});

/** Signing twice keeps the first signature. */
export async function signFeedback(ctx: PortfolioContext, input: SignFeedbackInput): Promise<FeedbackView> {
  // load and authorise: only the feedback's candidate and its assessor sign
  const actor = await loadActor(ctx, input.actorId);
  const feedback = await ctx.store.feedback.byId(input.feedbackId);
  const role = !feedback
    ? null
    : actor.id === feedback.candidateId
      ? ("candidate" as const)
      : actor.id === feedback.assessorId && actor.roles.includes("assessor")
        ? ("assessor" as const)
        : null;
  if (!feedback || !role) throw recordNotFound("feedback");
  const enrolment = await ctx.store.enrolments.byId(feedback.enrolmentId);

  // one transaction: the signature and its audit event (signing marks the feedback read for the candidate)
  const at = ctx.now();
  const event: PortfolioEvent = {
    type: "feedback.signed",
    feedbackId: feedback.id,
    signerId: actor.id,
    candidateId: feedback.candidateId,
    assessorId: feedback.assessorId,
  };
  const { created } = await ctx.store.transaction(async (tx) => {
    if (role === "candidate") await tx.feedback.markRead(feedback.id, at);
    const signed = await tx.signatures.sign(
      feedbackSignature(
        feedback,
        { personId: actor.id, role },
        input,
        at,
        enrolment?.centreId ?? actor.centreId,
      ),
    );
    if (signed.created) await tx.outbox.record(told(event, actor.id));
    return signed;
  });

  if (created) await notifySafely(ctx.notify, event);
  const fresh = await ctx.store.feedback.byId(feedback.id);
  return feedbackView(ctx, fresh ?? feedback);
}
