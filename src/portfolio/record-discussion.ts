// Use case: the candidate's assessor records a professional discussion or oral questioning; knowledge items come first.
import { AppError } from "../core/errors.ts";
import type { QuestionRecord } from "../core/record-types.ts";
import {
  type AssessorRecordDraft,
  type AssessorRecordInput,
  checkRecordInput,
  suggestedClaims,
} from "./assessor-records.ts";
import type { PortfolioContext } from "./context.ts";
import { summary } from "./load.ts";
import { notifySafely } from "./notify.ts";
import { loadAssessorOfCandidate } from "./record-access.ts";
import { pending } from "./record-observation.ts";

export interface RecordDiscussionInput extends AssessorRecordInput {
  method?: "professional_discussion" | "oral_questioning";
  /** The questions asked, each with the candidate's answer, in order. */
  questions?: Array<{ question: string; answer: string }>;
}

/**
 * Files a discussion or questioning record as the candidate's evidence of that method. The mapper's knowledge
 * items are listed first: the assessor confirms which are shown, corrects the rest and signs.
 */
export async function recordDiscussion(
  ctx: PortfolioContext,
  input: RecordDiscussionInput,
): Promise<AssessorRecordDraft> {
  const replayed = await ctx.store.replay(input.eventId, "discussion.record", input.actorId);
  if (replayed) return { evidence: await summary(ctx, replayed), suggestions: await pending(ctx, replayed) };

  // load and authorise: only the candidate's assessor
  const { assessor, enrolment } = await loadAssessorOfCandidate(ctx, input);
  // check the input
  const method = input.method ?? "professional_discussion";
  if (method !== "professional_discussion" && method !== "oral_questioning")
    throw new AppError("bad_input", "A discussion record is a professional discussion or oral questioning.");
  const questions: QuestionRecord[] = (input.questions ?? []).map((q, i) => {
    const question = q.question.trim().slice(0, 2000);
    const answer = q.answer.trim().slice(0, 5000);
    if (!question || !answer)
      throw new AppError(
        "bad_input",
        `Question ${i + 1} needs both the question asked and the candidate's answer.`,
      );
    return { number: i + 1, question, answer };
  });
  const checked = checkRecordInput(
    { ...input, text: input.text.trim() || questions.map((q) => `${q.question} ${q.answer}`).join("\n") },
    ctx.now(),
    "The discussion is empty. Add your notes, a recording or the questions with the candidate's answers.",
  );
  const claims = suggestedClaims(ctx.catalogue, input.mapped, enrolment.unitIds, true);

  // one transaction: the evidence, its version, claims, questions, the record, the audit event, the event id
  const id = await ctx.store.once(input.eventId, "discussion.record", assessor.id, async (tx) => {
    const created = await tx.assessorRecords.create({
      enrolmentId: enrolment.id,
      candidateId: enrolment.candidateId,
      assessorId: assessor.id,
      title: checked.title,
      method,
      source: input.source ?? "typed",
      heldAt: checked.heldAt,
      text: checked.text,
      claims,
      supplementary: checked.supplementary,
      questions,
      audioPath: input.audioPath ?? null,
      transcriptionEngine: input.transcriptionEngine ?? null,
      audit: { actor: { personId: assessor.id }, action: "evidence.discussed", centreId: enrolment.centreId },
    });
    return created.id;
  });

  await notifySafely(ctx.notify, {
    type: "assessor_record.made",
    evidenceId: id,
    candidateId: enrolment.candidateId,
    assessorId: assessor.id,
  });
  return { evidence: await summary(ctx, id), suggestions: claims };
}
