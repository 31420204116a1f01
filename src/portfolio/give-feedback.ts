// Use case: after assessing a unit or a piece of evidence, the candidate's assessor writes feedback and the outcome.
import { AppError } from "../core/errors.ts";
import type { PortfolioContext } from "./context.ts";
import { evidenceNotFound } from "./errors.ts";
import { type FeedbackView, feedbackView } from "./feedback-view.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { loadAssessorOfCandidate, recordNotFound, requiredText } from "./record-access.ts";
import { feedbackSignature } from "./sign-feedback.ts";
import type { SignedVia } from "./signing.ts";

export interface GiveFeedbackInput extends SignedVia {
  actorId: string;
  candidateId: string;
  /** The unit assessed, or leave it out and name the evidence. */
  unitId?: string;
  /** The piece of evidence assessed, when the feedback is on one. */
  evidenceId?: string;
  skillsKnowledge?: string;
  text: string;
  outcome: string;
  /** The assessor signs it as they give it: one step, and the candidate is told once, by the signed feedback. */
  sign?: boolean;
  eventId?: string;
}

export async function giveFeedback(ctx: PortfolioContext, input: GiveFeedbackInput): Promise<FeedbackView> {
  const replayed = await ctx.store.replay(input.eventId, "feedback.give", input.actorId);
  if (replayed) return view(ctx, replayed);

  // load and authorise: only the candidate's assessor, on a unit of their plan or a piece of their filed evidence
  if (!input.unitId && !input.evidenceId)
    throw new AppError("bad_input", "Say which unit or which piece of evidence the feedback is on.");
  const { assessor, enrolment } = await loadAssessorOfCandidate(ctx, input);
  const evidence = input.evidenceId ? await ctx.store.evidence.header(input.evidenceId) : null;
  if (input.evidenceId && (!evidence || evidence.enrolmentId !== enrolment.id || evidence.status === "draft"))
    throw evidenceNotFound();
  // check the input
  const text = requiredText(input.text, "The feedback");
  const outcome = requiredText(input.outcome, "The outcome of assessment", 2000);
  const skillsKnowledge =
    input.skillsKnowledge?.trim() ||
    (input.unitId
      ? `Performance criteria, ranges and knowledge of unit ${input.unitId}`
      : `Evidence ${evidence?.ref}`);

  // one transaction: the feedback, the audit event, the assessor's signature if asked, and the candidate told
  const given = (feedbackId: string): PortfolioEvent => ({
    type: "feedback.given",
    feedbackId,
    candidateId: enrolment.candidateId,
    assessorId: assessor.id,
  });
  const id = await ctx.store.once(input.eventId, "feedback.give", assessor.id, async (tx) => {
    const feedback = await tx.feedback.create({
      enrolmentId: enrolment.id,
      candidateId: enrolment.candidateId,
      assessorId: assessor.id,
      unitId: input.unitId ?? null,
      evidenceId: evidence?.id ?? null,
      skillsKnowledge: skillsKnowledge.slice(0, 2000),
      text,
      outcome,
    });
    await tx.audit.append({
      actor: { personId: assessor.id },
      action: "feedback.given",
      entityType: "feedback",
      entityId: feedback.id,
      centreId: enrolment.centreId,
      data: {
        candidateId: enrolment.candidateId,
        unitId: input.unitId ?? null,
        evidenceId: evidence?.id ?? null,
      },
    });
    if (input.sign)
      await tx.signatures.sign(
        feedbackSignature(
          feedback,
          { personId: assessor.id, role: "assessor" },
          input,
          ctx.now(),
          enrolment.centreId,
        ),
      );
    await tx.outbox.record(told(given(feedback.id), assessor.id));
    return feedback.id;
  });

  await notifySafely(ctx.notify, given(id));
  return view(ctx, id);
}

async function view(ctx: PortfolioContext, id: string): Promise<FeedbackView> {
  const feedback = await ctx.store.feedback.byId(id);
  if (!feedback) throw recordNotFound("feedback");
  return feedbackView(ctx, feedback);
}
