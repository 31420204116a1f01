// Use case: an observation or discussion record as its people may see it, with names, standards' words and signatures.

import type { AssessorRecordRecord } from "../core/record-types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import type { EvidenceRecord } from "../store/types.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { evidenceNotFound } from "./errors.ts";
import { loadActor, loadVisibleEvidence } from "./load.ts";
import { type SignatureView, signatureViews, signedBy } from "./signing.ts";

export interface ObservationView {
  evidence: EvidenceRecord;
  record: AssessorRecordRecord;
  candidateName: string;
  assessorName: string;
  level: number;
  /** The active claims with the words of the standards they refer to. */
  standards: Array<{ targetId: string; kind: string; text: string; support: string }>;
  assessorSignature: SignatureView | null;
  candidateSignature: SignatureView | null;
}

/** The words of a criterion, knowledge item or range. */
export function standardText(catalogue: Catalogue, id: string): string {
  return (
    catalogue.criterion(id)?.criterion.text ??
    catalogue.knowledgeItem(id)?.item.text ??
    catalogue.range(id)?.range.text ??
    ""
  );
}

export async function viewObservation(
  ctx: PortfolioContext,
  input: { actor: Actor; evidenceId: string },
): Promise<ObservationView> {
  // load and authorise: whoever may see the evidence (its candidate, their assessor, the centre's verifiers)
  if ("personId" in input.actor) {
    const actor = await loadActor(ctx, input.actor.personId);
    await loadVisibleEvidence(ctx, actor, input.evidenceId);
  }
  const [evidence, record, signatures] = await Promise.all([
    ctx.store.evidence.byId(input.evidenceId),
    ctx.store.assessorRecords.of(input.evidenceId),
    ctx.store.signatures.of([input.evidenceId]),
  ]);
  if (!evidence || !record) throw evidenceNotFound();
  const [people, enrolment, views] = await Promise.all([
    ctx.store.people.byIds([evidence.candidateId, record.assessorId]),
    ctx.store.enrolments.byId(evidence.enrolmentId),
    signatureViews(
      ctx,
      signatures.filter((s) => s.kind === "assessor_record"),
    ),
  ]);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  return {
    evidence,
    record,
    candidateName: name(evidence.candidateId),
    assessorName: name(record.assessorId),
    level: enrolment?.level ?? 2,
    standards: evidence.claims
      .filter((c) => c.active)
      .map((c) => ({
        targetId: c.targetId,
        kind: c.kind,
        text: standardText(ctx.catalogue, c.targetId),
        support: c.support,
      })),
    assessorSignature: signedBy(views, "assessor_record", record.assessorId) ?? null,
    candidateSignature: signedBy(views, "assessor_record", evidence.candidateId) ?? null,
  };
}
