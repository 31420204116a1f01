// Expert witnesses as the forms show them: the record with its signatures, and a statement with the evidence it became.
import type { ExpertStatementRecord, ExpertWitnessRecord } from "../core/record-types.ts";
import type { ClaimRecord } from "../store/types.ts";
import type { PortfolioContext } from "./context.ts";
import { type SignatureView, signatureViews } from "./signing.ts";

/** What 004 asks of an expert witness at least (Record of expert witness). */
export const EXPERT_WITNESS_REQUIREMENTS = {
  experience:
    "Have a minimum of 2 years supervisory, managerial or training experience in the unit(s) for which they are providing evidence.",
  standardsKnowledge:
    "Demonstrate a working knowledge of the National Occupational Standards unit(s) they are attesting to",
  cpd: "Demonstrate clear evidence of appropriate continuous professional development",
  desirable:
    "In addition it would be desirable for the expert witness to hold or be working towards an appropriate unit of competence in the assessment of workplace performance. If this is not the case, they should hold a post that involves responsibility for the quality of work performed by those for whom they are acting as an expert witness",
} as const;

export interface ExpertWitnessView extends ExpertWitnessRecord {
  name: string;
  email: string;
  signatures: SignatureView[];
  /** The centre confirmed they meet the requirements. */
  confirmed: boolean;
}

export interface ExpertStatementView extends ExpertStatementRecord {
  witness: ExpertWitnessView;
  candidateName: string;
  assessorName: string;
  unitTitle: string;
  evidenceRef: string;
  /** The witness's statement: the evidence's account. */
  text: string;
  /** The criteria, knowledge and ranges it is against. */
  claims: ClaimRecord[];
  signatures: SignatureView[];
}

export async function expertWitnessView(
  ctx: PortfolioContext,
  record: ExpertWitnessRecord,
): Promise<ExpertWitnessView> {
  const [person, signatures] = await Promise.all([
    ctx.store.people.byId(record.personId),
    ctx.store.signatures.of([record.id]),
  ]);
  const views = await signatureViews(ctx, signatures);
  return {
    ...record,
    name: person?.name ?? "Unknown witness",
    email: person?.email ?? "",
    signatures: views,
    confirmed: views.some((s) => s.kind === "expert_witness_confirmation"),
  };
}

export async function expertStatementView(
  ctx: PortfolioContext,
  statement: ExpertStatementRecord,
): Promise<ExpertStatementView | null> {
  const [record, evidence, signatures] = await Promise.all([
    ctx.store.expertWitnesses.byId(statement.expertWitnessId),
    ctx.store.evidence.byId(statement.evidenceId),
    ctx.store.signatures.of([statement.id]),
  ]);
  if (!record || !evidence) return null;
  const people = await ctx.store.people.byIds(
    [statement.candidateId, evidence.assessorId].filter((id): id is string => Boolean(id)),
  );
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? "";
  return {
    ...statement,
    witness: await expertWitnessView(ctx, record),
    candidateName: name(statement.candidateId),
    assessorName: name(evidence.assessorId),
    unitTitle: ctx.catalogue.unit(statement.unitId)?.title ?? "",
    evidenceRef: evidence.ref,
    text: evidence.text,
    claims: evidence.claims.filter((c) => c.active),
    signatures: await signatureViews(ctx, signatures),
  };
}
