// Use case: a candidate's coverage and gaps, for the candidate, their assessor, the centre's verifiers and admins, or the CLI.
import { AppError } from "../core/errors.ts";
import type { EnrolmentRecord, PersonRecord } from "../core/types.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { type Coverage, computeCoverage } from "./coverage.ts";
import { personNotFound } from "./errors.ts";
import { loadActor } from "./load.ts";

export interface GetProgressInput {
  actor: Actor;
  candidateId: string;
  /** Which enrolment; every one of the candidate's when left out. */
  enrolmentId?: string;
}

export async function getProgress(ctx: PortfolioContext, input: GetProgressInput): Promise<Coverage[]> {
  // load
  const candidate = await ctx.store.people.byId(input.candidateId);
  if (!candidate || candidate.erased) throw personNotFound("that candidate");
  const enrolments = (await ctx.store.enrolments.ofCandidate(candidate.id)).filter(
    (e) => !input.enrolmentId || e.id === input.enrolmentId,
  );
  // authorise: "not found" for anyone who may not see this candidate's progress
  if ("personId" in input.actor) {
    const actor = await loadActor(ctx, input.actor.personId);
    if (!mayView(actor, candidate, enrolments)) throw personNotFound("that candidate");
  }
  if (enrolments.length === 0)
    throw new AppError(
      "not_found",
      `${candidate.name} is not enrolled on a qualification yet. Enrol them first.`,
    );
  // compute
  const out: Coverage[] = [];
  for (const enrolment of enrolments)
    out.push(
      computeCoverage(ctx.catalogue, enrolment, await ctx.store.evidence.coverageClaims(enrolment.id)),
    );
  return out;
}

/** Who may see a candidate's records: themselves, their assessor, and the verifiers and admins of their centre. */
export function mayView(
  actor: PersonRecord,
  candidate: PersonRecord,
  enrolments: EnrolmentRecord[],
): boolean {
  if (actor.id === candidate.id) return true;
  if (actor.roles.includes("assessor") && enrolments.some((e) => e.assessorId === actor.id)) return true;
  const sameCentre = actor.centreId === candidate.centreId;
  return sameCentre && (actor.roles.includes("internal_verifier") || actor.roles.includes("admin"));
}
