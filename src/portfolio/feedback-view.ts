// Feedback to a candidate as people see it: names, the unit or evidence it is about, and both signatures.
import type { FeedbackRecord } from "../core/record-types.ts";
import type { PortfolioContext } from "./context.ts";
import { type SignatureView, signatureViews } from "./signing.ts";

export interface FeedbackView extends FeedbackRecord {
  candidateName: string;
  assessorName: string;
  unitTitle: string;
  /** The evidence reference when the feedback is on one piece of evidence. */
  evidenceRef: string | null;
  signatures: SignatureView[];
}

export async function feedbackView(ctx: PortfolioContext, feedback: FeedbackRecord): Promise<FeedbackView> {
  const [people, signatures, evidence] = await Promise.all([
    ctx.store.people.byIds([feedback.candidateId, feedback.assessorId]),
    ctx.store.signatures.of([feedback.id]),
    feedback.evidenceId ? ctx.store.evidence.header(feedback.evidenceId) : null,
  ]);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  return {
    ...feedback,
    candidateName: name(feedback.candidateId),
    assessorName: name(feedback.assessorId),
    unitTitle: feedback.unitId ? (ctx.catalogue.unit(feedback.unitId)?.title ?? "") : "",
    evidenceRef: evidence?.ref ?? null,
    signatures: await signatureViews(ctx, signatures),
  };
}
