// Use case: someone replies in the thread of an evidence card; may their reply become witness testimony, and how.
import type { PortfolioContext } from "./context.ts";
import { loadActor } from "./load.ts";
import { staffPartOn, staffWitnessMessage } from "./witness-independence.ts";

export interface ThreadWitnessInput {
  actorId: string;
  evidenceId: string;
}

/**
 * What a reply in an evidence's thread can be. Only a witness the candidate (or their assessor) asked gives
 * testimony, as on the witness card; everyone else's reply is left where it is and nothing of it is kept.
 */
export type ThreadWitness =
  /** The candidate talking in their own evidence's thread: not testimony. */
  | { kind: "own" }
  /** Not a witness asked for this evidence: they are told how to be asked. */
  | { kind: "not_asked"; ref: string }
  /** The candidate's assessor or internal verifier: never a witness. */
  | { kind: "staff"; message: string }
  /** Asked before, and already answered (or refused), or the evidence is past taking testimony. */
  | { kind: "closed"; message: string }
  /** Asked and still to answer: the reply can be confirmed on the witness card. */
  | { kind: "asked"; requestId: string; ref: string };

export async function threadWitness(
  ctx: PortfolioContext,
  input: ThreadWitnessInput,
): Promise<ThreadWitness> {
  // load and authorise: the person replying; the evidence is told of only by its reference, shown on the card above
  const person = await loadActor(ctx, input.actorId);
  const evidence = await ctx.store.evidence.header(input.evidenceId);
  if (!evidence || evidence.centreId !== person.centreId) return { kind: "not_asked", ref: "this evidence" };
  if (evidence.candidateId === person.id) return { kind: "own" };
  const staff = await staffPartOn(ctx, evidence.enrolmentId, person.id);
  if (staff) return { kind: "staff", message: staffWitnessMessage(staff, evidence.ref) };
  const request = await ctx.store.witnesses.byEvidenceAndWitness(evidence.id, person.id);
  if (!request) return { kind: "not_asked", ref: evidence.ref };
  // check the status, as giving testimony does
  if (request.status === "given")
    return {
      kind: "closed",
      message: `You have already given testimony for ${evidence.ref}. Thank you; there is nothing more to do, so I haven't kept this reply.`,
    };
  if (request.status !== "pending")
    return {
      kind: "closed",
      message: `Your testimony for ${evidence.ref} could not be accepted, so this request is closed and I haven't kept this reply.`,
    };
  if (evidence.status !== "draft" && evidence.status !== "submitted")
    return {
      kind: "closed",
      message: `${evidence.ref} has been assessed, so testimony can no longer be added to it. Thank you all the same; I haven't kept this reply.`,
    };
  return { kind: "asked", requestId: request.id, ref: evidence.ref };
}
