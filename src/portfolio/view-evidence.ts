// Use case: one piece of evidence as the person asking may see it, with the names cards show.
import type { EvidenceRecord } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";
import { evidenceNotFound } from "./errors.ts";
import { loadActor, loadVisibleEvidence } from "./load.ts";

export interface EvidenceView extends EvidenceRecord {
  /** Names of the candidate, witnesses, assessors and verifiers named in the record, by person id. */
  names: Record<string, string>;
  /** The active claims only (removed ones stay in the store and the export). */
  activeClaims: EvidenceRecord["claims"];
  /** For an expert witness statement: who gave it, their position, and whether they have signed it yet. */
  expertWitness?: { name: string; position: string; signed: boolean };
}

export async function viewEvidence(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId: string },
): Promise<EvidenceView> {
  const actor = await loadActor(ctx, input.actorId);
  await loadVisibleEvidence(ctx, actor, input.evidenceId);
  const record = await ctx.store.evidence.byId(input.evidenceId);
  if (!record) throw evidenceNotFound();
  const ids = [
    record.candidateId,
    ...(record.assessorId ? [record.assessorId] : []),
    ...record.witnessRequests.map((w) => w.witnessId),
    ...record.decisions.map((d) => d.assessorId),
    ...record.samples.map((s) => s.verifierId),
  ];
  const [people, expertWitness] = await Promise.all([
    ctx.store.people.byIds(ids),
    record.source === "witness" ? expertOf(ctx, record.id) : undefined,
  ]);
  return {
    ...record,
    activeClaims: record.claims.filter((c) => c.active),
    names: Object.fromEntries(people.map((p) => [p.id, p.name])),
    ...(expertWitness ? { expertWitness } : {}),
  };
}

/** The expert witness whose statement this evidence is, if it is one. */
async function expertOf(ctx: PortfolioContext, evidenceId: string) {
  const statement = await ctx.store.expertWitnesses.statementOfEvidence(evidenceId);
  const record = statement ? await ctx.store.expertWitnesses.byId(statement.expertWitnessId) : null;
  if (!statement || !record) return undefined;
  const [person, signatures] = await Promise.all([
    ctx.store.people.byId(record.personId),
    ctx.store.signatures.of([statement.id]),
  ]);
  return {
    name: person?.name ?? "Unknown witness",
    position: record.position,
    signed: signatures.some((s) => s.personId === record.personId),
  };
}
