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

/** Kinds of target as small numbers (per-kind bests are kept in typed arrays, not records). */
const KIND_CODE: Record<TargetKind, number> = { criterion: 0, knowledge: 1, situation: 2 };

/**
 * Dot products of vectors `vs[first]` and, when `pair`, `vs[first + 1]` with rows [from, to) of a matrix,
 * into `out[k·stride + at + (r − from)]` for vector k. Two vectors share each row's loads and the loop runs
 * four dimensions a step; each sum still adds the products dimension by dimension in order, so every dot
 * product is the one a plain loop gives, to the last bit.
 */
function dotRows(
  vs: readonly Float32Array[],
  first: number,
  pair: boolean,
  m: Float32Array,
  from: number,
  to: number,
  dims: number,
  out: Float64Array,
  stride: number,
  at: number,
): void {
  const a = vs[first] as Float32Array;
  const i0 = first * stride + at - from;
  if (dims % 4 !== 0) {
    for (let k = 0; k < (pair ? 2 : 1); k++) {
      const v = vs[first + k] as Float32Array;
      for (let r = from; r < to; r++) {
        let s = 0;
        const o = r * dims;
        for (let d = 0; d < dims; d++) s += (v[d] as number) * (m[o + d] as number);
        out[i0 + k * stride + r] = s;
      }
    }
    return;
  }
  if (pair) {
    const b = vs[first + 1] as Float32Array;
    for (let r = from; r < to; r++) {
      let s0 = 0;
      let s1 = 0;
      const o = r * dims;
      for (let d = 0; d < dims; d += 4) {
        const x0 = m[o + d] as number;
        const x1 = m[o + d + 1] as number;
        const x2 = m[o + d + 2] as number;
        const x3 = m[o + d + 3] as number;
        s0 += (a[d] as number) * x0;
        s1 += (b[d] as number) * x0;
        s0 += (a[d + 1] as number) * x1;
        s1 += (b[d + 1] as number) * x1;
        s0 += (a[d + 2] as number) * x2;
        s1 += (b[d + 2] as number) * x2;
        s0 += (a[d + 3] as number) * x3;
        s1 += (b[d + 3] as number) * x3;
      }
      out[i0 + r] = s0;
      out[i0 + stride + r] = s1;
    }
  } else
    for (let r = from; r < to; r++) {
      let s = 0;
      const o = r * dims;
      for (let d = 0; d < dims; d += 4) {
        s += (a[d] as number) * (m[o + d] as number);
        s += (a[d + 1] as number) * (m[o + d + 1] as number);
        s += (a[d + 2] as number) * (m[o + d + 2] as number);
        s += (a[d + 3] as number) * (m[o + d + 3] as number);
      }
      out[i0 + r] = s;
    }
}

/** Dot products of every vector with rows [from, to) of a matrix: `out[k·stride + at + (r − from)]`. */
function dotAll(
  vs: readonly Float32Array[],
  m: Float32Array,
  from: number,
  to: number,
  dims: number,
  out: Float64Array,
  stride: number,
  at: number,
): void {
  for (let k = 0; k < vs.length; k += 2)
    dotRows(vs, k, k + 1 < vs.length, m, from, to, dims, out, stride, at);
}

/** The catalogue texts' vectors of an index as one matrix (one row per target), built once per index. */
const targetMatrices = new WeakMap<ScorerIndex, Float32Array>();
function targetMatrix(index: ScorerIndex, dims: number): Float32Array {
  let m = targetMatrices.get(index);
  if (!m || m.length !== index.targets.length * dims) {
    m = new Float32Array(index.targets.length * dims);
    index.targets.forEach((t, i) => {
      if (t.vector.length === dims) (m as Float32Array).set(t.vector, i * dims);
    });
    targetMatrices.set(index, m);
  }
  return m;
}

/**
 * Per segment and target (index s·n + j): the best dot product with the target's positive examples
 * and the mean of the best three (zero floor, as a running top three from zero), the best with its near
 * misses, and the cosine with the target's own text.
 */
interface SegmentDots {
  max: Float64Array;
  top3: Float64Array;
  negMax: Float64Array;
  cos: Float64Array;
}

let scratch = new Float64Array(256);
function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  return scratch;
}

