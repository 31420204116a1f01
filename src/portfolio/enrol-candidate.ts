// Use case: an admin enrols a candidate on a level's qualification with a unit plan, an assessor and an internal verifier.
import { AppError } from "../core/errors.ts";
import type { EnrolmentRecord, PersonRecord, Role } from "../core/types.ts";
import { checkUnitPlan, type PlanCheck } from "../standards/rules.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";

export interface EnrolCandidateInput {
  actor: Actor;
  candidateId: string;
  level: number;
  unitIds: string[];
  assessorId?: string;
  internalVerifierId?: string;
}

export interface Enrolled {
  enrolment: EnrolmentRecord;
  /** The qualification-structure check of the plan; a plan may be incomplete at enrolment, so it warns, not refuses. */
  plan: PlanCheck;
}

export async function enrolCandidate(ctx: PortfolioContext, input: EnrolCandidateInput): Promise<Enrolled> {
  // load and authorise
  const candidate = await ctx.store.people.byId(input.candidateId);
  if (!candidate || candidate.erased) throw personNotFound("that candidate");
  const auditActor = await authoriseAdmin(ctx, input.actor, candidate.centreId, "that candidate");
  // check
  if (!candidate.roles.includes("candidate"))
    throw new AppError(
      "bad_input",
      `${candidate.name} does not have the candidate role. Give them the role first.`,
    );
  const qualification = ctx.catalogue.qualificationForLevel(input.level);
  if (!qualification)
    throw new AppError("bad_input", `There is no qualification at level ${input.level}. Use 1, 2 or 3.`);
  const allowed = new Set(ctx.catalogue.unitsForLevel(input.level).map((u) => u.id));
  const unitIds = [...new Set(input.unitIds.map((u) => u.trim()).filter(Boolean))];
  const strangers = unitIds.filter((u) => !allowed.has(u));
  if (strangers.length)
    throw new AppError(
      "bad_input",
      `${strangers.join(", ")} ${strangers.length === 1 ? "is not a unit" : "are not units"} of ${qualification.title}. Run \`shiftnote standards\` to see the units.`,
    );
  const assessor = await staff(ctx, input.assessorId, "assessor", candidate);
  const verifier = await staff(ctx, input.internalVerifierId, "internal_verifier", candidate);
  if (await ctx.store.enrolments.byCandidateAndQualification(candidate.id, qualification.id))
    throw new AppError(
      "conflict",
      `${candidate.name} is already enrolled on ${qualification.title}. Change their plan instead.`,
    );
  const plan = checkUnitPlan(ctx.catalogue, input.level, unitIds);

  // one transaction: the enrolment and the audit event
  const enrolment = await ctx.store.transaction(async (tx) => {
    const created = await tx.enrolments.create({
      centreId: candidate.centreId,
      candidateId: candidate.id,
      qualificationId: qualification.id,
      level: input.level,
      unitIds,
      assessorId: assessor?.id ?? null,
      internalVerifierId: verifier?.id ?? null,
    });
    await tx.audit.append({
      actor: auditActor,
      action: "enrolment.created",
      entityType: "enrolment",
      entityId: created.id,
      centreId: candidate.centreId,
      data: {
        candidateId: candidate.id,
        qualificationId: qualification.id,
        unitIds,
        assessorId: assessor?.id ?? null,
      },
    });
    return created;
  });
  return { enrolment, plan };
}

/** A member of staff in the candidate's centre holding the role, or "not found"/"bad input". */
export async function staff(
  ctx: PortfolioContext,
  id: string | undefined,
  role: Role,
  candidate: PersonRecord,
): Promise<PersonRecord | undefined> {
  if (!id) return undefined;
  const person = await ctx.store.people.byId(id);
  const words = role === "assessor" ? "that assessor" : "that internal verifier";
  if (!person || person.erased || person.centreId !== candidate.centreId) throw personNotFound(words);
  if (!person.roles.includes(role))
    throw new AppError("bad_input", `${person.name} does not have the ${role.replace("_", " ")} role.`);
  if (person.id === candidate.id)
    throw new AppError("bad_input", "Candidates can't assess or verify their own work.");
  return person;
}
