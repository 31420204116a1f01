// Reading PDFs back with poppler-utils (pdftotext, pdftoppm), as a person would read them.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const HAS_POPPLER = ["/usr/bin/pdftotext", "/usr/bin/pdftoppm"].every((p) => existsSync(p));

/** The text of a PDF; `layout` keeps columns side by side. */
export function pdfText(bytes: Buffer, layout = false): string {
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", "-", "-"], {
    input: bytes,
    maxBuffer: 32 * 1024 * 1024,
  }).toString("utf8");
}

/** Saves the PDF and a PNG of its first page under test-results/; returns the PNG's path. */
export function savePdfAndFirstPage(bytes: Buffer, name: string, folder = "exports"): string {
  const dir = join(process.cwd(), "test-results", folder);
  mkdirSync(dir, { recursive: true });
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, bytes);
  const prefix = join(dir, name);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, prefix]);
  mkdirSync(dirname(prefix), { recursive: true });
  return `${prefix}.png`;
}

/** The text with every run of white space as one space, for phrases a table cell may wrap. */
export const flat = (text: string) => text.replace(/\s+/g, " ");

/** Number of pages, from pdfinfo's sibling: the form feeds pdftotext puts between pages. */
export const pageCount = (bytes: Buffer) =>
  pdfText(bytes)
    .split("\f")
    .filter((p) => p.trim()).length;