function segmentDots(
  index: ScorerIndex,
  view: View,
  vs: readonly Float32Array[],
  targets: readonly number[],
): SegmentDots {
  const n = targets.length;
  const S = vs.length;
  const max = new Float64Array(S * n);
  const top3 = new Float64Array(S * n);
  const negMax = new Float64Array(S * n);
  const cos = new Float64Array(S * n);
  const dims = vs[0]?.length ?? 0;
  if (!S || !dims) return { max, top3, negMax, cos };
  const ps = view.positiveStart;
  const ns = view.negativeStart;
  let widest = 1;
  for (const t of targets) {
    widest = Math.max(
      widest,
      (ps[t + 1] as number) - (ps[t] as number),
      (ns[t + 1] as number) - (ns[t] as number),
    );
  }
  const out = scratchOf(S * widest);
  const tm = targetMatrix(index, dims);
  const hasVector = (t: number) => (index.targets[t]?.vector.length ?? 0) === dims;
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    // Positive examples: the best and the running top three from zero, rows in order.
    let from = ps[t] as number;
    let to = ps[t + 1] as number;
    if (to > from) {
      dotAll(vs, view.positiveMatrix, from, to, dims, out, widest, 0);
      for (let s = 0; s < S; s++) {
        let a = 0;
        let b = 0;
        let c = 0;
        const o = s * widest;
        for (let r = 0; r < to - from; r++) {
          const x = out[o + r] as number;
          if (x > a) {
            c = b;
            b = a;
            a = x;
          } else if (x > b) {
            c = b;
            b = x;
          } else if (x > c) c = x;
        }
        max[s * n + j] = a;
        top3[s * n + j] = (a + b + c) / 3;
      }
    }
    from = ns[t] as number;
    to = ns[t + 1] as number;
    if (to > from) {
      dotAll(vs, view.negativeMatrix, from, to, dims, out, widest, 0);
      for (let s = 0; s < S; s++) {
        let a = 0;
        const o = s * widest;
        for (let r = 0; r < to - from; r++) if ((out[o + r] as number) > a) a = out[o + r] as number;
        negMax[s * n + j] = a;
      }
    }
    if (hasVector(t)) {
      dotAll(vs, tm, t, t + 1, dims, out, widest, 0);
      for (let s = 0; s < S; s++) cos[s * n + j] = out[s * widest] as number;
    }
  }
  return { max, top3, negMax, cos };
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
  const codes = new Uint8Array(targets.length);
  targets.forEach((t, j) => {
    codes[j] = KIND_CODE[index.targets[t]?.kind ?? "criterion"];
  });
  segmentFeatures(
    index,
    view,
    segment,
    targets,
    codes,
    allowed,
    segmentDots(index, view, [segment.vector], targets),
    0,
    each,
  );
}

