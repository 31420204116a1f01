// The unit recording form of 004 (Appendix 1) as a PDF: criteria × U/K letters × evidence-requirement ranges, refs, sign-off.
import type { MatrixCell, RecordingForm } from "../recording-form.ts";
import { type FormIdentity, identityFacts, type SignOff } from "./forms.ts";
import { EVIDENCE_METHOD_WORDS } from "./method-words.ts";
import {
  BOLD,
  type Column,
  contentWidth,
  createDocument,
  ensureSpace,
  FONT,
  finish,
  heading,
  pdfText,
  sectionTitle,
  signatureLine,
  type TableCell,
  table,
} from "./pdf.ts";

/** Location refs as printed: assessed ones plain, claimed ones marked with "*". */
export const refsText = (cell: MatrixCell): string =>
  cell.refs.map((r) => (cell.done.includes(r) ? r : `${r}*`)).join(", ");

const mark = (cell: MatrixCell): TableCell =>
  cell.state === "assessed"
    ? { text: "A", shade: 0.8, bold: true }
    : cell.state === "claimed"
      ? { text: "C", shade: 0.94 }
      : { text: "" };

const ofTotal = (t: { assessed: number; total: number }) =>
  t.total ? `${t.assessed} of ${t.total}` : "none listed in the standards";

const qualificationTitle = (level: number) => `Level ${level} N/SVQ in Customer Service`;

/** The matrix's type sizes, largest first: a smaller one is tried when the sign-off would be left alone on a page. */
const MATRIX_SIZES = [7.5, 7, 6.5, 6] as const;

/**
 * Renders the form; `producedOn` is the date printed as the form's date of production. The sign-off follows the
 * matrix, as at the foot of the paper form, and is never left on a page of its own: when it would be, the matrix is
 * set a little smaller. The keys to the U/K letters and the range columns come after.
 */
export async function recordingFormPdf(
  form: RecordingForm,
  signOff: SignOff,
  producedOn: string,
  identity: FormIdentity,
): Promise<Buffer> {
  for (const size of MATRIX_SIZES) {
    const drawn = draw(form, signOff, producedOn, identity, size);
    if (drawn.signOffWithMatrix || size === MATRIX_SIZES.at(-1)) return finish(drawn.doc);
  }
  throw new Error("unreachable");
}

