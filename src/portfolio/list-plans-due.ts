// Use case: the action plans due tomorrow (London's calendar) that nobody was reminded of yet, for the reminder job.
import { AppError } from "../core/errors.ts";
import { type ActionPlanView, actionPlanViews } from "./action-plan-view.ts";
import type { PortfolioContext } from "./context.ts";
import { londonDay } from "./london-time.ts";

/** Only the system (the bot's reminder job or the command line) asks: it reminds both people of each plan. */
export async function listPlansDue(
  ctx: PortfolioContext,
  input: { actor: { system: "cli" | "demo" | "bot" } },
): Promise<ActionPlanView[]> {
  // authorise: a person never lists everyone's plans
  if (!("system" in input.actor)) throw new AppError("not_found", "We can't find those plans.");
  const { start, end } = londonDay(ctx.now(), 1);
  return actionPlanViews(ctx, await ctx.store.actionPlans.dueUnreminded(start, end));
}
