// Runs a mapper over a labelled set and scores it: shared by the evaluation CLI, the dev-set test and the tuning script.

import { loadCatalogue } from "../standards/catalogue.ts";
import type { EvalItem } from "./eval-set.ts";
import { type ItemScore, type MetricSummary, scoreItem, summarise, summariseByKind } from "./metrics.ts";
import { type SituationBreakdown, tallySituations } from "./situations.ts";
import type { MapOptions, MappingResult } from "./types.ts";

export type MapFn = (text: string, options: MapOptions) => MappingResult | Promise<MappingResult>;

export interface EvaluationReport {
  summary: MetricSummary;
  byKind: ReturnType<typeof summariseByKind>;
  scores: ItemScore[];
  /** Per situation id: detected situations and suggested ranges against the gold ranges. */
  situations: SituationBreakdown;
}

/**
 * Maps every item (one warm-up call first, untimed, so index building is not counted as mapping time)
 * and scores it. `onProgress` is called after each item.
 */
export async function evaluate(
  items: readonly EvalItem[],
  map: MapFn,
  onProgress?: (done: number, total: number) => void,
): Promise<EvaluationReport> {
  const first = items[0];
  if (first) await map("Warm-up: a customer asked me a question and I answered it.", { level: first.level });
  const scores: ItemScore[] = [];
  const situations: SituationBreakdown = {};
  const catalogue = loadCatalogue();
  for (const item of items) {
    const options: MapOptions = { level: item.level, units: item.registered_units };
    const started = performance.now();
    const result = await map(item.text, options);
    const ms = performance.now() - started;
    scores.push(scoreItem(item, result, ms));
    if (item.kind !== "not_evidence" && result.isEvidence)
      tallySituations(
        situations,
        catalogue,
        result.situations.map((s) => s.id),
        result.ranges.map((r) => r.id),
        item.gold.ranges,
      );
    else if (item.kind !== "not_evidence") tallySituations(situations, catalogue, [], [], item.gold.ranges);
    onProgress?.(scores.length, items.length);
  }
  return { summary: summarise(scores), byKind: summariseByKind(scores), scores, situations };
}
