// Use case: who may act on the cards of one piece of evidence (candidate, assessor, witnesses asked), for a card's refresh.
import type { PortfolioContext } from "./context.ts";

/** The people a card about this evidence is for; ids only, never shown, so nothing is authorised away here. */
export interface CardAudience {
  candidateId: string;
  assessorId: string | null;
  /** Witnesses asked who have not answered yet. */
  pendingWitnessIds: string[];
}

/** The evidence's candidate, assessor and pending witnesses; undefined when there is no such evidence. */
export async function cardAudience(
  ctx: PortfolioContext,
  input: { evidenceId: string },
): Promise<CardAudience | undefined> {
  const evidence = await ctx.store.evidence.byId(input.evidenceId);
  if (!evidence) return undefined;
  return {
    candidateId: evidence.candidateId,
    assessorId: evidence.assessorId,
    pendingWitnessIds: evidence.witnessRequests.filter((r) => r.status === "pending").map((r) => r.witnessId),
  };
}
