// Use case: the candidate replies to their assessor's feedback, once.
import { AppError } from "../core/errors.ts";
import type { PortfolioContext } from "./context.ts";
import { type FeedbackView, feedbackView } from "./feedback-view.ts";
import { loadActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound, requiredText } from "./record-access.ts";

export async function replyToFeedback(
  ctx: PortfolioContext,
  input: { actorId: string; feedbackId: string; text: string },
): Promise<FeedbackView> {
  // load and authorise: only the candidate replies; everyone else hears "not found"
  const actor = await loadActor(ctx, input.actorId);
  const feedback = await ctx.store.feedback.byId(input.feedbackId);
  if (!feedback || feedback.candidateId !== actor.id) throw recordNotFound("feedback");
  // check the status and the input
  if (feedback.reply !== null)
    throw new AppError(
      "forbidden_state",
      "You have already replied to this feedback. Talk to your assessor to add more.",
    );
  const text = requiredText(input.text, "Your reply", 5000);

  // one transaction: the reply and its audit event
  const enrolment = await ctx.store.enrolments.byId(feedback.enrolmentId);
  const event: PortfolioEvent = {
    type: "feedback.replied",
    feedbackId: feedback.id,
    candidateId: feedback.candidateId,
    assessorId: feedback.assessorId,
  };
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.feedback.reply(feedback.id, text, ctx.now())))
      throw new AppError("forbidden_state", "You have already replied to this feedback.");
    await tx.audit.append({
      actor: { personId: actor.id },
      action: "feedback.replied",
      entityType: "feedback",
      entityId: feedback.id,
      centreId: enrolment?.centreId ?? null,
    });
    await tx.outbox.record(told(event, actor.id));
  });

  await notifySafely(ctx.notify, event);
  const fresh = await ctx.store.feedback.byId(feedback.id);
  return feedbackView(ctx, fresh ?? feedback);
}
