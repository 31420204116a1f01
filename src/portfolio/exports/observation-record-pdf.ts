// The observation record of 004 (Appendix 2) as a PDF, and the same layout for a professional discussion or oral questioning.
import type { SupplementaryKind } from "../../core/record-types.ts";
import { ukDateTime } from "../london-time.ts";
import type { ObservationView } from "../view-observation.ts";
import { contentWidth, createDocument, finish, heading, sectionTitle, table } from "./pdf.ts";
import { signatureTable } from "./signature-table.ts";

const TITLES = {
  observation: "Observation records",
  professional_discussion: "Professional discussion record",
  oral_questioning: "Oral questioning record",
} as const;

/** The form's four kinds of supplementary evidence, in its order and words. */
export const SUPPLEMENTARY_WORDS: Record<SupplementaryKind, string> = {
  work_products: "Work products (eg documents, reports etc)",
  photographs: "Photographs",
  e_evidence: "E-evidence (video, audio, MP3 etc)",
  third_party_confirmation: "Confirmation by third party (witness testimony etc)",
};

export async function observationRecordPdf(view: ObservationView, producedOn: string): Promise<Buffer> {
  const method = view.evidence.method as keyof typeof TITLES;
  const title = TITLES[method] ?? TITLES.observation;
  const doc = createDocument({
    title: `${title}: ${view.candidateName}, ${view.evidence.ref}`,
    subject: title,
  });
  heading(
    doc,
    title,
    `Level ${view.level} N/SVQ in Customer Service · produced by Shiftnote on ${producedOn}`,
    [
      ["Candidate name", view.candidateName],
      ["Assessor name", view.assessorName],
      ["Evidence ref", view.evidence.ref],
      ["Held on", ukDateTime(view.record.heldAt)],
      ["Record", view.evidence.title],
    ],
  );
  const width = contentWidth(doc);
  const standards = view.standards.length
    ? view.standards.map((s) => `${s.targetId} ${s.text}`).join("\n")
    : "No criteria claimed yet.";
  table(
    doc,
    [
      {
        header:
          method === "observation"
            ? "Please record what you saw the candidate do"
            : "Notes of the discussion",
        width: width * 0.6,
      },
      { header: "Reference to standards", width: width * 0.4 },
    ],
    [[view.evidence.text, standards]],
    { size: 9 },
  );
  if (view.record.questions.length) {
    sectionTitle(doc, "Questions asked and the candidate's answers");
    table(
      doc,
      [
        { header: "", width: 22, align: "center" },
        { header: "Assessor question", width: (width - 22) / 2 },
        { header: "Candidate answer", width: (width - 22) / 2 },
      ],
      view.record.questions.map((q) => [`${q.number}`, q.question, q.answer]),
      { size: 9 },
    );
  }
  sectionTitle(
    doc,
    "Supplementary evidence (please attach to record or indicate its location. Ensure authentication.)",
  );
  table(
    doc,
    [
      { header: "Kind", width: width * 0.4 },
      { header: "Tick as many as appropriate", width: width * 0.18, align: "center" },
      { header: "Location", width: width * 0.42 },
    ],
    (Object.keys(SUPPLEMENTARY_WORDS) as SupplementaryKind[]).map((kind) => {
      const items = view.record.supplementary.filter((s) => s.kind === kind);
      return [SUPPLEMENTARY_WORDS[kind], items.length ? "Yes" : "", items.map((s) => s.location).join("\n")];
    }),
    { size: 9 },
  );
  signatureTable(doc, [
    { label: "Candidates signature", signature: view.candidateSignature },
    { label: "Assessors signature", signature: view.assessorSignature },
  ]);
  return finish(doc);
}
