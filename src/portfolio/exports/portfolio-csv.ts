// A portfolio export as CSV: one row per claim (evidence with no claim gets one row), for spreadsheets.
import { ukStamp } from "../../core/dates.ts";
import type { PortfolioExport } from "../export-portfolio.ts";

export const CSV_COLUMNS = [
  "candidate_email",
  "evidence_ref",
  "title",
  "status",
  "version",
  "source",
  "method",
  "setting",
  "occurred_on",
  "created_at",
  "updated_at",
  "unit",
  "claim_kind",
  "claim_target",
  "claim_decision",
  "claim_comment",
  "proposed_by",
  "support",
  "witness_testimony_given",
  "account",
] as const;

/**
 * One CSV field: quoted when needed; a leading =, +, - or @ is neutralised with an apostrophe so a spreadsheet
 * never runs a candidate's words as a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function portfolioCsv(data: PortfolioExport): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of data.evidence) {
    const base = [
      data.person.email,
      e.ref,
      e.title,
      e.status,
      e.version,
      e.source,
      e.method,
      e.setting,
      e.occurredOn,
      ukStamp(e.createdAt),
      ukStamp(e.updatedAt),
    ];
    const given = e.witnessRequests.filter((w) => w.status === "given").length;
    const claims = e.claims.filter((c) => c.active);
    if (!claims.length)
      lines.push([...base, "", "", "", "", "", "", "", given, e.text].map(csvField).join(","));
    for (const c of claims)
      lines.push(
        [...base, c.unitId, c.kind, c.targetId, c.decision, c.comment, c.proposedBy, c.support, given, e.text]
          .map(csvField)
          .join(","),
      );
  }
  return `${lines.join("\r\n")}\r\n`;
}
