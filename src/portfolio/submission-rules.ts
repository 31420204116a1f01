// The rules checked when evidence is filed: something claimed, units on the plan, RWE and simulation only where allowed.
import { AppError } from "../core/errors.ts";
import type { ClaimRecord, EnrolmentRecord, EvidenceSetting } from "../core/types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import type { TransitionFacts } from "../store/transition-repository.ts";

const SETTING_WORDS: Record<Exclude<EvidenceSetting, "workplace">, string> = {
  realistic_working_environment: "a realistic working environment",
  simulation: "a simulation",
};

/**
 * Throws a "bad_input" AppError naming what is wrong, or returns when the evidence may be filed.
 * Units whose rule the standards leave unstated ("unknown") are not refused.
 */
export function checkSubmission(
  catalogue: Catalogue,
  enrolment: Pick<EnrolmentRecord, "unitIds">,
  evidence: {
    ref: string;
    setting: EvidenceSetting;
    claims: readonly Pick<ClaimRecord, "unitId" | "active">[];
  },
): void {
  const claims = evidence.claims.filter((c) => c.active);
  if (claims.length === 0)
    throw new AppError(
      "bad_input",
      `${evidence.ref} claims nothing yet. Add at least one criterion, knowledge item or range it shows, then submit it.`,
    );
  const units = [...new Set(claims.map((c) => c.unitId))].sort();
  const offPlan = units.filter((u) => !enrolment.unitIds.includes(u));
  if (offPlan.length)
    throw new AppError(
      "bad_input",
      `${evidence.ref} claims unit ${offPlan.join(", ")}, which ${offPlan.length === 1 ? "is" : "are"} not on your unit plan. Remove those claims, or ask your assessor to add the unit to your plan.`,
    );
  if (evidence.setting === "workplace") return;
  const refused = units.filter((id) => {
    const unit = catalogue.unit(id);
    if (!unit) return false;
    const rule = evidence.setting === "simulation" ? unit.simulation : unit.realisticWorkingEnvironment;
    return rule === "not_allowed";
  });
  if (refused.length)
    throw new AppError(
      "bad_input",
      `${evidence.ref} is marked as done in ${SETTING_WORDS[evidence.setting]}, which unit ${refused.join(", ")} does not allow: its evidence must come from real work with real customers. Remove those claims, or file evidence from your real job.`,
    );
}

/** The same check on the facts submit and resubmit open with (their claims are the active ones). */
export function checkSubmittable(catalogue: Catalogue, facts: TransitionFacts): void {
  checkSubmission(
    catalogue,
    { unitIds: facts.planUnitIds },
    {
      ref: facts.ref,
      setting: facts.setting,
      claims: facts.claims.map((c) => ({ unitId: c.unitId, active: true })),
    },
  );
}
