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
  /**
   * Sentence votes: each segment gives its strength (the probability of its best target of this kind) to
   * the targets of the kind it shows best, shared by softmax of the sentence logits (`vote`) and of the
   * cosines to the nearest example sentences (`voteCos`). Divided by the segments' total strength.
   */
  vote: number;
  voteCos: number;
}

/** How sharply a segment's vote goes to its nearest examples' target (cosine softmax temperature). */
const VOTE_SHARPNESS = 25;

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
    vote: 0,
    voteCos: 0,
  }));
  const kinds = targets.map((t) => index.targets[t]?.kind ?? "criterion");
  const kindModels = kinds.map((k) => models[k]);
  const zs = new Float64Array(targets.length);
  const cs = new Float64Array(targets.length);
  const strength: Record<string, number> = {};
  text.segments.forEach((segment, s) => {
    eachSentenceFeatures(index, view, segment, targets, allowed, (j, x) => {
      const z = linear(kindModels[j] as LogisticModel, x);
      zs[j] = z;
      cs[j] = x[9] ? (x[3] as number) : -1;
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
    castVotes(kinds, zs, cs, out, strength);
  });
  for (let j = 0; j < out.length; j++) {
    const e = out[j] as TargetEvidence;
    const total = strength[kinds[j] as string] ?? 0;
    e.vote = total > 0 ? e.vote / total : 0;
    e.voteCos = total > 0 ? e.voteCos / total : 0;
  }
  return out;
}

/** One segment's votes, per kind of target: its strength shared among the targets it shows best. */
function castVotes(
  kinds: readonly TargetKind[],
  zs: Float64Array,
  cs: Float64Array,
  out: TargetEvidence[],
  strength: Record<string, number>,
): void {
  for (const kind of ["criterion", "knowledge"] as const) {
    let zMax = Number.NEGATIVE_INFINITY;
    let cMax = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < kinds.length; j++) {
      if (kinds[j] !== kind) continue;
      if ((zs[j] as number) > zMax) zMax = zs[j] as number;
      if ((cs[j] as number) > cMax) cMax = cs[j] as number;
    }
    if (zMax === Number.NEGATIVE_INFINITY) continue;
    const w = 1 / (1 + Math.exp(-zMax));
    strength[kind] = (strength[kind] ?? 0) + w;
    let zSum = 0;
    let cSum = 0;
    for (let j = 0; j < kinds.length; j++) {
      if (kinds[j] !== kind) continue;
      zSum += Math.exp((zs[j] as number) - zMax);
      cSum += Math.exp(VOTE_SHARPNESS * ((cs[j] as number) - cMax));
    }
    for (let j = 0; j < kinds.length; j++) {
      if (kinds[j] !== kind) continue;
      const e = out[j] as TargetEvidence;
      e.vote += (w * Math.exp((zs[j] as number) - zMax)) / zSum;
      e.voteCos += (w * Math.exp(VOTE_SHARPNESS * ((cs[j] as number) - cMax))) / cSum;
    }
  }
}

export interface Neighbours {
  /** Similarity-weighted share of the nearest accounts carrying each label. */
  share(has: (account: number) => boolean): number;
  /** The accounts considered, nearest first (all of them, not only the voting few). */
  ranked?: readonly number[];
}

const NEIGHBOURS = 12;
const NEIGHBOUR_SHARPNESS = 20;

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
  const weights = top.map(([, s]) => Math.exp(NEIGHBOUR_SHARPNESS * (s - best)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return {
    share(has) {
      let s = 0;
      top.forEach(([a], i) => {
        if (has(a)) s += weights[i] as number;
      });
      return s / total;
    },
    ranked: sims.map(([a]) => a),
  };
}

/** How many corpus sentences vote for each sentence of the text, and how sharply by similarity. */
const SENTENCE_NEIGHBOURS = 5;
const SENTENCE_SHARPNESS = 20;
/** Sentences are looked for in this many of the nearest accounts by the whole text (keeps mapping fast). */
const SENTENCE_POOL = 80;

/**
 * Sentence-level neighbours: each segment of the text finds the nearest segments of the view's labelled
 * accounts (other workplaces' when training) and they vote their accounts' labels; the share is over all
 * the text's segments, so a label wins by being what most of the story's sentences resemble.
 */
export function sentenceNeighbours(view: View, text: AnalysedText, nearest: Neighbours): Neighbours {
  const m = view.segmentMatrix;
  const owner = view.segmentOwner;
  // The evidence accounts nearest by the whole text (the account neighbours' ranking).
  const ranges = (nearest.ranked ?? [])
    .slice(0, SENTENCE_POOL)
    .map((a) => [view.segmentFrom[a] as number, view.segmentTo[a] as number] as const)
    .filter(([from, to]) => to > from);
  const rows = ranges.length;
  const votes = new Map<number, number>();
  let total = 0;
  const topS = new Float64Array(SENTENCE_NEIGHBOURS);
  const topA = new Int32Array(SENTENCE_NEIGHBOURS);
  for (const segment of text.segments) {
    if (segment.words.length < 4 || !rows) continue;
    const v = segment.vector;
    const dims = v.length;
    topS.fill(-2);
    topA.fill(-1);
    for (const [from, to] of ranges)
      for (let r = from; r < to; r++) {
        let s = 0;
        const o = r * dims;
        for (let d = 0; d < dims; d++) s += (v[d] as number) * (m[o + d] as number);
        if (s <= (topS[SENTENCE_NEIGHBOURS - 1] as number)) continue;
        let k = SENTENCE_NEIGHBOURS - 1;
        while (k > 0 && s > (topS[k - 1] as number)) {
          topS[k] = topS[k - 1] as number;
          topA[k] = topA[k - 1] as number;
          k--;
        }
        topS[k] = s;
        topA[k] = owner[r] as number;
      }
    const best = topS[0] as number;
    let sum = 0;
    for (let k = 0; k < SENTENCE_NEIGHBOURS; k++)
      if ((topA[k] as number) >= 0) sum += Math.exp(SENTENCE_SHARPNESS * ((topS[k] as number) - best));
    for (let k = 0; k < SENTENCE_NEIGHBOURS; k++) {
      const a = topA[k] as number;
      if (a < 0) continue;
      votes.set(a, (votes.get(a) ?? 0) + Math.exp(SENTENCE_SHARPNESS * ((topS[k] as number) - best)) / sum);
    }
    total++;
  }
  return {
    share(has) {
      if (!total) return 0;
      let s = 0;
      for (const [a, w] of votes) if (has(a)) s += w;
      return s / total;
    },
  };
}

export const clampLogit = (z: number) => Math.max(-12, Math.min(12, z));
export { sigmoid };
