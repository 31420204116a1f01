// Loading for use cases: the acting person and the evidence they may see, answering "not found" for anything else.
import { AppError } from "../core/errors.ts";
import type { EvidenceHeader, PersonRecord } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";
import { evidenceNotFound } from "./errors.ts";
import { canSee } from "./permissions.ts";

/** The person acting; an unknown or erased person gets "not found". */
export async function loadActor(ctx: PortfolioContext, personId: string): Promise<PersonRecord> {
  const person = await ctx.store.people.byId(personId);
  if (!person || person.erased) throw unknownActor();
  return person;
}

export const unknownActor = () =>
  new AppError("not_found", "We don't know you yet. Ask your centre admin to add you to Shiftnote.");

/** The evidence, if `person` may see it; otherwise "not found", the same as when it does not exist. */
export async function loadVisibleEvidence(
  ctx: PortfolioContext,
  person: PersonRecord,
  evidenceId: string,
): Promise<EvidenceHeader> {
  const evidence = await ctx.store.evidence.header(evidenceId);
  if (!evidence) throw evidenceNotFound();
  if (canSee(person, evidence, [])) return evidence;
  const request = await ctx.store.witnesses.byEvidenceAndWitness(evidenceId, person.id);
  if (request && canSee(person, evidence, [request])) return evidence;
  throw evidenceNotFound();
}

/** The header after a committed change, for the use case's answer. */
export async function summary(ctx: PortfolioContext, evidenceId: string) {
  const header = await ctx.store.evidence.header(evidenceId);
  if (!header) throw evidenceNotFound();
  return { id: header.id, ref: header.ref, status: header.status, version: header.version };
}
