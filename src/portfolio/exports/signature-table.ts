// Signature lines as issue 17 prints them: "Confirmed by … on …" and the UK date, or a line left to sign on paper.
import { ukDate } from "../london-time.ts";
import type { SignatureView } from "../signing.ts";
import { contentWidth, type Doc, ensureSpace, table } from "./pdf.ts";

/** One row per signature line of the form: the label, the confirmation (or "Not signed yet") and the date. */
export function signatureTable(
  doc: Doc,
  lines: ReadonlyArray<{ label: string; signature: SignatureView | null | undefined }>,
): void {
  const width = contentWidth(doc);
  ensureSpace(doc, 30 + 24 * lines.length);
  table(
    doc,
    [
      { header: "Signature", width: width * 0.26, bold: true },
      { header: "Confirmation", width: width * 0.54 },
      { header: "Date", width: width * 0.2 },
    ],
    lines.map((l) => [
      l.label,
      l.signature
        ? `${l.signature.line}${l.signature.channel ? ` (${channelWords[l.signature.channel]})` : ""}`
        : "Not signed yet",
      l.signature ? ukDate(l.signature.signedAt) : "",
    ]),
    { size: 9 },
  );
}

const channelWords = {
  teams: "in Microsoft Teams",
  slack: "in Slack",
  web: "on the Shiftnote pages",
} as const;

/** A labelled block of free text, as the form's big boxes ("Feedback to candidate"). */
export function textBox(doc: Doc, label: string, text: string): void {
  table(doc, [{ header: label, width: contentWidth(doc) }], [[text || "—"]], { size: 9 });
}
