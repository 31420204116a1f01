// Use case: feedback opened by its candidate (the first time is recorded) or by whoever may see their records.
import type { Actor, PortfolioContext } from "./context.ts";
import { type FeedbackView, feedbackView } from "./feedback-view.ts";
import { loadActor } from "./load.ts";
import { loadViewableCandidate, recordNotFound } from "./record-access.ts";

export async function readFeedback(
  ctx: PortfolioContext,
  input: { actor: Actor; feedbackId: string },
): Promise<FeedbackView> {
  // load and authorise: the candidate, their assessor, their centre's verifiers and admins, or the command line
  const feedback = await ctx.store.feedback.byId(input.feedbackId);
  if (!feedback) throw recordNotFound("feedback");
  if (!("personId" in input.actor)) return feedbackView(ctx, feedback);
  const actor = await loadActor(ctx, input.actor.personId);
  await loadViewableCandidate(ctx, actor, feedback.candidateId, () => recordNotFound("feedback"));
  // check the status: only the candidate's first reading is recorded
  if (actor.id !== feedback.candidateId || feedback.readAt) return feedbackView(ctx, feedback);

  // one transaction: the reading and its audit event
  const at = ctx.now();
  const enrolment = await ctx.store.enrolments.byId(feedback.enrolmentId);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.feedback.markRead(feedback.id, at))) return;
    await tx.audit.append({
      actor: { personId: actor.id },
      action: "feedback.read",
      entityType: "feedback",
      entityId: feedback.id,
      centreId: enrolment?.centreId ?? null,
    });
  });
  const fresh = await ctx.store.feedback.byId(feedback.id);
  return feedbackView(ctx, fresh ?? feedback);
}
