// Use case: an admin assigns an assessor or internal verifier to an enrolment, or changes its unit plan.
import { AppError } from "../core/errors.ts";
import type { EnrolmentRecord } from "../core/types.ts";
import { checkUnitPlan, type PlanCheck } from "../standards/rules.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { staff } from "./enrol-candidate.ts";
import { personNotFound } from "./errors.ts";

export interface AssignStaffInput {
  actor: Actor;
  enrolmentId: string;
  assessorId?: string;
  internalVerifierId?: string;
  unitIds?: string[];
}

export async function assignStaff(
  ctx: PortfolioContext,
  input: AssignStaffInput,
): Promise<{ enrolment: EnrolmentRecord; plan: PlanCheck }> {
  // load and authorise
  const enrolment = await ctx.store.enrolments.byId(input.enrolmentId);
  if (!enrolment) throw personNotFound("that enrolment");
  const candidate = await ctx.store.people.byId(enrolment.candidateId);
  if (!candidate || candidate.erased) throw personNotFound("that candidate");
  const auditActor = await authoriseAdmin(ctx, input.actor, enrolment.centreId, "that enrolment");
  // check
  const assessor = await staff(ctx, input.assessorId, "assessor", candidate);
  const verifier = await staff(ctx, input.internalVerifierId, "internal_verifier", candidate);
  let unitIds: string[] | undefined;
  if (input.unitIds) {
    const allowed = new Set(ctx.catalogue.unitsForLevel(enrolment.level).map((u) => u.id));
    unitIds = [...new Set(input.unitIds.map((u) => u.trim()).filter(Boolean))];
    const strangers = unitIds.filter((u) => !allowed.has(u));
    if (strangers.length)
      throw new AppError(
        "bad_input",
        `${strangers.join(", ")} ${strangers.length === 1 ? "is not a unit" : "are not units"} at level ${enrolment.level}.`,
      );
  }
  if (!assessor && !verifier && !unitIds)
    throw new AppError("bad_input", "Say what to change: an assessor, a verifier or the units.");

  // one transaction: the change and the audit event
  const updated = await ctx.store.transaction(async (tx) => {
    const changed = await tx.enrolments.update(enrolment.id, {
      ...(assessor ? { assessorId: assessor.id } : {}),
      ...(verifier ? { internalVerifierId: verifier.id } : {}),
      ...(unitIds ? { unitIds } : {}),
    });
    await tx.audit.append({
      actor: auditActor,
      action: "enrolment.changed",
      entityType: "enrolment",
      entityId: enrolment.id,
      centreId: enrolment.centreId,
      data: {
        ...(assessor ? { assessorId: assessor.id } : {}),
        ...(verifier ? { internalVerifierId: verifier.id } : {}),
        ...(unitIds ? { unitIds } : {}),
      },
    });
    return changed;
  });
  return { enrolment: updated, plan: checkUnitPlan(ctx.catalogue, updated.level, updated.unitIds) };
}
