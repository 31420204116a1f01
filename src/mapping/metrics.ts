// Scores mapping results against gold labels: the metrics of shared/eval/FORMAT.md, per text and averaged.
import type { EvalItem, EvalKind } from "./eval-set.ts";
import { type MappingResult, shownClaims } from "./types.ts";

/** The summary printed as the evaluation CLI's last line; keys and order are fixed. */
export interface MetricSummary {
  n: number;
  pc_recall_at_10: number;
  pc_precision_at_5: number;
  unit_f1: number;
  range_f1: number;
  not_evidence_accuracy: number;
  p50_ms: number;
  p95_ms: number;
  /** Of the criteria the card shows, the share that are gold (texts showing none are skipped). */
  pc_shown_precision: number;
  /** Of the gold criteria, the share the card shows. */
  pc_shown_recall: number;
  /** Median number of claims (criteria and knowledge items) the card shows, over texts that are evidence. */
  claims_shown_median: number;
}

/** One text's scores; a metric that does not apply to the text is null. */
export interface ItemScore {
  id: string;
  kind: EvalKind;
  pcRecallAt10: number | null;
  pcPrecisionAt5: number | null;
  unitF1: number | null;
  rangeF1: number | null;
  notEvidenceCorrect: boolean | null;
  shownPrecision: number | null;
  shownRecall: number | null;
  /** Claims shown; null for not-evidence texts. */
  claimsShown: number | null;
  ms: number;
}

/** F1 of a predicted set against a gold set; two empty sets agree perfectly. */
export function f1(predicted: readonly string[], gold: readonly string[]): number {
  const p = new Set(predicted);
  const g = new Set(gold);
  if (p.size === 0 && g.size === 0) return 1;
  let hits = 0;
  for (const x of p) if (g.has(x)) hits++;
  if (hits === 0) return 0;
  const precision = hits / p.size;
  const recall = hits / g.size;
  return (2 * precision * recall) / (precision + recall);
}

/** Whether a result suggests nothing at all. */
export function suggestsNothing(result: MappingResult): boolean {
  return (
    !result.isEvidence ||
    (result.units.length === 0 && result.criteria.length === 0 && result.ranges.length === 0)
  );
}

/** Scores one result against its labelled item. */
export function scoreItem(item: EvalItem, result: MappingResult, ms: number): ItemScore {
  const gold = item.gold;
  const pcs = result.isEvidence ? result.criteria.map((c) => c.id) : [];
  const units = result.isEvidence ? result.units.map((u) => u.unitId) : [];
  const ranges = result.isEvidence ? result.ranges.map((r) => r.id) : [];
  const goldPcs = new Set(gold.pcs);
  let recall: number | null = null;
  let precision: number | null = null;
  if (goldPcs.size) {
    recall = pcs.slice(0, 10).filter((id) => goldPcs.has(id)).length / goldPcs.size;
    // Share of the top five that are gold; a mapper offering fewer than five is not rewarded for it.
    precision = pcs.slice(0, 5).filter((id) => goldPcs.has(id)).length / 5;
  }
  const shown = shownClaims(result);
  const shownPcs = result.isEvidence ? result.criteria.filter((c) => c.shown !== false).map((c) => c.id) : [];
  const shownHits = shownPcs.filter((id) => goldPcs.has(id)).length;
  return {
    id: item.id,
    kind: item.kind,
    shownPrecision: goldPcs.size && shownPcs.length ? shownHits / shownPcs.length : null,
    shownRecall: goldPcs.size ? shownHits / goldPcs.size : null,
    claimsShown: item.kind === "not_evidence" ? null : shown.length,
    pcRecallAt10: recall,
    pcPrecisionAt5: precision,
    unitF1: gold.units.length ? f1(units, gold.units) : null,
    rangeF1: gold.ranges.length ? f1(ranges, gold.ranges) : null,
    notEvidenceCorrect: item.kind === "not_evidence" ? suggestsNothing(result) : null,
    ms,
  };
}

function mean(values: Array<number | null>): number {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** The q-quantile (0…1) of a list of numbers, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Averages per-text scores into the summary; a metric with no applicable text is 0. */
export function summarise(scores: readonly ItemScore[]): MetricSummary {
  const ms = scores.map((s) => s.ms);
  return {
    n: scores.length,
    pc_recall_at_10: round(mean(scores.map((s) => s.pcRecallAt10))),
    pc_precision_at_5: round(mean(scores.map((s) => s.pcPrecisionAt5))),
    unit_f1: round(mean(scores.map((s) => s.unitF1))),
    range_f1: round(mean(scores.map((s) => s.rangeF1))),
    not_evidence_accuracy: round(
      mean(scores.map((s) => (s.notEvidenceCorrect === null ? null : s.notEvidenceCorrect ? 1 : 0))),
    ),
    p50_ms: round(quantile(ms, 0.5), 2),
    p95_ms: round(quantile(ms, 0.95), 2),
    pc_shown_precision: round(mean(scores.map((s) => s.shownPrecision))),
    pc_shown_recall: round(mean(scores.map((s) => s.shownRecall))),
    claims_shown_median: quantile(
      scores.map((s) => s.claimsShown).filter((x): x is number => x !== null),
      0.5,
    ),
  };
}

/** The summary of each kind of text present. */
export function summariseByKind(scores: readonly ItemScore[]): Partial<Record<EvalKind, MetricSummary>> {
  const out: Partial<Record<EvalKind, MetricSummary>> = {};
  const kinds = [...new Set(scores.map((s) => s.kind))];
  for (const kind of kinds) out[kind] = summarise(scores.filter((s) => s.kind === kind));
  return out;
}
