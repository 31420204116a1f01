// Use case: the candidate sends referred evidence back to the assessor after making the changes asked for.
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { type FileInput, fileForAssessment } from "./file-for-assessment.ts";

export type ResubmitEvidenceInput = FileInput;

export function resubmitEvidence(
  ctx: PortfolioContext,
  input: ResubmitEvidenceInput,
): Promise<EvidenceSummary> {
  return fileForAssessment(ctx, input, {
    action: "evidence.resubmit",
    event: "evidence.resubmitted",
    from: "referred",
    advice: { draft: 'use "submit" to file it for the first time.' },
    nothing: "there is nothing to resubmit.",
    resetDecisions: true,
  });
}
