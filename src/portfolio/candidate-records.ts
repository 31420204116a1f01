// Use case: a candidate's filed evidence with coverage and names, for the portfolio page and the forms of 004.
import type { EnrolmentRecord, EvidenceRecord, EvidenceStatus, PersonRecord } from "../core/types.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import type { Coverage } from "./coverage.ts";
import { getProgress } from "./get-progress.ts";

/** Evidence an assessor or verifier may see: filed, not drafts or discarded ones. */
export const FILED: readonly EvidenceStatus[] = ["submitted", "assessed", "referred", "sampled"];

export interface CandidateRecords {
  candidate: PersonRecord;
  enrolments: EnrolmentRecord[];
  coverage: Coverage[];
  /** Oldest first; filed evidence only, plus drafts when the candidate asks for their own. */
  evidence: EvidenceRecord[];
  /** Every person named in the evidence and enrolments, by id. */
  people: Map<string, PersonRecord>;
}

export async function candidateRecords(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string },
): Promise<CandidateRecords> {
  // load and authorise: whoever may see the candidate's progress (getProgress answers "not found" otherwise)
  const coverage = await getProgress(ctx, { actor: input.actor, candidateId: input.candidateId });
  const own = "personId" in input.actor && input.actor.personId === input.candidateId;
  const [enrolments, all] = await Promise.all([
    ctx.store.enrolments.ofCandidate(input.candidateId),
    ctx.store.evidence.ofCandidate(input.candidateId),
  ]);
  const evidence = all.filter((e) => FILED.includes(e.status) || (own && e.status === "draft"));
  const ids = new Set<string>([input.candidateId]);
  for (const e of enrolments) for (const id of [e.assessorId, e.internalVerifierId]) if (id) ids.add(id);
  for (const e of evidence) {
    for (const w of e.witnessRequests) ids.add(w.witnessId);
    for (const d of e.decisions) ids.add(d.assessorId);
    for (const s of e.samples) ids.add(s.verifierId);
  }
  const people = new Map((await ctx.store.people.byIds([...ids])).map((p) => [p.id, p]));
  const candidate = people.get(input.candidateId);
  if (!candidate) throw new Error(`Candidate ${input.candidateId} vanished while reading their records.`);
  return { candidate, enrolments, coverage, evidence, people };
}

/** The units a piece of evidence counts towards: those of its active claims the assessor did not reject. */
export const unitsOf = (evidence: EvidenceRecord): string[] =>
  [
    ...new Set(evidence.claims.filter((c) => c.active && c.decision !== "rejected").map((c) => c.unitId)),
  ].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
