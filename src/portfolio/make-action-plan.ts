// Use case: the candidate's assessor plans the assessment of a unit: what, how (methods ticked), where, when, what is still missing.
import { AppError } from "../core/errors.ts";
import { ASSESSMENT_METHODS, type AssessmentMethod } from "../core/record-types.ts";
import { type ActionPlanView, actionPlanViews } from "./action-plan-view.ts";
import type { PortfolioContext } from "./context.ts";
import { getProgress } from "./get-progress.ts";
import { parseDateTime } from "./london-time.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { loadAssessorOfCandidate, recordNotFound, requiredText } from "./record-access.ts";
import { planSignature } from "./sign-action-plan.ts";
import type { SignedVia } from "./signing.ts";

export interface MakeActionPlanInput extends SignedVia {
  actorId: string;
  candidateId: string;
  unitId: string;
  /** What will be assessed; "Performance criteria, ranges and knowledge of unit …" when left out. */
  skillsKnowledge?: string;
  methods: AssessmentMethod[];
  venue: string;
  /** When, e.g. "2026-12-02 10:30" (UK time). */
  plannedAt: string;
  /** The evidence requirements still to meet; the unit's gaps when left out. */
  requirements?: string;
  feedbackArrangements: string;
  /** The assessor signs it as they make it: one step, and the candidate is told once, by the signed plan. */
  sign?: boolean;
  eventId?: string;
}

export async function makeActionPlan(
  ctx: PortfolioContext,
  input: MakeActionPlanInput,
): Promise<ActionPlanView> {
  const replayed = await ctx.store.replay(input.eventId, "action_plan.make", input.actorId);
  if (replayed) return view(ctx, replayed);

  // load and authorise: only the candidate's assessor, on a unit of their plan
  const { assessor, enrolment } = await loadAssessorOfCandidate(ctx, input);
  // check the input
  const methods = [...new Set(input.methods)];
  if (methods.length === 0)
    throw new AppError(
      "bad_input",
      "Tick at least one way the unit will be assessed, such as direct observation.",
    );
  const unknown = methods.filter((m) => !ASSESSMENT_METHODS.includes(m));
  if (unknown.length)
    throw new AppError("bad_input", `${unknown.join(", ")} is not an assessment method on the form.`);
  const plannedAt = parseDateTime(input.plannedAt, "The date and time of the assessment");
  if (plannedAt.getTime() < ctx.now().getTime())
    throw new AppError(
      "bad_input",
      "That date and time has passed. Plan the assessment for a time still to come.",
    );
  const venue = requiredText(input.venue, "The venue", 500);
  const feedbackArrangements = requiredText(input.feedbackArrangements, "The feedback arrangements", 2000);
  const requirements =
    input.requirements?.trim() ||
    (
      await getProgress(ctx, {
        actor: { personId: assessor.id },
        candidateId: enrolment.candidateId,
        enrolmentId: enrolment.id,
      })
    )
      .flatMap((c) => c.gaps)
      .filter((g) => g.startsWith(`${input.unitId}:`))
      .join("\n") ||
    `Unit ${input.unitId}: nothing missing; confirm the evidence already filed.`;
  const skillsKnowledge =
    input.skillsKnowledge?.trim() || `Performance criteria, ranges and knowledge of unit ${input.unitId}`;

  // one transaction: the plan, the audit event, the assessor's signature if asked, and the candidate asked to sign it
  const made = (planId: string): PortfolioEvent => ({
    type: "action_plan.made",
    planId,
    candidateId: enrolment.candidateId,
    assessorId: assessor.id,
  });
  const id = await ctx.store.once(input.eventId, "action_plan.make", assessor.id, async (tx) => {
    const plan = await tx.actionPlans.create({
      enrolmentId: enrolment.id,
      candidateId: enrolment.candidateId,
      assessorId: assessor.id,
      unitId: input.unitId,
      skillsKnowledge: skillsKnowledge.slice(0, 2000),
      methods,
      venue,
      plannedAt,
      requirements: requirements.slice(0, 5000),
      feedbackArrangements,
    });
    await tx.audit.append({
      actor: { personId: assessor.id },
      action: "action_plan.made",
      entityType: "action_plan",
      entityId: plan.id,
      centreId: enrolment.centreId,
      data: {
        candidateId: enrolment.candidateId,
        unitId: input.unitId,
        methods,
        plannedAt: plannedAt.toISOString(),
      },
    });
    if (input.sign)
      await tx.signatures.sign(
        planSignature(
          plan,
          { personId: assessor.id, role: "assessor" },
          input,
          ctx.now(),
          enrolment.centreId,
        ),
      );
    await tx.outbox.record(told(made(plan.id), assessor.id));
    return plan.id;
  });

  await notifySafely(ctx.notify, made(id));
  return view(ctx, id);
}

async function view(ctx: PortfolioContext, id: string): Promise<ActionPlanView> {
  const plan = await ctx.store.actionPlans.byId(id);
  if (!plan) throw recordNotFound("action plan");
  const [out] = await actionPlanViews(ctx, [plan]);
  if (!out) throw recordNotFound("action plan");
  return out;
}
