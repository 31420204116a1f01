// Assessment action plans as people see them: names, the unit's title, the methods in words and both signatures.
import type { ActionPlanRecord, AssessmentMethod } from "../core/record-types.ts";
import type { PortfolioContext } from "./context.ts";
import { type SignatureView, signatureViews } from "./signing.ts";

/** The methods in the words and order of the form (004, "Evidences assessed by"). */
export const ASSESSMENT_METHOD_WORDS: Record<AssessmentMethod, string> = {
  direct_observation: "Direct /e-Observation",
  projects_assignments: "Projects and assignments",
  oral_questioning: "Oral questioning",
  professional_discussion: "Professional discussion",
  witness_testimony: "Witness testimony",
  portfolio_evidence: "Portfolio evidence",
  case_study: "Case study",
  supplementary_evidence: "Supplementary evidence",
  written_questions: "Written questions",
  accredited_prior_achievement: "Accredited prior achievement",
  work_products: "Work products",
};

export interface ActionPlanView extends ActionPlanRecord {
  candidateName: string;
  assessorName: string;
  unitTitle: string;
  level: number;
  signatures: SignatureView[];
  /** Both the candidate and the assessor have signed. */
  agreed: boolean;
}

export async function actionPlanViews(
  ctx: PortfolioContext,
  plans: readonly ActionPlanRecord[],
): Promise<ActionPlanView[]> {
  const ids = [...new Set(plans.flatMap((p) => [p.candidateId, p.assessorId]))];
  const [people, signatures, enrolments] = await Promise.all([
    ctx.store.people.byIds(ids),
    ctx.store.signatures.of(plans.map((p) => p.id)),
    Promise.all([...new Set(plans.map((p) => p.enrolmentId))].map((id) => ctx.store.enrolments.byId(id))),
  ]);
  const views = await signatureViews(ctx, signatures);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  return plans.map((plan) => {
    const own = views.filter((s) => s.subjectId === plan.id);
    return {
      ...plan,
      candidateName: name(plan.candidateId),
      assessorName: name(plan.assessorId),
      unitTitle: ctx.catalogue.unit(plan.unitId)?.title ?? "",
      level: enrolments.find((e) => e?.id === plan.enrolmentId)?.level ?? 2,
      signatures: own,
      agreed: [plan.candidateId, plan.assessorId].every((id) => own.some((s) => s.personId === id)),
    };
  });
}
