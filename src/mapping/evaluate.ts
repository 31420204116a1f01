// Runs a mapper over a labelled set and scores it: shared by the evaluation CLI, the dev-set test and the tuning script.
import type { EvalItem } from "./eval-set.ts";
import { type ItemScore, type MetricSummary, scoreItem, summarise, summariseByKind } from "./metrics.ts";
import type { MapOptions, MappingResult } from "./types.ts";

export type MapFn = (text: string, options: MapOptions) => MappingResult | Promise<MappingResult>;

export interface EvaluationReport {
  summary: MetricSummary;
  byKind: ReturnType<typeof summariseByKind>;
  scores: ItemScore[];
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
  for (const item of items) {
    const options: MapOptions = { level: item.level, units: item.registered_units };
    const started = performance.now();
    const result = await map(item.text, options);
    const ms = performance.now() - started;
    scores.push(scoreItem(item, result, ms));
    onProgress?.(scores.length, items.length);
  }
  return { summary: summarise(scores), byKind: summariseByKind(scores), scores };
}
