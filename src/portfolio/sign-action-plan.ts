// Use case: the candidate or their assessor signs an assessment action plan (both sign it).

import type { NewSignature } from "../store/signature-repository.ts";
import { type ActionPlanView, actionPlanViews } from "./action-plan-view.ts";
import type { PortfolioContext } from "./context.ts";
import { loadActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";

export interface SignActionPlanInput extends SignedVia {
  actorId: string;
  planId: string;
}

/** A signature on the plan by one of its two people; making it signed (make-action-plan) writes the same one. */
export const planSignature = (
  plan: { id: string },
  signer: { personId: string; role: "candidate" | "assessor" },
  via: SignedVia,
  signedAt: Date,
  centreId: string | null,
): NewSignature => ({
  kind: "action_plan",
  subjectType: "action_plan",
  subjectId: plan.id,
  ...signer,
  channel: via.channel ?? null,
  signedAt,
  centreId,
});

/** Signing twice keeps the first signature. */
export async function signActionPlan(
  ctx: PortfolioContext,
  input: SignActionPlanInput,
): Promise<ActionPlanView> {
  // load and authorise: only the plan's candidate and its assessor sign; everyone else hears "not found"
  const actor = await loadActor(ctx, input.actorId);
  const plan = await ctx.store.actionPlans.byId(input.planId);
  const role = !plan
    ? null
    : actor.id === plan.candidateId
      ? ("candidate" as const)
      : actor.id === plan.assessorId && actor.roles.includes("assessor")
        ? ("assessor" as const)
        : null;
  if (!plan || !role) throw recordNotFound("action plan");
  const enrolment = await ctx.store.enrolments.byId(plan.enrolmentId);

  // one transaction: the signature, its audit event and the other signer told
  const event: PortfolioEvent = {
    type: "action_plan.signed",
    planId: plan.id,
    signerId: actor.id,
    candidateId: plan.candidateId,
    assessorId: plan.assessorId,
  };
  const { created } = await ctx.store.transaction(async (tx) => {
    const signed = await tx.signatures.sign(
      planSignature(
        plan,
        { personId: actor.id, role },
        input,
        ctx.now(),
        enrolment?.centreId ?? actor.centreId,
      ),
    );
    if (signed.created) await tx.outbox.record(told(event, actor.id));
    return signed;
  });

  if (created) await notifySafely(ctx.notify, event);
  const [view] = await actionPlanViews(ctx, [plan]);
  if (!view) throw recordNotFound("action plan");
  return view;
}
