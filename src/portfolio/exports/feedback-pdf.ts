// The action plan and feedback to candidate of 004 (Appendix 2) as a PDF: feedback, outcome, the candidate's reply, signatures.
import type { FeedbackView } from "../feedback-view.ts";
import { ukDateTime } from "../london-time.ts";
import { createDocument, finish, heading } from "./pdf.ts";
import { signatureTable, textBox } from "./signature-table.ts";

export async function feedbackPdf(
  feedback: FeedbackView,
  level: number,
  producedOn: string,
): Promise<Buffer> {
  const doc = createDocument({
    title: `Action plan and feedback to candidate: ${feedback.candidateName}`,
    subject: "Action plan and feedback to candidate",
  });
  const unit = feedback.unitId
    ? `${feedback.unitId} ${feedback.unitTitle}`
    : `Evidence ${feedback.evidenceRef ?? ""}`;
  heading(
    doc,
    "Action plan and feedback to candidate",
    `Level ${level} N/SVQ in Customer Service · produced by Shiftnote on ${producedOn}`,
    [
      ["Candidates name", feedback.candidateName],
      ["Assessors name", feedback.assessorName],
      ["Unit", unit],
      ["Skills/Knowledge", feedback.skillsKnowledge],
    ],
  );
  textBox(doc, "Feedback to candidate", feedback.text);
  textBox(doc, "Outcome of assessment", feedback.outcome);
  textBox(
    doc,
    "Candidate's reply",
    feedback.reply
      ? `${feedback.reply}\n(replied on ${ukDateTime(feedback.repliedAt ?? feedback.createdAt)})`
      : feedback.readAt
        ? `Read on ${ukDateTime(feedback.readAt)}; no reply.`
        : "Not read yet.",
  );
  const signed = (id: string) => feedback.signatures.find((s) => s.personId === id) ?? null;
  signatureTable(doc, [
    { label: "Assessor signature", signature: signed(feedback.assessorId) },
    { label: "Candidate signature", signature: signed(feedback.candidateId) },
  ]);
  return finish(doc);
}
