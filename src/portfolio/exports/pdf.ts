// PDF building blocks over pdfkit: a document with an embedded Unicode font, text it can show, tables that break pages.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

export type Doc = PDFKit.PDFDocument;

/**
 * DejaVu Sans Condensed (the npm package dejavu-fonts-ttf; Bitstream Vera licence, DejaVu changes public domain),
 * embedded and subset in every document, so names such as "Łukasz", "Siobhán" or "Zoë" print as written.
 * Condensed, because its widths are close to Helvetica's, which the forms' columns were laid out for.
 */
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
const FONT_FILES = {
  DejaVuSansCondensed: fontFile("DejaVuSansCondensed"),
  "DejaVuSansCondensed-Bold": fontFile("DejaVuSansCondensed-Bold"),
} as const;

export const FONT = "DejaVuSansCondensed";
export const BOLD = "DejaVuSansCondensed-Bold";
export const MARGIN = 32;

/** Whether the embedded font has a glyph for a code point (read once from the font itself). */
const hasGlyph: (code: number) => boolean = (() => {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(FONT_FILES[FONT]);
  const font = (probe as unknown as { _font?: { font?: { hasGlyphForCodePoint?(c: number): boolean } } })
    ._font?.font;
  const check = font?.hasGlyphForCodePoint?.bind(font);
  return check ? (code: number) => check(code) : () => true;
})();

/**
 * Text the embedded font can show: every letter it has a glyph for stays as written; control characters become
 * spaces; anything else loses its accents where that leaves letters the font has, or becomes "?", so nothing is
 * printed as an empty box.
 */
export function pdfText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\n" || ch === "\t") out += ch;
    else if (code < 32 || (code >= 0x7f && code < 0xa0)) out += " ";
    else if (hasGlyph(code)) out += ch;
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += base && [...base].every((c) => hasGlyph(c.codePointAt(0) ?? 0)) ? base : "?";
    }
  }
  return out;
}

/** A new A4 document with its metadata; `landscape` for the unit recording form's wide matrix. */
export function createDocument(info: { title: string; subject: string; landscape?: boolean }): Doc {
  const doc = new PDFDocument({
    size: "A4",
    layout: info.landscape ? "landscape" : "portrait",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: pdfText(info.title),
      Subject: pdfText(info.subject),
      Author: "Shiftnote",
      Creator: "Shiftnote",
    },
    lang: "en-GB",
    displayTitle: true,
  });
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  doc.font(FONT).fontSize(9);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    addPageNumbers(doc);
    doc.end();
  });
}

function addPageNumbers(doc: Doc) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor("#444444")
      .text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 8, {
        width: doc.page.width - 2 * MARGIN,
        align: "right",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor("black");
}

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom - 10;

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

/** The form's heading: title, subtitle and labelled facts in two columns. */
export function heading(doc: Doc, title: string, subtitle: string, facts: Array<[string, string]>): void {
  doc
    .font(BOLD)
    .fontSize(14)
    .text(pdfText(title), { width: contentWidth(doc) });
  doc.font(FONT).fontSize(9).fillColor("#333333").text(pdfText(subtitle)).fillColor("black");
  doc.moveDown(0.4);
  const x0 = doc.page.margins.left;
  const half = contentWidth(doc) / 2;
  for (let i = 0; i < facts.length; i += 2) {
    const y = doc.y;
    let bottom = y;
    for (const [j, fact] of [facts[i], facts[i + 1]].entries()) {
      if (!fact) continue;
      doc
        .font(BOLD)
        .fontSize(9)
        .text(`${pdfText(fact[0])}: `, x0 + j * half, y, { continued: true });
      doc.font(FONT).text(pdfText(fact[1] || "—"), { width: half - 10 });
      bottom = Math.max(bottom, doc.y);
    }
    doc.x = x0;
    doc.y = bottom + 2;
  }
  doc.moveDown(0.5);
}

export interface Column {
  header: string;
  width: number;
  align?: "left" | "center" | "right";
  bold?: boolean;
}

export interface TableCell {
  text: string;
  /** A grey from 0 (black) to 1 (white) to shade the cell. */
  shade?: number;
  bold?: boolean;
}

const PAD = 3;

function cellHeight(doc: Doc, text: string, width: number, size: number, bold: boolean): number {
  doc.font(bold ? BOLD : FONT).fontSize(size);
  return doc.heightOfString(pdfText(text) || " ", { width: Math.max(4, width - 2 * PAD) }) + 2 * PAD;
}

