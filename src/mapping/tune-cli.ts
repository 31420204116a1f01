// `node --import tsx src/mapping/tune-cli.ts FILE.jsonl '{"knob":[a,b]}'`: grid-searches scalar tuning knobs on half A of a labelled set and confirms on half B.
import { pathToFileURL } from "node:url";
import { loadCatalogue } from "../standards/catalogue.ts";
import { readEvalSet } from "./eval-set.ts";
import { evaluate } from "./evaluate.ts";
import { indexFor } from "./mapper-index.ts";
import type { MetricSummary } from "./metrics.ts";
import { DEFAULT_TUNING, mapWithTuning, type Tuning } from "./offline.ts";

const USAGE = `Usage: node --import tsx src/mapping/tune-cli.ts FILE.jsonl [GRID] [--top N]

GRID is a JSON object of knob → list of values, e.g. '{"unitRelative":[0.6,0.7],"s.threshold":[0.75,1]}'
("s." names a situation knob). Every combination is scored on half A (0-based even lines) and half B
(odd lines); rows are ranked by half A (recall@10 + precision@5 + unit F1 + range F1), so half B
shows whether a setting generalises. Not-evidence texts are left out (the knobs do not touch the gate).`;

type Grid = Record<string, number[]>;

function* combinations(
  grid: Grid,
  keys = Object.keys(grid),
  i = 0,
  acc: Record<string, number> = {},
): Generator<Record<string, number>> {
  if (i === keys.length) {
    yield { ...acc };
    return;
  }
  const key = keys[i] as string;
  for (const value of grid[key] ?? []) {
    acc[key] = value;
    yield* combinations(grid, keys, i + 1, acc);
  }
}

/** The default tuning with some knobs replaced; "s.x" sets situation knob x. */
export function tuningWith(knobs: Record<string, number>): Tuning {
  const tuning: Tuning = { ...DEFAULT_TUNING, situations: { ...DEFAULT_TUNING.situations } };
  for (const [key, value] of Object.entries(knobs)) {
    const [target, name] = key.startsWith("s.")
      ? [tuning.situations as unknown as Record<string, number>, key.slice(2)]
      : [tuning as unknown as Record<string, number>, key];
    if (typeof target[name] !== "number") throw new Error(`Unknown tuning knob "${key}".`);
    target[name] = value;
  }
  return tuning;
}

const objective = (s: MetricSummary) => s.pc_recall_at_10 + s.pc_precision_at_5 + s.unit_f1 + s.range_f1;
const show = (s: MetricSummary) =>
  `R ${s.pc_recall_at_10.toFixed(3)} P ${s.pc_precision_at_5.toFixed(3)} U ${s.unit_f1.toFixed(3)} G ${s.range_f1.toFixed(3)} = ${objective(s).toFixed(3)}`;

export async function main(argv: string[]): Promise<number> {
  const topAt = argv.indexOf("--top");
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 15;
  const positionals = topAt >= 0 ? argv.filter((_, i) => i !== topAt && i !== topAt + 1) : argv;
  const [file, gridText] = positionals;
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const grid = JSON.parse(gridText ?? "{}") as Grid;
  const items = readEvalSet(file).filter((item) => item.kind !== "not_evidence");
  const halves = [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)] as const;
  const index = indexFor(loadCatalogue());
  const rows: Array<{ knobs: Record<string, number>; a: MetricSummary; b: MetricSummary }> = [];
  for (const knobs of combinations(grid)) {
    const tuning = tuningWith(knobs);
    const map = (text: string, options: Parameters<typeof mapWithTuning>[1]) =>
      mapWithTuning(text, options, index, tuning);
    const a = (await evaluate(halves[0], map)).summary;
    const b = (await evaluate(halves[1], map)).summary;
    rows.push({ knobs, a, b });
  }
  rows.sort((x, y) => objective(y.a) - objective(x.a));
  for (const row of rows.slice(0, top))
    process.stdout.write(`${JSON.stringify(row.knobs)}\n  A ${show(row.a)}\n  B ${show(row.b)}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
