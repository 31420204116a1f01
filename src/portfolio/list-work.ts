// Use case: what is waiting for a person: their own evidence, evidence to assess, testimony asked of them, evidence to sample.
import type { EvidenceHeader, WitnessRequestRecord } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";
import { loadActor } from "./load.ts";

export interface Work {
  /** The candidate's own evidence in every status but discarded. */
  own: EvidenceHeader[];
  /** Submitted evidence of the candidates this assessor is assigned to. */
  toAssess: EvidenceHeader[];
  /** Pending requests for testimony. */
  toWitness: WitnessRequestRecord[];
  /** Assessed evidence in the verifier's centre, not yet sampled. */
  toSample: EvidenceHeader[];
}

export async function listWork(ctx: PortfolioContext, input: { actorId: string }): Promise<Work> {
  const actor = await loadActor(ctx, input.actorId);
  const { store } = ctx;
  const own = actor.roles.includes("candidate")
    ? await store.evidence.headersOf(
        (await store.enrolments.ofCandidate(actor.id)).map((e) => e.id),
        ["draft", "submitted", "assessed", "referred", "sampled"],
      )
    : [];
  const toAssess = actor.roles.includes("assessor")
    ? await store.evidence.headersOf(
        (await store.enrolments.ofAssessor(actor.id)).map((e) => e.id),
        ["submitted"],
      )
    : [];
  const toWitness = await store.witnesses.forWitness(actor.id);
  const toSample = actor.roles.includes("internal_verifier")
    ? await store.evidence.assessedInCentre(actor.centreId)
    : [];
  return { own, toAssess, toWitness, toSample };
}
