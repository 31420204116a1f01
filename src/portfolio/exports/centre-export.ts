// Whole-centre exports: one document per candidate (and unit) into a folder, reporting progress as it goes.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Actor, PortfolioContext } from "../context.ts";
import {
  assessmentReportDocument,
  type Document,
  type DocumentKind,
  portfolioDocument,
  recordingFormDocument,
  witnessListDocument,
} from "./documents.ts";

export interface CentreExportInput {
  actor: Actor;
  centreId: string;
  kind: DocumentKind;
  format?: "csv" | "json";
  outDir: string;
}

/** Every document the export will write: one per candidate, or one per candidate and unit on their plan. */
export async function plannedDocuments(
  ctx: PortfolioContext,
  input: Pick<CentreExportInput, "centreId" | "kind">,
): Promise<Array<{ candidateId: string; unitId?: string }>> {
  const candidates = (await ctx.store.people.inCentre(input.centreId)).filter(
    (p) => p.roles.includes("candidate") && !p.erased,
  );
  const out: Array<{ candidateId: string; unitId?: string }> = [];
  for (const c of candidates) {
    const enrolments = await ctx.store.enrolments.ofCandidate(c.id);
    if (!enrolments.length) continue;
    if (input.kind === "recording-form" || input.kind === "assessment-report")
      for (const unitId of [...new Set(enrolments.flatMap((e) => e.unitIds))])
        out.push({ candidateId: c.id, unitId });
    else out.push({ candidateId: c.id });
  }
  return out;
}

/** Writes every planned document into `outDir`; `onDocument` is called after each (for a progress bar). */
export async function exportCentre(
  ctx: PortfolioContext,
  input: CentreExportInput,
  planned: Array<{ candidateId: string; unitId?: string }>,
  onDocument: (file: string) => void = () => {},
): Promise<string[]> {
  await mkdir(input.outDir, { recursive: true });
  const written: string[] = [];
  for (const item of planned) {
    let doc: Document;
    const base = { actor: input.actor, candidateId: item.candidateId };
    if (input.kind === "recording-form")
      doc = await recordingFormDocument(ctx, { ...base, unitId: item.unitId ?? "" });
    else if (input.kind === "assessment-report")
      doc = await assessmentReportDocument(ctx, { ...base, unitId: item.unitId ?? "" });
    else if (input.kind === "witness-list") doc = await witnessListDocument(ctx, base);
    else doc = await portfolioDocument(ctx, { ...base, format: input.format ?? "json" });
    const file = join(input.outDir, doc.filename);
    await writeFile(file, doc.bytes);
    written.push(file);
    onDocument(file);
  }
  return written;
}
