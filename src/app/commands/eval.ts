// `npm run eval -- FILE.jsonl [--mapper offline|llm|baseline] [--by-register]`: scores a mapper on a labelled set; last stdout line is the JSON summary.
import { pathToFileURL } from "node:url";
import { isAppError } from "../../core/errors.ts";
import { mapWithBaseline } from "../../mapping/baseline.ts";
import { readEvalSet } from "../../mapping/eval-set.ts";
import { evaluate, type MapFn } from "../../mapping/evaluate.ts";
import type { MetricSummary } from "../../mapping/metrics.ts";
import { readModelFile } from "../../mapping/model.ts";
import { mapEvidence } from "../../mapping/offline.ts";
import { formatSituationBreakdown, type SituationBreakdown } from "../../mapping/situations.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, UsageError } from "../cli-args.ts";

const USAGE = `Usage: npm run eval -- FILE.jsonl [--mapper offline|llm|baseline] [--details] [--by-register]

Scores a mapper on a labelled set (shared/eval/FORMAT.md). The last line on stdout is one JSON
object: n, pc_recall_at_10, pc_precision_at_5, unit_f1, range_f1, not_evidence_accuracy, p50_ms,
p95_ms, pc_shown_precision, pc_shown_recall (of the criteria the card shows) and claims_shown_median.
A per-kind breakdown, one line per situation (how often its situation and ranges are found and wrongly
found), and with --details one line of figures per text go to stderr.
--by-register also prints to stderr the training corpus's cross-validation figures (holding out one
register, then one workplace, at a time, with the same per-situation lines) stored with the model by
\`npm run train\`; with no FILE it prints only those.`;

/** Thrown when the LLM mapper is asked for but cannot be used; exit code 2. */
class MapperUnavailable extends Error {}

async function llmMapper(): Promise<MapFn> {
  let module: Record<string, unknown>;
  try {
    // A variable specifier keeps TypeScript from requiring the module at compile time.
    const specifier = "../../mapping/llm.ts";
    module = (await import(specifier)) as Record<string, unknown>;
  } catch {
    throw new MapperUnavailable("The LLM mapper (src/mapping/llm.ts) is not available in this build.");
  }
  const map = module.mapEvidenceWithLlm;
  if (typeof map !== "function")
    throw new MapperUnavailable("src/mapping/llm.ts does not export mapEvidenceWithLlm.");
  const { loadConfig } = await import("../config.ts");
  const config = loadConfig();
  return (text, options) => map(text, options, config);
}

async function mapperNamed(name: string): Promise<MapFn> {
  if (name === "offline") return (text, options) => mapEvidence(text, options);
  if (name === "baseline") return (text, options) => mapWithBaseline(text, options);
  if (name === "llm") return llmMapper();
  throw new UsageError(`Unknown mapper "${name}": use offline, llm or baseline.`);
}

function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    if (total < 20) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write("\n");
  };
}

const fmt = (s: MetricSummary) =>
  `n=${s.n} recall@10=${s.pc_recall_at_10.toFixed(3)} precision@5=${s.pc_precision_at_5.toFixed(3)} unit_f1=${s.unit_f1.toFixed(3)} range_f1=${s.range_f1.toFixed(3)} not_evidence=${s.not_evidence_accuracy.toFixed(3)} shown_p=${s.pc_shown_precision.toFixed(3)} shown_r=${s.pc_shown_recall.toFixed(3)} shown_median=${s.claims_shown_median} p50=${s.p50_ms}ms p95=${s.p95_ms}ms`;

/** The cross-validation figures stored with the model, one line per held-out register and workplace. */
function crossValidationReport(): string {
  const model = readModelFile()?.file;
  if (!model) return "No trained model (data/training/model/mapper-model.json); run `npm run train`.\n";
  const lines: string[] = [
    `training corpus: ${model.counts.sentences} sentences, ${model.counts.accounts} accounts, ${model.counts.notEvidence} not-evidence texts (model ${model.corpusHash.slice(0, 8)}, seed ${model.seed})`,
  ];
  for (const name of ["register", "workplace"]) {
    const part = model.crossValidation[name] as
      | {
          pooled: MetricSummary;
          byGroup: Record<string, MetricSummary & { held_out_n: number }>;
          situations?: SituationBreakdown;
        }
      | undefined;
    if (!part) continue;
    lines.push(`cross-validation, holding out one ${name} at a time:`);
    for (const [key, s] of Object.entries(part.byGroup))
      lines.push(`  ${key.padEnd(16)} ${fmt(s).replace(/ p50=.*$/, "")}`);
    lines.push(`  ${"all held out".padEnd(16)} ${fmt(part.pooled).replace(/ p50=.*$/, "")}`);
    if (part.situations)
      lines.push("  by situation (all held out):", ...formatSituationBreakdown(part.situations, "    "));
  }
  lines.push(`thresholds: ${JSON.stringify(model.thresholds)}`);
  return `${lines.join("\n")}\n`;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      mapper: { type: "string", default: "offline" },
      details: { type: "boolean", default: false },
      "by-register": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const file = positionals[0];
    if (values["by-register"]) {
      process.stderr.write(crossValidationReport());
      if (!file) return 0;
    }
    if (!file || positionals.length > 1)
      throw new UsageError("Give exactly one labelled set (a .jsonl file).");
    const items = readEvalSet(file);
    const map = await mapperNamed(String(values.mapper));
    const report = await evaluate(items, map, progressBar());
    process.stderr.write(`mapper: ${values.mapper}\n`);
    for (const [kind, summary] of Object.entries(report.byKind))
      process.stderr.write(`  ${kind.padEnd(12)} ${fmt(summary)}\n`);
    process.stderr.write(
      `  by situation:\n${formatSituationBreakdown(report.situations, "    ").join("\n")}\n`,
    );
    if (values.details)
      for (const s of report.scores)
        process.stderr.write(
          `  ${s.id.padEnd(10)} ${s.kind.padEnd(12)} recall@10=${s.pcRecallAt10?.toFixed(2) ?? "-"} p@5=${s.pcPrecisionAt5?.toFixed(2) ?? "-"} unit_f1=${s.unitF1?.toFixed(2) ?? "-"} range_f1=${s.rangeF1?.toFixed(2) ?? "-"} ne=${s.notEvidenceCorrect ?? "-"} shown=${s.claimsShown ?? "-"} ${s.ms.toFixed(1)}ms\n`,
        );
    process.stdout.write(`${JSON.stringify(report.summary)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof MapperUnavailable) {
      process.stderr.write(`${error.message} Use --mapper offline or --mapper baseline.\n`);
      return 2;
    }
    if (isAppError(error)) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export const command: Command = {
  summary: "score a mapper on a labelled set (npm run eval)",
  usage: USAGE,
  run: (args) => main(args),
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
