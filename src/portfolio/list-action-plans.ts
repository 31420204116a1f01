// Use case: a candidate's assessment action plans, soonest first, and the next one still to come (for their progress).

import { type ActionPlanView, actionPlanViews } from "./action-plan-view.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";
import { loadActor } from "./load.ts";
import { loadViewableCandidate } from "./record-access.ts";

export interface ActionPlans {
  plans: ActionPlanView[];
  /** The first plan not yet past; null when none is planned. */
  next: ActionPlanView | null;
}

export async function listActionPlans(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string },
): Promise<ActionPlans> {
  // load and authorise: whoever may see the candidate's progress; "not found" for anyone else
  if ("personId" in input.actor) {
    const actor = await loadActor(ctx, input.actor.personId);
    await loadViewableCandidate(ctx, actor, input.candidateId, () => personNotFound("that candidate"));
  }
  const plans = await actionPlanViews(ctx, await ctx.store.actionPlans.ofCandidate(input.candidateId));
  const now = ctx.now().getTime();
  return { plans, next: plans.find((p) => new Date(p.plannedAt).getTime() >= now) ?? null };
}
