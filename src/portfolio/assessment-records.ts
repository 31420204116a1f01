// Use cases for the pages: a candidate's assessment records (plans, feedback, assessor's records, expert statements) and who could be an expert witness.
import type { ExpertStatementRecord, ExpertWitnessRecord } from "../core/record-types.ts";
import type { PersonRecord } from "../core/types.ts";
import { type ActionPlanView, actionPlanViews } from "./action-plan-view.ts";
import type { PortfolioContext } from "./context.ts";
import { evidenceNotFound, personNotFound } from "./errors.ts";
import {
  type ExpertStatementView,
  type ExpertWitnessView,
  expertStatementView,
  expertWitnessView,
} from "./expert-witness-view.ts";
import type { Document } from "./exports/documents.ts";
import { expertWitnessRecordDocument, observationRecordDocument } from "./exports/record-documents.ts";
import { type FeedbackView, feedbackView } from "./feedback-view.ts";
import { loadActor, loadVisibleEvidence } from "./load.ts";
import { loadViewableCandidate, recordNotFound } from "./record-access.ts";
import { loadVisibleExpertWitness } from "./record-expert-witness.ts";
import { type ObservationView, viewObservation } from "./view-observation.ts";

const ASSESSOR_METHODS = ["observation", "professional_discussion", "oral_questioning"];

export interface AssessmentRecords {
  plans: ActionPlanView[];
  feedback: FeedbackView[];
  /** The assessor's own records: observations, professional discussions, oral questioning. */
  records: ObservationView[];
  statements: ExpertStatementView[];
  /** The expert witnesses recorded at the candidate's centre. */
  experts: ExpertWitnessView[];
  /** People of the centre who are not candidates and not yet expert witnesses: whom an assessor may record as one. */
  mayBecomeExperts: Array<Pick<PersonRecord, "id" | "name" | "email">>;
}

/** Everything of issue 17 recorded about a candidate, for whoever may see their records ("not found" otherwise). */
export async function assessmentRecords(
  ctx: PortfolioContext,
  input: { actorId: string; candidateId: string },
): Promise<AssessmentRecords> {
  // load and authorise: the candidate, their assessor, their centre's verifiers and admins
  const actor = await loadActor(ctx, input.actorId);
  const candidate = await loadViewableCandidate(ctx, actor, input.candidateId, () =>
    personNotFound("that candidate"),
  );
  const [plans, feedback, evidence, people] = await Promise.all([
    ctx.store.actionPlans.ofCandidate(candidate.id),
    ctx.store.feedback.ofCandidate(candidate.id),
    ctx.store.evidence.ofCandidate(candidate.id),
    ctx.store.people.inCentre(candidate.centreId),
  ]);
  // authorised above for the candidate's records (admins included, as for the other forms)
  const actorRef = { system: "cli" } as const;
  const records: ObservationView[] = [];
  const statementRows: ExpertStatementRecord[] = [];
  for (const e of evidence) {
    if (e.status === "draft" || e.status === "discarded") continue;
    if (ASSESSOR_METHODS.includes(e.method) && (await ctx.store.assessorRecords.of(e.id)))
      records.push(await viewObservation(ctx, { actor: actorRef, evidenceId: e.id }));
    if (e.method === "witness_testimony") {
      const statement = await ctx.store.expertWitnesses.statementOfEvidence(e.id);
      if (statement) statementRows.push(statement);
    }
  }
  const statements = (await Promise.all(statementRows.map((s) => expertStatementView(ctx, s)))).filter(
    (s): s is ExpertStatementView => s !== null,
  );
  const staff = people.filter((p) => !p.erased && !p.roles.includes("candidate"));
  const recorded: ExpertWitnessRecord[] = [];
  const notYet: PersonRecord[] = [];
  for (const p of staff) {
    const record = await ctx.store.expertWitnesses.byPerson(candidate.centreId, p.id);
    if (record) recorded.push(record);
    else if (p.id !== actor.id) notYet.push(p);
  }
  const seesExperts = actor.id !== candidate.id;
  return {
    plans: await actionPlanViews(ctx, plans),
    feedback: await Promise.all(feedback.map((f) => feedbackView(ctx, f))),
    records,
    statements,
    experts: seesExperts ? await Promise.all(recorded.map((r) => expertWitnessView(ctx, r))) : [],
    mayBecomeExperts: seesExperts ? notYet.map(({ id, name, email }) => ({ id, name, email })) : [],
  };
}

