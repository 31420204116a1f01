// Use cases for the documents: each authorises through the portfolio use cases, then renders one file.
import { formatDay } from "../../core/dates.ts";
import { AppError } from "../../core/errors.ts";
import { type CandidateRecords, candidateRecords } from "../candidate-records.ts";
import type { Actor, PortfolioContext } from "../context.ts";
import { expertStatementView } from "../expert-witness-view.ts";
import { exportPortfolio } from "../export-portfolio.ts";
import { getRecordingForm } from "../recording-form.ts";
import { assessmentReportPdf } from "./assessment-report-pdf.ts";
import {
  buildAssessmentReport,
  buildSignOff,
  buildWitnessList,
  type ExpertTestimony,
  type FormIdentity,
} from "./forms.ts";
import { portfolioCsv } from "./portfolio-csv.ts";
import { recordingFormPdf } from "./recording-form-pdf.ts";
import { witnessListPdf } from "./witness-list-pdf.ts";

export interface Document {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export const DOCUMENT_KINDS = ["recording-form", "witness-list", "assessment-report", "portfolio"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** "Amira Hussain" → "amira-hussain", for file names. */
export const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "candidate";

const today = (ctx: PortfolioContext) => formatDay(ctx.now());

/** The centre and registration a form prints: from the enrolment that holds the unit (else the first one). */
async function identityOf(
  ctx: PortfolioContext,
  records: CandidateRecords,
  unitId?: string,
): Promise<FormIdentity> {
  const enrolment =
    (unitId ? records.enrolments.find((e) => e.unitIds.includes(unitId)) : undefined) ??
    records.enrolments[0];
  const centre = await ctx.store.people.centreById(enrolment?.centreId ?? records.candidate.centreId);
  return {
    centreName: centre?.name ?? "",
    centreNumber: centre?.number ?? null,
    registrationNumber: enrolment?.registrationNumber ?? null,
  };
}

/** The unit recording form of one candidate and unit. */
export async function recordingFormDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string; unitId: string },
): Promise<Document> {
  const form = await getRecordingForm(ctx, input);
  const records = await candidateRecords(ctx, input);
  const bytes = await recordingFormPdf(
    form,
    buildSignOff(records, input.unitId),
    today(ctx),
    await identityOf(ctx, records, input.unitId),
  );
  return {
    filename: `recording-form-${slug(form.candidate.name)}-unit-${input.unitId}.pdf`,
    contentType: "application/pdf",
    bytes,
  };
}

/** The witness status list (N/SVQ5) of one candidate. */
export async function witnessListDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string },
): Promise<Document> {
  const records = await candidateRecords(ctx, input);
  const level = records.enrolments[0]?.level ?? 2;
  return {
    filename: `witness-status-list-${slug(records.candidate.name)}.pdf`,
    contentType: "application/pdf",
    bytes: await witnessListPdf(
      buildWitnessList(records, await expertTestimonies(ctx, records)),
      level,
      today(ctx),
      await identityOf(ctx, records),
    ),
  };
}

/** The expert witness statements among the candidate's filed evidence, as the witness status list lists them. */
async function expertTestimonies(
  ctx: PortfolioContext,
  records: CandidateRecords,
): Promise<ExpertTestimony[]> {
  const out: ExpertTestimony[] = [];
  for (const e of records.evidence) {
    if (e.status === "draft" || e.method !== "witness_testimony") continue;
    const statement = await ctx.store.expertWitnesses.statementOfEvidence(e.id);
    const view = statement ? await expertStatementView(ctx, statement) : null;
    if (!view) continue;
    const signature = view.signatures.find((s) => s.personId === view.witness.personId);
    out.push({
      witnessId: view.witness.personId,
      name: view.witness.name,
      contact: view.contact,
      position: view.witness.position,
      statusCategory: view.witness.assessmentQualification ? 1 : 3,
      relationship: view.relationship,
      unitId: view.unitId,
      evidenceRef: e.ref,
      signedAt: signature?.signedAt ?? view.createdAt,
    });
  }
  return out;
}

/** The assessment report of one candidate and unit. */
export async function assessmentReportDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string; unitId: string },
): Promise<Document> {
  const records = await candidateRecords(ctx, input);
  if (!records.enrolments.some((e) => e.unitIds.includes(input.unitId)))
    throw new AppError(
      "not_found",
      `Unit ${input.unitId} is not on this candidate's plan. Open their portfolio to see the units they are taking.`,
    );
  const report = buildAssessmentReport(records, input.unitId, ctx.catalogue);
  return {
    filename: `assessment-report-${slug(records.candidate.name)}-unit-${input.unitId}.pdf`,
    contentType: "application/pdf",
    bytes: await assessmentReportPdf(report, today(ctx), await identityOf(ctx, records, input.unitId)),
  };
}

/** The whole portfolio as JSON or CSV (the candidate, an admin of their centre, or the command line). */
export async function portfolioDocument(
  ctx: PortfolioContext,
  input: { actor: Actor; candidateId: string; format: "json" | "csv" },
): Promise<Document> {
  const data = await exportPortfolio(ctx, input);
  const name = `portfolio-${slug(data.person.name)}`;
  return input.format === "csv"
    ? {
        filename: `${name}.csv`,
        contentType: "text/csv; charset=utf-8",
        bytes: Buffer.from(portfolioCsv(data), "utf8"),
      }
    : {
        filename: `${name}.json`,
        contentType: "application/json; charset=utf-8",
        bytes: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, "utf8"),
      };
}
