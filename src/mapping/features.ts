// Features of the learned scorer: per (sentence, target), per (text, target), per (text, unit), per (text, situation) and for the not-evidence gate.
import { queryOf } from "./bm25.ts";
import { type LogisticModel, linear, sigmoid } from "./logistic.ts";
import type { ScorerIndex, TargetKind, View } from "./scorer-index.ts";
import type { AnalysedText, TextSegment } from "./text.ts";
import { dot } from "./vectors.ts";

export const SENTENCE_FEATURES = [
  "bm25_text",
  "bm25_examples",
  "cos_text",
  "cos_example_max",
  "cos_example_top3",
  "cos_negative_max",
  "cos_margin",
  "negated",
  "negated_x_cos",
  "has_examples",
  "length",
  "cos_example_max_vs_best",
  "bm25_text_vs_best",
  "bm25_examples_vs_best",
] as const;

/** One sentence-level model per kind of target. */
export type SentenceModels = Record<TargetKind, LogisticModel>;

/** What bestDots found: the best dot product and the mean of the best three (kept here, not allocated per call). */
const found = { max: 0, top3: 0 };

/** Dot products of a vector with rows [from, to) of a matrix: the best into `found.max`, the mean of the top three into `found.top3`. */
function bestDots(v: Float32Array, m: Float32Array, from: number, to: number): void {
  const dims = v.length;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let r = from; r < to; r++) {
    let s = 0;
    const o = r * dims;
    for (let d = 0; d < dims; d++) s += (v[d] as number) * (m[o + d] as number);
    if (s > a) {
      c = b;
      b = a;
      a = s;
    } else if (s > b) {
      c = b;
      b = s;
    } else if (s > c) c = s;
  }
  found.max = a;
  found.top3 = (a + b + c) / 3;
}

/**
 * Features of one segment against each of the given targets, written into `out` (one row of
 * SENTENCE_FEATURES.length per target) and passed to `each`.
 */
export function eachSentenceFeatures(
  index: ScorerIndex,
  view: View,
  segment: Pick<TextSegment, "terms" | "vector" | "negated" | "words">,
  targets: readonly number[],
  allowed: Uint8Array,
  each: (j: number, x: Float64Array) => void,
): void {
  const query = queryOf(segment.terms);
  const bt = index.textDocs.score(query, allowed);
  const be = view.exampleDocs.score(query, allowed);
  const length = Math.log1p(segment.words.length) / 3;
  const neg = segment.negated ? 1 : 0;
  const v = segment.vector;
  const n = targets.length;
  const max = new Float64Array(n);
  const top3 = new Float64Array(n);
  const negMax = new Float64Array(n);
  // Each target against the best of its kind among the candidates: a sentence shows the criteria it
  // fits better than the others, not every criterion it vaguely resembles.
  const best: Record<string, [number, number, number]> = {};
  targets.forEach((t, j) => {
    const kind = index.targets[t]?.kind ?? "criterion";
    bestDots(v, view.positiveMatrix, view.positiveStart[t] as number, view.positiveStart[t + 1] as number);
    const a = found.max;
    max[j] = a;
    top3[j] = found.top3;
    bestDots(v, view.negativeMatrix, view.negativeStart[t] as number, view.negativeStart[t + 1] as number);
    negMax[j] = found.max;
    const k = best[kind] ?? [0, 0, 0];
    best[kind] = k;
    k[0] = Math.max(k[0], a);
    k[1] = Math.max(k[1], bt[t] as number);
    k[2] = Math.max(k[2], be[t] as number);
  });
  const x = new Float64Array(SENTENCE_FEATURES.length);
  targets.forEach((t, j) => {
    const target = index.targets[t];
    const k = best[target?.kind ?? "criterion"] ?? [0, 0, 0];
    const m = max[j] as number;
    const nm = negMax[j] as number;
    x[0] = Math.log1p(bt[t] as number);
    x[1] = Math.log1p(be[t] as number);
    x[2] = target ? dot(v, target.vector) : 0;
    x[3] = m;
    x[4] = top3[j] as number;
    x[5] = nm;
    x[6] = m - nm;
    x[7] = neg;
    x[8] = neg * m;
    x[9] = (view.positiveStart[t + 1] as number) > (view.positiveStart[t] as number) ? 1 : 0;
    x[10] = length;
    x[11] = m - k[0];
    x[12] = k[1] > 0 ? (bt[t] as number) / k[1] - 1 : -1;
    x[13] = k[2] > 0 ? (be[t] as number) / k[2] - 1 : -1;
    each(j, x);
  });
}

/** Features of one segment against each of the given targets, as rows (for training). */
export function sentenceFeatures(
  index: ScorerIndex,
  view: View,
  segment: Pick<TextSegment, "terms" | "vector" | "negated" | "words">,
  targets: readonly number[],
  allowed: Uint8Array,
): number[][] {
  const rows: number[][] = [];
  eachSentenceFeatures(index, view, segment, targets, allowed, (_, x) => rows.push([...x]));
  return rows;
}

/** Per target: its logit in each segment, the best segment and the two best logits. */
export interface TargetEvidence {
  target: number;
  best: number;
  second: number;
  bestSegment: number;
  strongSegments: number;
  /** The best logit among segments with no negation in them. */
  bestPlain: number;
  /** Sum over segments of the probabilities (how much of the text shows it, not only its best sentence). */
  mass: number;
}

/** Scores every segment against every target with the sentence models. */
export function targetEvidence(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  targets: readonly number[],
  models: SentenceModels,
): TargetEvidence[] {
  const allowed = new Uint8Array(index.targets.length);
  for (const t of targets) allowed[t] = 1;
  const out: TargetEvidence[] = targets.map((target) => ({
    target,
    best: -20,
    second: -20,
    bestSegment: -1,
    strongSegments: 0,
    bestPlain: -20,
    mass: 0,
  }));
  const kindModels = targets.map((t) => models[index.targets[t]?.kind ?? "criterion"]);
  text.segments.forEach((segment, s) => {
    eachSentenceFeatures(index, view, segment, targets, allowed, (j, x) => {
      const z = linear(kindModels[j] as LogisticModel, x);
      const e = out[j] as TargetEvidence;
      if (z > e.best) {
        e.second = e.best;
        e.best = z;
        e.bestSegment = s;
      } else if (z > e.second) e.second = z;
      if (z > 0) e.strongSegments++;
      e.mass += 1 / (1 + Math.exp(-z));
      if (!segment.negated && z > e.bestPlain) e.bestPlain = z;
    });
  });
  return out;
}

export interface Neighbours {
  /** Similarity-weighted share of the nearest accounts carrying each label. */
  share(has: (account: number) => boolean): number;
}

const NEIGHBOURS = 12;

/** The nearest labelled accounts of a view to a text (by SIF vectors of the whole texts). */
export function neighbours(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  evidenceOnly: boolean,
): Neighbours {
  const sims: Array<[number, number]> = [];
  for (const a of view.accounts) {
    const account = index.accounts[a];
    if (!account || (evidenceOnly && account.notEvidence)) continue;
    sims.push([a, dot(text.vector, account.vector)]);
  }
  sims.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const top = sims.slice(0, NEIGHBOURS);
  const best = top[0]?.[1] ?? 0;
  const weights = top.map(([, s]) => Math.exp(20 * (s - best)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return {
    share(has) {
      let s = 0;
      top.forEach(([a], i) => {
        if (has(a)) s += weights[i] as number;
      });
      return s / total;
    },
  };
}

export const clampLogit = (z: number) => Math.max(-12, Math.min(12, z));
export { sigmoid };
