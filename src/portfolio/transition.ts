// Loading and applying a guarded evidence transition: the fast path of submit, decide, resubmit, sample and discard.
import { isUniqueViolation } from "../store/db.ts";
import type { Transition, TransitionFacts } from "../store/transition-repository.ts";
import type { PersonRecord } from "../store/types.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence } from "./errors.ts";
import { summary } from "./load.ts";
import { canSee } from "./permissions.ts";

/** The evidence facts, if `person` may see the evidence; otherwise "not found", as when it does not exist. */
export async function loadFacts(
  ctx: PortfolioContext,
  person: PersonRecord,
  evidenceId: string,
): Promise<TransitionFacts> {
  const facts = await ctx.store.transitions.facts(evidenceId);
  if (!facts) throw evidenceNotFound();
  if (canSee(person, facts, [])) return facts;
  const request = await ctx.store.witnesses.byEvidenceAndWitness(evidenceId, person.id);
  if (request && canSee(person, facts, [request])) return facts;
  throw evidenceNotFound();
}

/**
 * Applies the transition in one statement. A stale version is refused; a second delivery of the same event that
 * raced the first is answered with the first one's result.
 */
export async function applyTransition(
  ctx: PortfolioContext,
  facts: TransitionFacts,
  transition: Transition,
): Promise<EvidenceSummary> {
  let version: number | null;
  try {
    version = await ctx.store.transitions.apply(transition);
  } catch (error) {
    if (transition.event && isUniqueViolation(error)) {
      const winner = await ctx.store.replay(
        transition.event.id,
        transition.event.action,
        transition.event.actorId,
      );
      if (winner) return summary(ctx, winner);
    }
    throw error;
  }
  if (version === null) throw staleEvidence(facts.ref);
  return { id: facts.id, ref: facts.ref, status: transition.to, version };
}
