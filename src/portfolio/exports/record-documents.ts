// Use cases for issue 17's documents: each authorises like its view, then renders one PDF in the layout of 004.
import { actionPlanViews } from "../action-plan-view.ts";
import type { Actor, PortfolioContext } from "../context.ts";
import { expertStatementView, expertWitnessView } from "../expert-witness-view.ts";
import { feedbackView } from "../feedback-view.ts";
import { loadActor } from "../load.ts";
import { ukDate } from "../london-time.ts";
import { loadViewableCandidate, recordNotFound } from "../record-access.ts";
import { loadVisibleExpertWitness } from "../record-expert-witness.ts";
import { viewObservation } from "../view-observation.ts";
import { actionPlanPdf } from "./action-plan-pdf.ts";
import { type Document, slug } from "./documents.ts";
import { expertStatementPdf, expertWitnessRecordPdf } from "./expert-witness-pdf.ts";
import { feedbackPdf } from "./feedback-pdf.ts";
import { observationRecordPdf } from "./observation-record-pdf.ts";

const pdf = (filename: string, bytes: Buffer): Document => ({
  filename,
  contentType: "application/pdf",
  bytes,
});
const today = (ctx: PortfolioContext) => ukDate(ctx.now());

/** "Not found" unless the actor may see the candidate's records (the command line always may). */
async function authoriseCandidate(ctx: PortfolioContext, actor: Actor, candidateId: string, what: string) {
  if (!("personId" in actor)) return;
  const person = await loadActor(ctx, actor.personId);
  await loadViewableCandidate(ctx, person, candidateId, () => recordNotFound(what));
}

/** The observation record (or discussion record) of one piece of the assessor's evidence. */
export async function observationRecordDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; evidenceId: string },
): Promise<Document> {
  const view = await viewObservation(ctx, input);
  return pdf(
    `observation-record-${slug(view.candidateName)}-${view.evidence.ref.toLowerCase()}.pdf`,
    await observationRecordPdf(view, today(ctx)),
  );
}

/** One assessment action plan. */
export async function actionPlanDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; planId: string },
): Promise<Document> {
  const plan = await ctx.store.actionPlans.byId(input.planId);
  if (!plan) throw recordNotFound("action plan");
  await authoriseCandidate(ctx, input.actor, plan.candidateId, "action plan");
  const [view] = await actionPlanViews(ctx, [plan]);
  if (!view) throw recordNotFound("action plan");
  return pdf(
    `action-plan-${slug(view.candidateName)}-unit-${plan.unitId}.pdf`,
    await actionPlanPdf(view, today(ctx)),
  );
}

/** One action plan and feedback to candidate (reading it here does not count as the candidate's reading). */
export async function feedbackDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; feedbackId: string },
): Promise<Document> {
  const feedback = await ctx.store.feedback.byId(input.feedbackId);
  if (!feedback) throw recordNotFound("feedback");
  await authoriseCandidate(ctx, input.actor, feedback.candidateId, "feedback");
  const [view, enrolment] = await Promise.all([
    feedbackView(ctx, feedback),
    ctx.store.enrolments.byId(feedback.enrolmentId),
  ]);
  return pdf(
    `feedback-${slug(view.candidateName)}-${feedback.createdAt.slice(0, 10)}.pdf`,
    await feedbackPdf(view, enrolment?.level ?? 2, today(ctx)),
  );
}

/** The record of expert witness: the witness, and the admins, assessors and verifiers of their centre. */
export async function expertWitnessRecordDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; expertWitnessId: string },
): Promise<Document> {
  const record = await loadVisibleExpertWitness(ctx, input.actor, input.expertWitnessId);
  const view = await expertWitnessView(ctx, record);
  return pdf(`expert-witness-${slug(view.name)}.pdf`, await expertWitnessRecordPdf(view, today(ctx)));
}

/** An expert witness statement: whoever may see the candidate's records, and the witness who gave it. */
export async function expertStatementDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; statementId: string },
): Promise<Document> {
  const statement = await ctx.store.expertWitnesses.statementById(input.statementId);
  if (!statement) throw recordNotFound("expert witness statement");
  const view = await expertStatementView(ctx, statement);
  if (!view) throw recordNotFound("expert witness statement");
  const isWitness = "personId" in input.actor && input.actor.personId === view.witness.personId;
  if (!isWitness)
    await authoriseCandidate(ctx, input.actor, statement.candidateId, "expert witness statement");
  const enrolment = (await ctx.store.enrolments.ofCandidate(statement.candidateId)).find((e) =>
    e.unitIds.includes(statement.unitId),
  );
  return pdf(
    `expert-witness-statement-${slug(view.candidateName)}-unit-${statement.unitId}.pdf`,
    await expertStatementPdf(view, ctx.catalogue, enrolment?.level ?? 2, today(ctx)),
  );
}