/** What the evidence page adds to a piece of evidence: its assessor's record or its expert witness statement. */
export async function evidenceRecordParts(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId: string },
): Promise<{ observation: ObservationView | null; statement: ExpertStatementView | null }> {
  // load and authorise: whoever may see the evidence
  const actor = await loadActor(ctx, input.actorId);
  await loadVisibleEvidence(ctx, actor, input.evidenceId);
  const [record, statement] = await Promise.all([
    ctx.store.assessorRecords.of(input.evidenceId),
    ctx.store.expertWitnesses.statementOfEvidence(input.evidenceId),
  ]);
  return {
    observation: record
      ? await viewObservation(ctx, { actor: { personId: actor.id }, evidenceId: input.evidenceId })
      : null,
    statement: statement ? await expertStatementView(ctx, statement) : null,
  };
}

/** One record of expert witness, for the witness and their centre's staff; the witness also sees whom they may give a statement on. */
export async function expertWitnessPage(
  ctx: PortfolioContext,
  input: { actorId: string; expertWitnessId: string },
): Promise<{ expert: ExpertWitnessView; candidates: Array<Pick<PersonRecord, "id" | "name">> }> {
  // load and authorise: the witness, and the admins, assessors and verifiers of their centre
  const record = await loadVisibleExpertWitness(ctx, { personId: input.actorId }, input.expertWitnessId);
  const candidates: Array<Pick<PersonRecord, "id" | "name">> = [];
  if (input.actorId === record.personId)
    for (const p of await ctx.store.people.inCentre(record.centreId)) {
      if (p.erased || p.id === record.personId || !p.roles.includes("candidate")) continue;
      const enrolments = await ctx.store.enrolments.ofCandidate(p.id);
      if (enrolments.some((e) => e.unitIds.some((u) => record.unitIds.includes(u))))
        candidates.push({ id: p.id, name: p.name });
    }
  return { expert: await expertWitnessView(ctx, record), candidates };
}

/** The record of expert witness of the signed-in person, if the centre keeps one. */
export async function myExpertWitnessRecord(
  ctx: PortfolioContext,
  input: { actorId: string },
): Promise<ExpertWitnessView | null> {
  const actor = await loadActor(ctx, input.actorId);
  const record = await ctx.store.expertWitnesses.byPerson(actor.centreId, actor.id);
  return record ? expertWitnessView(ctx, record) : null;
}

/**
 * The observation (or discussion) record of one piece of a candidate's evidence as a PDF, for whoever may see the
 * candidate's records: the candidate, their assessor, their centre's verifiers and admins (as the other forms).
 */
export async function assessorRecordDocument(
  ctx: PortfolioContext,
  input: { actorId: string; candidateId: string; ref: string },
): Promise<Document> {
  const actor = await loadActor(ctx, input.actorId);
  await loadViewableCandidate(ctx, actor, input.candidateId, () => evidenceNotFound());
  const header = await ctx.store.evidence.headerByRef(input.candidateId, input.ref);
  if (!header || !(await ctx.store.assessorRecords.of(header.id))) throw evidenceNotFound();
  // authorised above; the document's own check is the evidence rule, which leaves the centre's admins out
  return observationRecordDocument(ctx, { actor: { system: "cli" }, evidenceId: header.id });
}

/** The record of expert witness behind a statement on the candidate's evidence, for whoever may see their records. */
export async function statementWitnessRecordDocument(
  ctx: PortfolioContext,
  input: { actorId: string; candidateId: string; statementId: string },
): Promise<Document> {
  const actor = await loadActor(ctx, input.actorId);
  await loadViewableCandidate(ctx, actor, input.candidateId, () => recordNotFound("expert witness"));
  const statement = await ctx.store.expertWitnesses.statementById(input.statementId);
  if (!statement || statement.candidateId !== input.candidateId) throw recordNotFound("expert witness");
  // authorised above: the candidate's people may read the record of the witness who gave their evidence
  return expertWitnessRecordDocument(ctx, {
    actor: { system: "cli" },
    expertWitnessId: statement.expertWitnessId,
  });
}
