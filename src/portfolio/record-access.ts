// Loading for issue 17's use cases: a candidate's enrolment for their assessor, and records only their people may see.
import { AppError } from "../core/errors.ts";
import type { EnrolmentRecord, PersonRecord } from "../store/types.ts";
import type { PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";
import { mayView } from "./get-progress.ts";
import { loadActor } from "./load.ts";

/** Said to anyone with no access as well as when the record does not exist. */
export const recordNotFound = (what: string) =>
  new AppError(
    "not_found",
    `We can't find that ${what}. Open the candidate's portfolio and try again from there.`,
  );

/**
 * The acting assessor and the candidate's enrolment they are assigned to (the one holding `unitId` when given).
 * Anyone else, or a candidate who is not theirs, gets "not found".
 */
export async function loadAssessorOfCandidate(
  ctx: PortfolioContext,
  input: {
    actorId: string;
    candidateId: string;
    enrolmentId?: string | undefined;
    unitId?: string | undefined;
  },
): Promise<{ assessor: PersonRecord; candidate: PersonRecord; enrolment: EnrolmentRecord }> {
  const assessor = await loadActor(ctx, input.actorId);
  const candidate = await ctx.store.people.byId(input.candidateId);
  if (!candidate || candidate.erased) throw personNotFound("that candidate");
  const mine = (await ctx.store.enrolments.ofCandidate(candidate.id)).filter(
    (e) => assessor.roles.includes("assessor") && e.assessorId === assessor.id,
  );
  if (mine.length === 0) throw personNotFound("that candidate");
  const enrolment = mine.find(
    (e) =>
      (!input.enrolmentId || e.id === input.enrolmentId) &&
      (!input.unitId || e.unitIds.includes(input.unitId)),
  );
  if (!enrolment)
    throw new AppError(
      "not_found",
      input.unitId
        ? `Unit ${input.unitId} is not on ${candidate.name}'s plan. Open their portfolio to see the units they are taking.`
        : `${candidate.name} has no such enrolment. Open their portfolio to choose one.`,
    );
  return { assessor, candidate, enrolment };
}

/** The candidate, if `actor` may see their records (themselves, their assessor, their centre's verifiers and admins). */
export async function loadViewableCandidate(
  ctx: PortfolioContext,
  actor: PersonRecord,
  candidateId: string,
  notFound: () => AppError,
): Promise<PersonRecord> {
  const candidate = await ctx.store.people.byId(candidateId);
  if (!candidate) throw notFound();
  const enrolments = await ctx.store.enrolments.ofCandidate(candidateId);
  if (!mayView(actor, candidate, enrolments)) throw notFound();
  return candidate;
}

/** Trimmed text, refused when empty or too long, with words that say which field. */
export function requiredText(value: string | undefined, field: string, max = 20_000): string {
  const text = (value ?? "").trim();
  if (!text) throw new AppError("bad_input", `${field} is empty. Fill it in and send it again.`);
  if (text.length > max)
    throw new AppError("too_large", `${field} is longer than ${max} characters. Please shorten it.`);
  return text;
}