/** eachSentenceFeatures for segment `s` of the dot products already found. */
function segmentFeatures(
  index: ScorerIndex,
  view: View,
  segment: Pick<TextSegment, "terms" | "vector" | "negated" | "words">,
  targets: readonly number[],
  codes: Uint8Array,
  allowed: Uint8Array,
  dots: SegmentDots,
  s: number,
  each: (j: number, x: Float64Array) => void,
): void {
  const query = queryOf(segment.terms);
  const bt = index.textDocs.score(query, allowed);
  const be = view.exampleDocs.score(query, allowed);
  const length = Math.log1p(segment.words.length) / 3;
  const neg = segment.negated ? 1 : 0;
  const n = targets.length;
  const base = s * n;
  const { max, top3, negMax, cos } = dots;
  // Each target against the best of its kind among the candidates: a sentence shows the criteria it
  // fits better than the others, not every criterion it vaguely resembles.
  const best = new Float64Array(9);
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    const k = 3 * (codes[j] as number);
    const a = max[base + j] as number;
    if (a > (best[k] as number)) best[k] = a;
    if ((bt[t] as number) > (best[k + 1] as number)) best[k + 1] = bt[t] as number;
    if ((be[t] as number) > (best[k + 2] as number)) best[k + 2] = be[t] as number;
  }
  const x = new Float64Array(SENTENCE_FEATURES.length);
  const ps = view.positiveStart;
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    const k = 3 * (codes[j] as number);
    const m = max[base + j] as number;
    const nm = negMax[base + j] as number;
    const b1 = best[k + 1] as number;
    const b2 = best[k + 2] as number;
    x[0] = Math.log1p(bt[t] as number);
    x[1] = Math.log1p(be[t] as number);
    x[2] = cos[base + j] as number;
    x[3] = m;
    x[4] = top3[base + j] as number;
    x[5] = nm;
    x[6] = m - nm;
    x[7] = neg;
    x[8] = neg * m;
    x[9] = (ps[t + 1] as number) > (ps[t] as number) ? 1 : 0;
    x[10] = length;
    x[11] = m - (best[k] as number);
    x[12] = b1 > 0 ? (bt[t] as number) / b1 - 1 : -1;
    x[13] = b2 > 0 ? (be[t] as number) / b2 - 1 : -1;
    each(j, x);
  }
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
  const n = targets.length;
  const codes = new Uint8Array(n);
  const kindModels: LogisticModel[] = [];
  targets.forEach((t, j) => {
    const kind = index.targets[t]?.kind ?? "criterion";
    codes[j] = KIND_CODE[kind];
    kindModels.push(models[kind]);
  });
  const zs = new Float64Array(n);
  const cs = new Float64Array(n);
  const ez = new Float64Array(n);
  const ec = new Float64Array(n);
  const strength = new Float64Array(3);
  // Every segment's dot products with every target's examples at once (the rows are read once per four segments).
  const dots = segmentDots(
    index,
    view,
    text.segments.map((g) => g.vector),
    targets,
  );
  text.segments.forEach((segment, s) => {
    const plain = !segment.negated;
    segmentFeatures(index, view, segment, targets, codes, allowed, dots, s, (j, x) => {
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
      if (plain && z > e.bestPlain) e.bestPlain = z;
    });
    castVotes(codes, zs, cs, ez, ec, out, strength);
  });
  for (let j = 0; j < n; j++) {
    const e = out[j] as TargetEvidence;
    const total = strength[codes[j] as number] as number;
    e.vote = total > 0 ? e.vote / total : 0;
    e.voteCos = total > 0 ? e.voteCos / total : 0;
  }
  return out;
}

