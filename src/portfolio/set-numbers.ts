// Use case: an admin records the awarding body's numbers the recording forms print: the centre's and a candidate's registration.
import { AppError } from "../core/errors.ts";
import type { CentreRecord, EnrolmentRecord } from "../store/types.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";

/** Trims a number as typed; an empty one clears it. At most 40 characters, letters, digits, spaces and "-/.". */
function cleanNumber(value: string, what: string): string | null {
  const number = value.trim();
  if (!number) return null;
  if (number.length > 40 || !/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(number))
    throw new AppError(
      "bad_input",
      `That doesn't look like a ${what}: use letters, digits, spaces, "-", "/" or "." (at most 40).`,
    );
  return number;
}

/** Sets (or, with an empty value, clears) the centre number printed on the recording forms. */
export async function setCentreNumber(
  ctx: PortfolioContext,
  input: { actor: Actor; centreId: string; number: string },
): Promise<CentreRecord> {
  const centre = await ctx.store.people.centreById(input.centreId);
  if (!centre) throw new AppError("not_found", "There is no such centre.");
  const auditActor = await authoriseAdmin(ctx, input.actor, centre.id);
  const number = cleanNumber(input.number, "centre number");
  return ctx.store.transaction(async (tx) => {
    const changed = await tx.people.setCentreNumber(centre.id, number);
    await tx.audit.append({
      actor: auditActor,
      action: "centre.number_set",
      entityType: "centre",
      entityId: centre.id,
      centreId: centre.id,
      data: { cleared: number === null },
    });
    return changed;
  });
}

/** Sets (or clears) the candidate's registration number on one enrolment. */
export async function setRegistrationNumber(
  ctx: PortfolioContext,
  input: { actor: Actor; enrolmentId: string; registrationNumber: string },
): Promise<EnrolmentRecord> {
  const enrolment = await ctx.store.enrolments.byId(input.enrolmentId);
  if (!enrolment) throw personNotFound("that enrolment");
  const candidate = await ctx.store.people.byId(enrolment.candidateId);
  if (!candidate || candidate.erased) throw personNotFound("that candidate");
  const auditActor = await authoriseAdmin(ctx, input.actor, enrolment.centreId, "that enrolment");
  const registrationNumber = cleanNumber(input.registrationNumber, "registration number");
  return ctx.store.transaction(async (tx) => {
    const changed = await tx.enrolments.update(enrolment.id, { registrationNumber });
    // The audit trail records that it changed, never the number itself (no personal data in the audit).
    await tx.audit.append({
      actor: auditActor,
      action: "enrolment.registration_number_set",
      entityType: "enrolment",
      entityId: enrolment.id,
      centreId: enrolment.centreId,
      data: { cleared: registrationNumber === null },
    });
    return changed;
  });
}
