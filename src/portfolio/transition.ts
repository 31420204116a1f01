// Loading and applying a guarded evidence transition: the fast path of submit, decide, resubmit, sample and discard.

import type { PersonRecord } from "../core/types.ts";
import { isUniqueViolation } from "../store/db.ts";
import { replayedId } from "../store/store.ts";
import type { Transition, TransitionFacts } from "../store/transition-repository.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { evidenceNotFound, staleEvidence } from "./errors.ts";
import { summary, unknownActor } from "./load.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { canSee } from "./permissions.ts";

/** What a guarded change starts from: the answer to a retried event, or the actor and the evidence they may see. */
export type Opened = { replayed: EvidenceSummary } | { actor: PersonRecord; evidence: TransitionFacts };

/**
 * Opens a guarded change in one round trip: a retry of an event already handled is answered with its first
 * result; an unknown or erased actor, or evidence they may not see, gets "not found".
 */
export async function openTransition(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId: string; eventId?: string | undefined; action: string },
): Promise<Opened> {
  const opened = await ctx.store.transitions.open(input.evidenceId, input.actorId, input.eventId);
  if (opened.event)
    return { replayed: await summary(ctx, replayedId(opened.event, input.action, input.actorId)) };
  const actor = opened.actor;
  if (!actor || actor.erased) throw unknownActor();
  const evidence = opened.facts;
  if (!evidence) throw evidenceNotFound();
  const requests = opened.askedToWitness ? [{ witnessId: actor.id }] : [];
  if (!canSee(actor, evidence, requests)) throw evidenceNotFound();
  return { actor, evidence };
}

/**
 * Applies the transition in one statement, with the outbox entries of `event` when one is given (and tells the
 * in-process notifier once it is committed). A stale version is refused; a second delivery of the same event that
 * raced the first is answered with the first one's result.
 */
export async function applyTransition(
  ctx: PortfolioContext,
  facts: TransitionFacts,
  change: Transition,
  event?: PortfolioEvent,
): Promise<EvidenceSummary> {
  const actorId = "personId" in change.audit.actor ? change.audit.actor.personId : null;
  const transition: Transition = event ? { ...change, notify: told(event, actorId) } : change;
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
  if (event) await notifySafely(ctx.notify, event);
  return { id: facts.id, ref: facts.ref, status: transition.to, version };
}