function draw(
  form: RecordingForm,
  signOff: SignOff,
  producedOn: string,
  identity: FormIdentity,
  matrixSize: number,
): { doc: ReturnType<typeof createDocument>; signOffWithMatrix: boolean } {
  const doc = createDocument({
    title: `Unit ${form.unit.id} recording form: ${form.candidate.name}`,
    subject: `Unit recording form for unit ${form.unit.id} ${form.unit.title}`,
    landscape: true,
  });
  heading(
    doc,
    `Unit ${form.unit.id} ${form.unit.title}`,
    `Unit recording form · ${qualificationTitle(form.level)} · produced by Shiftnote on ${producedOn}`,
    [
      ["Candidate", `${form.candidate.name} (${form.candidate.email})`],
      ["Assessor", form.assessor?.name ?? ""],
      ...identityFacts(identity),
      ["Criteria assessed", ofTotal(form.tally.criteria)],
      ["Knowledge assessed", ofTotal(form.tally.knowledge)],
      ["Ranges assessed", ofTotal(form.tally.ranges)],
    ],
  );
  if (!form.unit.standardsKnown) {
    doc
      .font(BOLD)
      .text(
        pdfText(
          "The standards of this unit are not in Shiftnote's catalogue yet: fill in this form by hand from the standards.",
        ),
      );
  }

  // the matrix: widths shrink to fit the landscape page
  const knowledge = form.columns.filter((c) => c.kind === "knowledge");
  const ranges = form.columns.filter((c) => c.kind === "range");
  const width = contentWidth(doc);
  const refWidth = 110;
  let letterWidth = 15;
  let rangeWidth = 21;
  const minStandards = 210;
  const narrow = () => knowledge.length * letterWidth + ranges.length * rangeWidth;
  while (width - refWidth - narrow() < minStandards && rangeWidth > 12) {
    letterWidth = Math.max(11, letterWidth - 1);
    rangeWidth -= 1;
  }
  const standardsWidth = width - refWidth - narrow();
  const columns: Column[] = [
    { header: "Standards", width: standardsWidth },
    ...knowledge.map((c) => ({ header: c.label, width: letterWidth, align: "center" as const })),
    ...ranges.map((c) => ({
      header: c.label.replace(/^ER/, ""),
      width: rangeWidth,
      align: "center" as const,
    })),
    { header: "Location ref", width: refWidth },
  ];
  const groups = [
    { text: "", span: 1 },
    ...(knowledge.length ? [{ text: "U/K", span: knowledge.length }] : []),
    ...(ranges.length ? [{ text: "Evidence requirements", span: ranges.length }] : []),
    { text: "", span: 1 },
  ];
  const rows = form.rows.map((row) => [
    { text: `${row.id} ${row.text}` },
    ...row.cells.map(mark),
    { text: refsText(row.own) },
  ]);
  table(doc, columns, rows, {
    size: matrixSize,
    headerSize: matrixSize,
    ...(form.columns.length ? { groups } : {}),
  });
  doc
    .font(FONT)
    .fontSize(matrixSize)
    .text(
      pdfText(
        "A = assessed: the assessor accepted the criterion and this knowledge item or range on the same piece of evidence. " +
          "C = claimed together, waiting for assessment. Location refs are Shiftnote evidence references; * = claimed, not yet assessed. " +
          "Evidence-requirement columns read 4a = ER4 range a.",
      ),
      { width },
    );
  doc.moveDown(0.6);

  // sign-off, as at the foot of the paper form
  const pagesBefore = doc.bufferedPageRange().count;
  ensureSpace(doc, 120);
  const signOffWithMatrix = doc.bufferedPageRange().count === pagesBefore;
  const x = doc.page.margins.left;
  const third = width / 3;
  let y = doc.y + 4;
  signatureLine(doc, "Assessor signature", x, y, third);
  signatureLine(doc, "Print name", x + third, y, third, signOff.assessorName);
  signatureLine(doc, "Date completed", x + 2 * third, y, third, signOff.dateCompleted ?? "");
  y += 40;
  const label = "Sampled by internal verifier:";
  doc.font(BOLD).fontSize(10);
  const labelWidth = doc.widthOfString(label);
  doc.font(FONT);
  const gap = doc.widthOfString("  ");
  const yesWidth = doc.widthOfString("YES");
  const slash = doc.widthOfString(" / ");
  const noWidth = doc.widthOfString("NO");
  doc.font(BOLD).text(label, x, y, { continued: true });
  doc.font(FONT).text("  YES / NO", { continued: true });
  doc.font(BOLD).text(`      (recorded: ${signOff.sampled ? "YES" : "NO"})`);
  const start = x + labelWidth + gap;
  const [centre, half] = signOff.sampled
    ? [start + yesWidth / 2, yesWidth / 2]
    : [start + yesWidth + slash + noWidth / 2, noWidth / 2];
  doc
    .save()
    .lineWidth(0.8)
    .ellipse(centre, y + 4, half + 3, 7.5)
    .stroke()
    .restore();
  y += 22;
  signatureLine(doc, "Internal verifier signature", x, y, third);
  signatureLine(doc, "Print name", x + third, y, third, signOff.sampled ? signOff.verifierName : "");
  signatureLine(doc, "Date verified", x + 2 * third, y, third, signOff.dateVerified ?? "");
  doc.x = x;
  doc.y = y + 40;
  doc.moveDown(1);

  // what each letter and range column means, with its own location refs
  if (knowledge.length) {
    sectionTitle(doc, "U/K: knowledge and understanding");
    table(
      doc,
      [
        { header: "", width: 22, align: "center" },
        { header: "Knowledge item", width: width - 22 - 150 },
        { header: "Location ref", width: 150 },
      ],
      knowledge.map((k) => [{ text: k.label, bold: true }, k.text, refsText(k.own)]),
      { size: 8 },
    );
  }
  if (ranges.length) {
    sectionTitle(doc, "Evidence requirements: ranges");
    table(
      doc,
      [
        { header: "", width: 34, align: "center" },
        { header: "Range", width: width - 34 - 150 },
        { header: "Location ref", width: 150 },
      ],
      ranges.map((r) => [{ text: r.label, bold: true }, r.text, refsText(r.own)]),
      { size: 8 },
    );
  }

  // each location ref with how it was gathered: the assessor's own observations and discussions show as such
  if (form.evidence.length) {
    sectionTitle(doc, "Location refs: how each piece of evidence was gathered");
    table(
      doc,
      [
        { header: "Ref", width: 60 },
        { header: "Method", width: width - 60 },
      ],
      form.evidence.map((e) => [{ text: e.ref, bold: true }, EVIDENCE_METHOD_WORDS[e.method] ?? e.method]),
      { size: 8 },
    );
  }

  return { doc, signOffWithMatrix };
}
