// Use case: the candidate confirms the claims of a draft and files it for assessment.
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { type FileInput, fileForAssessment } from "./file-for-assessment.ts";

export type SubmitEvidenceInput = FileInput;

export function submitEvidence(ctx: PortfolioContext, input: SubmitEvidenceInput): Promise<EvidenceSummary> {
  return fileForAssessment(ctx, input, {
    action: "evidence.submit",
    event: "evidence.submitted",
    from: "draft",
    advice: { referred: 'send it back with "resubmit" once you have made the changes asked for.' },
    nothing: "there is nothing to submit.",
    // the candidate's declaration that the evidence is their own work (AUTHENTICITY_DECLARATION), once per evidence
    declaration: true,
  });
}
