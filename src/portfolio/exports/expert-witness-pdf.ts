// The record of expert witness and the expert witness statement of 004 (Appendix 2) as PDFs.

import type { Catalogue } from "../../standards/catalogue.ts";
import {
  EXPERT_WITNESS_REQUIREMENTS,
  type ExpertStatementView,
  type ExpertWitnessView,
} from "../expert-witness-view.ts";
import { ukDateTime } from "../london-time.ts";
import { standardText as standardTextOf } from "../view-observation.ts";
import { BOLD, contentWidth, createDocument, FONT, finish, heading, pdfText, table } from "./pdf.ts";
import { signatureTable, textBox } from "./signature-table.ts";

export async function expertWitnessRecordPdf(record: ExpertWitnessView, producedOn: string): Promise<Buffer> {
  const doc = createDocument({
    title: `Record of expert witness: ${record.name}`,
    subject: "Record of expert witness",
  });
  heading(doc, "Record of expert witness", `Produced by Shiftnote on ${producedOn}`, [
    ["Expert witness name", `${record.name}, ${record.position}`],
    ["Name of assessment site", record.site],
    ["Units", record.unitIds.join(", ")],
  ]);
  const width = contentWidth(doc);
  table(
    doc,
    [
      { header: "Expert witness should at least:", width: width * 0.5 },
      { header: "Reference to standards", width: width * 0.5 },
    ],
    [
      [EXPERT_WITNESS_REQUIREMENTS.experience, `${record.experienceYears} years. ${record.experience}`],
      [EXPERT_WITNESS_REQUIREMENTS.standardsKnowledge, record.standardsKnowledge],
      [EXPERT_WITNESS_REQUIREMENTS.cpd, record.cpd],
    ],
    { size: 9 },
  );
  doc.font(FONT).fontSize(9).text(pdfText(EXPERT_WITNESS_REQUIREMENTS.desirable), { width });
  doc.moveDown(0.3);
  doc.font(BOLD).text("Assessment qualification or post: ", { continued: true });
  doc.font(FONT).text(pdfText(record.assessmentQualification || "None stated."), { width });
  doc.moveDown(0.6);
  const signed = (kind: string) => record.signatures.find((s) => s.kind === kind) ?? null;
  signatureTable(doc, [
    { label: "Witness signature", signature: signed("expert_witness_record") },
    { label: "IV signature (centre's confirmation)", signature: signed("expert_witness_confirmation") },
  ]);
  return finish(doc);
}

export async function expertStatementPdf(
  statement: ExpertStatementView,
  catalogue: Catalogue,
  level: number,
  producedOn: string,
): Promise<Buffer> {
  const doc = createDocument({
    title: `Expert witness statement: ${statement.candidateName}, unit ${statement.unitId}`,
    subject: "Expert witness statement",
  });
  heading(
    doc,
    "Expert witness statement",
    `Level ${level} N/SVQ in Customer Service · produced by Shiftnote on ${producedOn}`,
    [
      ["Candidates name", statement.candidateName],
      ["Assessors name", statement.assessorName],
      ["Unit", `${statement.unitId} ${statement.unitTitle}`],
      ["Skills/Knowledge", statement.skillsKnowledge],
      ["Venue", statement.venue],
      ["Date and time", ukDateTime(statement.occurredAt)],
      ["Evidence ref", statement.evidenceRef],
    ],
  );
  const width = contentWidth(doc);
  textBox(
    doc,
    "Candidate statement: description of activity to be assessed by the witness",
    statement.activity,
  );
  textBox(
    doc,
    "Witness statement: description and authentication of the activity, and the extent to which the candidate is competent",
    statement.text,
  );
  table(
    doc,
    [
      { header: "Against the standards", width: 70 },
      { header: "", width: width - 70 },
    ],
    statement.claims.map((c) => [c.targetId, standardTextOf(catalogue, c.targetId)]),
    { size: 9 },
  );
  table(
    doc,
    [
      { header: "Witness details", width: width * 0.3 },
      { header: "", width: width * 0.7 },
    ],
    [
      ["Name", statement.witness.name],
      ["Position/job title", statement.witness.position],
      ["Relationship to candidate", statement.relationship],
      ["Contact details", statement.contact],
    ],
    { size: 9 },
  );
  const signed = (id: string) => statement.signatures.find((s) => s.personId === id) ?? null;
  signatureTable(doc, [
    { label: "Witness signature", signature: signed(statement.witness.personId) },
    { label: "Candidate signature", signature: signed(statement.candidateId) },
  ]);
  return finish(doc);
}