/** One segment's votes, per kind of target (criteria, then knowledge): its strength shared among the targets it shows best. */
function castVotes(
  codes: Uint8Array,
  zs: Float64Array,
  cs: Float64Array,
  ez: Float64Array,
  ec: Float64Array,
  out: TargetEvidence[],
  strength: Float64Array,
): void {
  const n = codes.length;
  for (let kind = 0; kind < 2; kind++) {
    let zMax = Number.NEGATIVE_INFINITY;
    let cMax = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      if (codes[j] !== kind) continue;
      if ((zs[j] as number) > zMax) zMax = zs[j] as number;
      if ((cs[j] as number) > cMax) cMax = cs[j] as number;
    }
    if (zMax === Number.NEGATIVE_INFINITY) continue;
    const w = 1 / (1 + Math.exp(-zMax));
    strength[kind] = (strength[kind] as number) + w;
    let zSum = 0;
    let cSum = 0;
    for (let j = 0; j < n; j++) {
      if (codes[j] !== kind) continue;
      const a = Math.exp((zs[j] as number) - zMax);
      const b = Math.exp(VOTE_SHARPNESS * ((cs[j] as number) - cMax));
      ez[j] = a;
      ec[j] = b;
      zSum += a;
      cSum += b;
    }
    for (let j = 0; j < n; j++) {
      if (codes[j] !== kind) continue;
      const e = out[j] as TargetEvidence;
      e.vote += (w * (ez[j] as number)) / zSum;
      e.voteCos += (w * (ec[j] as number)) / cSum;
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

/** A text's similarity to every account of a view, and the view's accounts nearest first (found once per text and view). */
interface AccountRanking {
  view: View;
  vector: Float32Array;
  sims: Float64Array;
  order: Int32Array;
}
const rankings = new WeakMap<AnalysedText, AccountRanking>();

/** The accounts' whole-text vectors as one matrix, built once per index (null when their lengths differ from the text's). */
const accountMatrices = new WeakMap<ScorerIndex, Float32Array | null>();
function accountMatrix(index: ScorerIndex, dims: number): Float32Array | null {
  let m = accountMatrices.get(index);
  if (m === undefined || (m && m.length !== index.accounts.length * dims)) {
    m = index.accounts.every((a) => a.vector.length === dims)
      ? new Float32Array(index.accounts.length * dims)
      : null;
    if (m) for (const [i, a] of index.accounts.entries()) m.set(a.vector, i * dims);
    accountMatrices.set(index, m);
  }
  return m;
}

function rankAccounts(index: ScorerIndex, view: View, text: AnalysedText): AccountRanking {
  const cached = rankings.get(text);
  if (cached && cached.view === view && cached.vector === text.vector) return cached;
  const dims = text.vector.length;
  const sims = new Float64Array(index.accounts.length);
  const matrix = accountMatrix(index, dims);
  if (matrix) dotRows([text.vector], 0, false, matrix, 0, index.accounts.length, dims, sims, 0, 0);
  const kept: number[] = [];
  for (const a of view.accounts) {
    const account = index.accounts[a];
    if (!account) continue;
    if (!matrix) sims[a] = dot(text.vector, account.vector);
    kept.push(a);
  }
  // Nearest first, ties by corpus order: a total order, so any subset keeps its own sorted order.
  const order = Int32Array.from(kept).sort((x, y) => (sims[y] as number) - (sims[x] as number) || x - y);
  const ranking = { view, vector: text.vector, sims, order };
  rankings.set(text, ranking);
  return ranking;
}

/** The nearest labelled accounts of a view to a text (by SIF vectors of the whole texts). */
export function neighbours(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  evidenceOnly: boolean,
): Neighbours {
  const { sims, order } = rankAccounts(index, view, text);
  const ranked: number[] = [];
  for (const a of order) if (!(evidenceOnly && index.accounts[a]?.notEvidence)) ranked.push(a);
  const top = ranked.slice(0, NEIGHBOURS);
  const best = top.length ? (sims[top[0] as number] as number) : 0;
  const weights = top.map((a) => Math.exp(NEIGHBOUR_SHARPNESS * ((sims[a] as number) - best)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return {
    share(has) {
      let s = 0;
      for (let i = 0; i < top.length; i++) if (has(top[i] as number)) s += weights[i] as number;
      return s / total;
    },
    ranked,
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
  let rows = 0;
  for (const [from, to] of ranges) rows += to - from;
  const vs: Float32Array[] = [];
  if (rows) for (const segment of text.segments) if (segment.words.length >= 4) vs.push(segment.vector);
  const dims = vs[0]?.length ?? 0;
  // Every voting segment against every pooled corpus sentence, rows in pool order.
  const sims = scratchOf(vs.length * rows);
  const owners = new Int32Array(rows);
  let at = 0;
  for (const [from, to] of ranges) {
    dotAll(vs, m, from, to, dims, sims, rows, at);
    for (let r = from; r < to; r++) owners[at + r - from] = owner[r] as number;
    at += to - from;
  }
  const votes = new Float64Array(view.segmentFrom.length);
  // The accounts voted for, in the order first voted for (the order their shares are summed in).
  const voters: number[] = [];
  const seen = new Uint8Array(votes.length);
  const topS = new Float64Array(SENTENCE_NEIGHBOURS);
  const topA = new Int32Array(SENTENCE_NEIGHBOURS);
  for (let g = 0; g < vs.length; g++) {
    topS.fill(-2);
    topA.fill(-1);
    const o = g * rows;
    for (let r = 0; r < rows; r++) {
      const s = sims[o + r] as number;
      if (s <= (topS[SENTENCE_NEIGHBOURS - 1] as number)) continue;
      let k = SENTENCE_NEIGHBOURS - 1;
      while (k > 0 && s > (topS[k - 1] as number)) {
        topS[k] = topS[k - 1] as number;
        topA[k] = topA[k - 1] as number;
        k--;
      }
      topS[k] = s;
      topA[k] = owners[r] as number;
    }
    const best = topS[0] as number;
    let sum = 0;
    for (let k = 0; k < SENTENCE_NEIGHBOURS; k++)
      if ((topA[k] as number) >= 0) sum += Math.exp(SENTENCE_SHARPNESS * ((topS[k] as number) - best));
    for (let k = 0; k < SENTENCE_NEIGHBOURS; k++) {
      const a = topA[k] as number;
      if (a < 0) continue;
      if (!seen[a]) {
        seen[a] = 1;
        voters.push(a);
      }
      votes[a] = (votes[a] as number) + Math.exp(SENTENCE_SHARPNESS * ((topS[k] as number) - best)) / sum;
    }
  }
  const total = vs.length;
  return {
    share(has) {
      if (!total) return 0;
      let s = 0;
      for (const a of voters) if (has(a)) s += votes[a] as number;
      return s / total;
    },
  };
}

export const clampLogit = (z: number) => Math.max(-12, Math.min(12, z));
export { sigmoid };
