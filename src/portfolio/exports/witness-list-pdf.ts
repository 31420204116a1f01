// The witness status list of 004 (form N/SVQ5) as a PDF, with the five witness status categories.
import { type FormIdentity, identityFacts, type WitnessList } from "./forms.ts";
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

export async function witnessListPdf(
  list: WitnessList,
  level: number,
  producedOn: string,
  identity: FormIdentity,
): Promise<Buffer> {
  const doc = createDocument({
    title: `Witness status list: ${list.candidateName}`,
    subject: "Witness status list (N/SVQ5)",
  });
  heading(
    doc,
    "Witness status list",
    `Level ${level} N/SVQ in Customer Service · produced by Shiftnote on ${producedOn}`,
    [
      ["Candidate name", list.candidateName],
      ["Assessor name", list.assessorName],
      ...identityFacts(identity),
    ],
  );
  const width = contentWidth(doc);
  const rows = list.entries.map((w) => [
    `${w.name}${w.jobTitle ? `, ${w.jobTitle}` : ""}${w.expert ? "\nExpert witness" : ""}\n${w.contact}`,
    `${w.statusCategory}`,
    w.relationship,
    `${w.units.join(", ")}\n(evidence ${w.evidenceRefs.join(", ")})`,
    "",
    w.signedOn,
  ]);
  if (!rows.length)
    rows.push(["No witness has given testimony on this candidate's filed evidence yet.", "", "", "", "", ""]);
  table(
    doc,
    [
      { header: "Name and contact address of witness", width: width * 0.27 },
      { header: "Witness status", width: width * 0.09, align: "center" },
      { header: "Professional relationship", width: width * 0.17 },
      { header: "Units witnessed", width: width * 0.18 },
      { header: "Witness signature", width: width * 0.17 },
      { header: "Date", width: width * 0.12 },
    ],
    rows,
    { size: 8.5 },
  );
  doc
    .font(FONT)
    .fontSize(8.5)
    .text(
      pdfText(
        "Include all witnesses who have signed candidate evidence or witnessed a report. Ensure that the witness signs the details as correct. " +
          "Date: the day the witness signed their testimony in Shiftnote.",
      ),
      { width },
    );
  doc.moveDown(0.8);
  ensureSpace(doc, 60);
  const x = doc.page.margins.left;
  const y = doc.y;
  signatureLine(doc, "Assessor name", x, y, width / 2, list.assessorName);
  signatureLine(doc, "Date", x + width / 2, y, width / 2, "");
  doc.x = x;
  doc.y = y + 40;
  sectionTitle(doc, "Witness Status Categories.");
  for (const [n, text] of Object.entries(list.categories)) {
    doc.font(BOLD).fontSize(9).text(`${n}. `, { continued: true });
    doc.font(FONT).text(pdfText(text));
  }
  return finish(doc);
}
