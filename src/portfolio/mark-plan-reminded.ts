// Use case: the reminder job records that both people of an action plan were reminded, so they are reminded once.
import { AppError } from "../core/errors.ts";
import type { PortfolioContext } from "./context.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound } from "./record-access.ts";

/** True when this call marked it; false when it had been marked already (another instance sent the reminder). */
export async function markPlanReminded(
  ctx: PortfolioContext,
  input: { actor: { system: "cli" | "demo" | "bot" }; planId: string },
): Promise<boolean> {
  // load and authorise: the system only
  if (!("system" in input.actor)) throw new AppError("not_found", "We can't find that action plan.");
  const plan = await ctx.store.actionPlans.byId(input.planId);
  if (!plan) throw recordNotFound("action plan");
  // check the status, then one transaction: the mark and the audit event
  if (plan.remindedAt) return false;
  const enrolment = await ctx.store.enrolments.byId(plan.enrolmentId);
  const event: PortfolioEvent = {
    type: "action_plan.reminded",
    planId: plan.id,
    candidateId: plan.candidateId,
    assessorId: plan.assessorId,
  };
  const marked = await ctx.store.transaction(async (tx) => {
    if (!(await tx.actionPlans.markReminded(plan.id, ctx.now()))) return false;
    await tx.audit.append({
      actor: { label: input.actor.system },
      action: "action_plan.reminded",
      entityType: "action_plan",
      entityId: plan.id,
      centreId: enrolment?.centreId ?? null,
      data: { candidateId: plan.candidateId, assessorId: plan.assessorId },
    });
    // both are reminded, in the same transaction as the mark
    await tx.outbox.record(told(event, null));
    return true;
  });
  if (marked) await notifySafely(ctx.notify, event);
  return marked;
}
