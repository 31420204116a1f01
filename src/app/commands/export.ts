// `shiftnote export`: the forms of 004 as PDF and the portfolio as CSV or JSON, for one candidate or a whole centre.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { AppError } from "../../core/errors.ts";
import {
  type CentreExportInput,
  DOCUMENT_KINDS,
  type Document,
  type DocumentKind,
  type Portfolio,
} from "../../portfolio/index.ts";
import { withPortfolio } from "../../portfolio/open-portfolio.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, UsageError } from "../cli-args.ts";
import { loadConfig } from "../config.ts";
import { startProgress } from "../progress.ts";

const usage = `Usage:
  shiftnote export recording-form    --candidate EMAIL --unit UNIT --out FILE.pdf
  shiftnote export assessment-report --candidate EMAIL --unit UNIT --out FILE.pdf
  shiftnote export witness-list      --candidate EMAIL --out FILE.pdf
  shiftnote export portfolio         --candidate EMAIL --format csv|json --out FILE
  shiftnote export KIND --all [--centre NAME] [--format csv|json] --out FOLDER
The unit recording form, assessment report and witness status list are the forms of the City & Guilds
recording documents (004); the portfolio is every piece of evidence, claim and audit event.
--all writes one file per candidate (and per unit for the forms by unit) of a centre into FOLDER, with a
progress bar; --centre names the centre when there is more than one.`;

const CLI = { system: "cli" } as const;

async function save(file: string, doc: Document): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, doc.bytes);
}

async function centreId(portfolio: Portfolio, name: string | undefined): Promise<string> {
  if (name) {
    const centre = await portfolio.centreByName(name);
    if (!centre) throw new AppError("not_found", `There is no centre called "${name}". Check the name.`);
    return centre.id;
  }
  const centres = await portfolio.centres();
  if (centres.length === 1 && centres[0]) return centres[0].id;
  throw new UsageError(
    centres.length
      ? `There are ${centres.length} centres; say which with --centre (${centres.map((c) => `"${c.name}"`).join(", ")}).`
      : "There is no centre yet. Load one first (for example: shiftnote demo).",
  );
}

export const command: Command = {
  summary: "Export recording forms, witness lists and assessment reports as PDF, portfolios as CSV or JSON",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      candidate: { type: "string" },
      unit: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      all: { type: "boolean" },
      centre: { type: "string" },
      quiet: { type: "boolean" },
    });
    const kind = positionals[0] as DocumentKind | undefined;
    if (!kind || !DOCUMENT_KINDS.includes(kind) || positionals.length > 1)
      throw new UsageError(`Say what to export: ${DOCUMENT_KINDS.join(", ")}.`);
    if (!values.out) throw new UsageError("Say where to write it with --out.");
    const format = values.format ?? (kind === "portfolio" ? undefined : "pdf");
    if (kind === "portfolio" && format !== "csv" && format !== "json")
      throw new UsageError("A portfolio is exported with --format csv or --format json.");
    if (kind !== "portfolio" && format !== "pdf")
      throw new UsageError(`The ${kind} is a PDF; leave out --format.`);
    const byUnit = kind === "recording-form" || kind === "assessment-report";
    if (!values.all && !values.candidate)
      throw new UsageError("Say whose with --candidate EMAIL, or use --all.");
    if (!values.all && byUnit && !values.unit)
      throw new UsageError(`Say which unit with --unit (such as 205).`);
    const out = values.out;
    const config = loadConfig();

    return withPortfolio(config.DATABASE_URL, async (portfolio) => {
      if (values.all) {
        const input: CentreExportInput = {
          actor: CLI,
          centreId: await centreId(portfolio, values.centre),
          kind,
          outDir: out,
          ...(format === "csv" || format === "json" ? { format } : {}),
        };
        const planned = await portfolio.plannedDocuments(input);
        const progress = startProgress(`Exporting ${kind}`, planned.length, { quiet: values.quiet ?? false });
        let files: string[];
        try {
          files = await portfolio.exportCentre(input, planned, () => progress.tick());
        } finally {
          progress.stop();
        }
        console.log(`Wrote ${files.length} file${files.length === 1 ? "" : "s"} to ${out}`);
        return 0;
      }
      const email = values.candidate ?? "";
      const candidate = await portfolio.personByEmail(email);
      if (!candidate || candidate.erased)
        throw new AppError("not_found", `Nobody with the email ${email} is in Shiftnote. Check the address.`);
      const base = { actor: CLI, candidateId: candidate.id };
      const unitId = values.unit ?? "";
      const doc =
        kind === "recording-form"
          ? await portfolio.recordingFormDocument({ ...base, unitId })
          : kind === "assessment-report"
            ? await portfolio.assessmentReportDocument({ ...base, unitId })
            : kind === "witness-list"
              ? await portfolio.witnessListDocument(base)
              : await portfolio.portfolioDocument({ ...base, format: format as "csv" | "json" });
      await save(out, doc);
      console.log(`Wrote ${out} (${doc.bytes.length.toLocaleString("en-GB")} bytes)`);
      return 0;
    });
  },
};