function drawRow(
  doc: Doc,
  columns: readonly Column[],
  cells: ReadonlyArray<TableCell | string>,
  y: number,
  height: number,
  options: { size: number; header?: boolean },
): void {
  let x = doc.page.margins.left;
  columns.forEach((col, i) => {
    const raw = cells[i] ?? "";
    const cell: TableCell = typeof raw === "string" ? { text: raw } : raw;
    const shade = options.header ? 0.88 : cell.shade;
    if (shade !== undefined) {
      const g = Math.round(shade * 255);
      doc.save().rect(x, y, col.width, height).fill([g, g, g]).restore();
    }
    doc.save().lineWidth(0.5).strokeColor("#555555").rect(x, y, col.width, height).stroke().restore();
    doc
      .fillColor("black")
      .font(options.header || cell.bold || col.bold ? BOLD : FONT)
      .fontSize(options.size)
      .text(pdfText(cell.text), x + PAD, y + PAD, {
        width: Math.max(4, col.width - 2 * PAD),
        align: col.align ?? "left",
      });
    x += col.width;
  });
  // text() moves the cursor; the table advances it by the row's height instead
  doc.x = doc.page.margins.left;
  doc.y = y;
}

/**
 * Draws a table with a repeated header row on each page; `groups` is an optional first header row of spans
 * (e.g. "U/K" over the knowledge letters).
 */
export function table(
  doc: Doc,
  columns: readonly Column[],
  rows: ReadonlyArray<ReadonlyArray<TableCell | string>>,
  options: { size?: number; headerSize?: number; groups?: Array<{ text: string; span: number }> } = {},
): void {
  const size = options.size ?? 8;
  const headerSize = options.headerSize ?? size;
  const drawHeader = () => {
    if (options.groups) {
      const groupColumns: Column[] = [];
      let i = 0;
      for (const g of options.groups) {
        const width = columns.slice(i, i + g.span).reduce((n, c) => n + c.width, 0);
        groupColumns.push({ header: g.text, width, align: "center" });
        i += g.span;
      }
      const h = Math.max(...groupColumns.map((c) => cellHeight(doc, c.header, c.width, headerSize, true)));
      drawRow(
        doc,
        groupColumns,
        groupColumns.map((c) => c.header),
        doc.y,
        h,
        { size: headerSize, header: true },
      );
      doc.y += h;
    }
    const h = Math.max(...columns.map((c) => cellHeight(doc, c.header, c.width, headerSize, true)));
    drawRow(
      doc,
      columns,
      columns.map((c) => c.header),
      doc.y,
      h,
      { size: headerSize, header: true },
    );
    doc.y += h;
  };
  ensureSpace(doc, 40);
  drawHeader();
  for (const row of rows) {
    const h = Math.max(
      ...columns.map((c, i) => {
        const cell = row[i] ?? "";
        const text = typeof cell === "string" ? cell : cell.text;
        const bold = typeof cell === "string" ? false : Boolean(cell.bold);
        return cellHeight(doc, text, c.width, size, bold || Boolean(c.bold));
      }),
    );
    if (doc.y + h > bottomLimit(doc)) {
      doc.addPage();
      drawHeader();
    }
    drawRow(doc, columns, row, doc.y, h, { size });
    doc.y += h;
  }
  doc.x = doc.page.margins.left;
  doc.moveDown(0.6);
}

/** A labelled line to sign on: "Assessor signature ________". */
export function signatureLine(
  doc: Doc,
  label: string,
  x: number,
  y: number,
  width: number,
  value = "",
): void {
  doc.font(BOLD).fontSize(9).text(pdfText(label), x, y, { width, lineBreak: false });
  const lineY = y + 24;
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(x, lineY)
    .lineTo(x + width - 12, lineY)
    .stroke()
    .restore();
  if (value)
    doc
      .font(FONT)
      .fontSize(10)
      .text(pdfText(value), x + 2, lineY - 12, { width: width - 14, lineBreak: false });
}

export function sectionTitle(doc: Doc, text: string): void {
  ensureSpace(doc, 50);
  doc.x = doc.page.margins.left;
  doc.font(BOLD).fontSize(11).text(pdfText(text));
  doc.moveDown(0.3);
  doc.font(FONT).fontSize(9);
}
