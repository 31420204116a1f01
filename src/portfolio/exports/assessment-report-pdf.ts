// The assessment report of 004 (Appendix 2) for one unit as a PDF: the yes/no questions, comments, outcome, signatures.
import { type AssessmentReport, type FormIdentity, identityFacts } from "./forms.ts";
import {
  BOLD,
  contentWidth,
  createDocument,
  ensureSpace,
  FONT,
  finish,
  heading,
  pdfText,
  sectionTitle,
  signatureLine,
  table,
} from "./pdf.ts";

export async function assessmentReportPdf(
  report: AssessmentReport,
  producedOn: string,
  identity: FormIdentity,
): Promise<Buffer> {
  const doc = createDocument({
    title: `Assessment report, unit ${report.unit.id}: ${report.candidateName}`,
    subject: "Assessment report",
  });
  heading(doc, "Assessment report", `${report.qualification} · produced by Shiftnote on ${producedOn}`, [
    ["Candidate's name", report.candidateName],
    ["Assessor's name", report.assessorName],
    ...identityFacts(identity),
    ["Unit", `${report.unit.id} ${report.unit.title}`],
    ["Skills/Knowledge", "Performance criteria, ranges and knowledge of the unit"],
  ]);
  const width = contentWidth(doc);
  table(
    doc,
    [
      { header: "Question", width: width * 0.45 },
      { header: "Yes or no", width: width * 0.12, align: "center" },
      { header: "From the portfolio", width: width * 0.43 },
    ],
    report.questions.map((q) => [
      q.question,
      { text: q.answer ?? "Yes / No", bold: q.answer !== null },
      q.note,
    ]),
    { size: 8.5 },
  );

  sectionTitle(doc, "Evidence considered");
  table(
    doc,
    [
      { header: "Ref", width: 40 },
      { header: "Title", width: width - 40 - 110 - 80 - 70 },
      { header: "Method", width: 110 },
      { header: "Status", width: 80 },
      { header: "Authenticated", width: 70, align: "center" },
    ],
    report.evidence.length
      ? report.evidence.map((e) => [e.ref, e.title, e.method, e.status, e.authenticated ? "Yes" : "No"])
      : [["", "No filed evidence counts towards this unit yet.", "", "", ""]],
    { size: 8.5 },
  );

  sectionTitle(doc, "Assessor's comments");
  if (report.comments.length)
    table(
      doc,
      [
        { header: "Ref", width: 40 },
        { header: "Decision", width: 110 },
        { header: "Comment", width: width - 150 },
      ],
      report.comments.map((c) => [c.ref, `${c.outcome}${c.on ? ` on ${c.on}` : ""}`, c.comment]),
      { size: 8.5 },
    );
  else doc.font(FONT).fontSize(9).text("No comments recorded.").moveDown(0.5);

  for (const label of ["Assessor questions", "Candidate answers"]) {
    ensureSpace(doc, 80);
    sectionTitle(doc, label);
    const x = doc.page.margins.left;
    for (let i = 0; i < 3; i++) {
      const y = doc.y + 16;
      doc
        .save()
        .lineWidth(0.4)
        .strokeColor("#777777")
        .moveTo(x, y)
        .lineTo(x + width, y)
        .stroke()
        .restore();
      doc.y = y;
    }
    doc.moveDown(1);
  }

  sectionTitle(doc, "Outcome of assessment");
  doc.font(BOLD).fontSize(10).text(pdfText(report.outcome), { width });
  doc.moveDown(1);
  ensureSpace(doc, 90);
  const x = doc.page.margins.left;
  let y = doc.y;
  signatureLine(doc, "Assessor signature", x, y, width / 2);
  signatureLine(doc, "Date", x + width / 2, y, width / 2, report.date ?? "");
  y += 40;
  signatureLine(doc, "Candidate signature", x, y, width / 2);
  signatureLine(doc, "Date", x + width / 2, y, width / 2, "");
  doc.x = x;
  doc.y = y + 40;
  return finish(doc);
}
