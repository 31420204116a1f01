// Features of the learned scorer: per (sentence, target), per (text, target), per (text, unit), per (text, situation) and for the not-evidence gate.
import { queryOf } from "./bm25.ts";
import { type LogisticModel, linear, sigmoid } from "./logistic.ts";
import { type ScorerIndex, sharedRows, type TargetKind, type View } from "./scorer-index.ts";
import { float32s, float64s, int32s, uint8s } from "./scratch.ts";
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

/** How many vectors the dot-product kernel takes at once (they share each row's loads). */
const LANES = 4;

/**
 * Vectors `vs[first]` … `vs[first + lanes − 1]` (lanes ≤ LANES) interleaved as doubles into `q`: dimension d
 * of lane k at d·LANES + k, zeros in the lanes left over. Float32 to double is exact.
 */
function interleave(
  vs: readonly Float32Array[],
  first: number,
  lanes: number,
  dims: number,
  q: Float64Array,
): void {
  q.fill(0, 0, dims * LANES);
  for (let k = 0; k < lanes; k++) {
    const v = vs[first + k] as Float32Array;
    for (let d = 0; d < dims; d++) q[d * LANES + k] = v[d] as number;
  }
}

/**
 * Dot products of the (up to four) interleaved vectors in `q` with rows [from, to) of a matrix, into
 * `out[k·stride + at + (r − from)]` for lane k < lanes. Four lanes take two rows a step (eight sums in
 * flight, each row value loaded once for four vectors); fewer lanes take one or two. Every sum still adds
 * its products dimension by dimension in order, so each dot product is the one a plain loop gives, to the
 * last bit.
 */
function dotLanes(
  q: Float64Array,
  lanes: number,
  m: Float32Array,
  from: number,
  to: number,
  dims: number,
  out: Float64Array,
  stride: number,
  at: number,
): void {
  const o0 = at - from;
  if (lanes > 2) {
    let r = from;
    for (; r + 1 < to; r += 2) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      const o = r * dims;
      const p = o + dims;
      for (let d = 0, e = 0; d < dims; d++, e += LANES) {
        const x = m[o + d] as number;
        const y = m[p + d] as number;
        const q0 = q[e] as number;
        const q1 = q[e + 1] as number;
        const q2 = q[e + 2] as number;
        const q3 = q[e + 3] as number;
        a0 += q0 * x;
        a1 += q1 * x;
        a2 += q2 * x;
        a3 += q3 * x;
        b0 += q0 * y;
        b1 += q1 * y;
        b2 += q2 * y;
        b3 += q3 * y;
      }
      const i = o0 + r;
      out[i] = a0;
      out[i + 1] = b0;
      out[i + stride] = a1;
      out[i + stride + 1] = b1;
      out[i + 2 * stride] = a2;
      out[i + 2 * stride + 1] = b2;
      if (lanes > 3) {
        out[i + 3 * stride] = a3;
        out[i + 3 * stride + 1] = b3;
      }
    }
    if (r < to) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      const o = r * dims;
      for (let d = 0, e = 0; d < dims; d++, e += LANES) {
        const x = m[o + d] as number;
        a0 += (q[e] as number) * x;
        a1 += (q[e + 1] as number) * x;
        a2 += (q[e + 2] as number) * x;
        a3 += (q[e + 3] as number) * x;
      }
      const i = o0 + r;
      out[i] = a0;
      out[i + stride] = a1;
      out[i + 2 * stride] = a2;
      if (lanes > 3) out[i + 3 * stride] = a3;
    }
    return;
  }
  // One or two lanes: four rows a step.
  let r = from;
  for (; r + 3 < to; r += 4) {
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    let c0 = 0;
    let c1 = 0;
    let f0 = 0;
    let f1 = 0;
    const o = r * dims;
    const p = o + dims;
    const s = p + dims;
    const u = s + dims;
    for (let d = 0, e = 0; d < dims; d++, e += LANES) {
      const q0 = q[e] as number;
      const q1 = q[e + 1] as number;
      const x = m[o + d] as number;
      const y = m[p + d] as number;
      const z = m[s + d] as number;
      const w = m[u + d] as number;
      a0 += q0 * x;
      a1 += q1 * x;
      b0 += q0 * y;
      b1 += q1 * y;
      c0 += q0 * z;
      c1 += q1 * z;
      f0 += q0 * w;
      f1 += q1 * w;
    }
    const i = o0 + r;
    out[i] = a0;
    out[i + 1] = b0;
    out[i + 2] = c0;
    out[i + 3] = f0;
    if (lanes > 1) {
      out[i + stride] = a1;
      out[i + stride + 1] = b1;
      out[i + stride + 2] = c1;
      out[i + stride + 3] = f1;
    }
  }
  for (; r < to; r++) {
    let a0 = 0;
    let a1 = 0;
    const o = r * dims;
    for (let d = 0, e = 0; d < dims; d++, e += LANES) {
      const x = m[o + d] as number;
      a0 += (q[e] as number) * x;
      a1 += (q[e + 1] as number) * x;
    }
    const i = o0 + r;
    out[i] = a0;
    if (lanes > 1) out[i + stride] = a1;
  }
}

let lanesScratch = new Float64Array(LANES * 100);
function lanesOf(dims: number): Float64Array {
  if (lanesScratch.length < LANES * dims) lanesScratch = new Float64Array(LANES * dims);
  return lanesScratch;
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

/**
 * Row ranges of the example and target matrices, the adjacent ones of a matrix merged, each with where its
 * dot products go among the columns of one segment's row (a target's rows are one run of columns).
 */
class Columns {
  matrices: Float32Array[] = [];
  from: number[] = [];
  to: number[] = [];
  at: number[] = [];
  count = 0;
  /** Adds rows [from, to) of `m` and returns their first column. */
  add(m: Float32Array, from: number, to: number): number {
    const first = this.count;
    if (to <= from) return first;
    const last = this.matrices.length - 1;
    if (last >= 0 && this.matrices[last] === m && this.to[last] === from) this.to[last] = to;
    else {
      this.matrices.push(m);
      this.from.push(from);
      this.to.push(to);
      this.at.push(first);
    }
    this.count += to - from;
    return first;
  }
  /** Every range's dot products with the interleaved vectors in `q`: lane k's at out[k·count + column]. */
  dots(q: Float64Array, lanes: number, dims: number, out: Float64Array): void {
    for (let g = 0; g < this.matrices.length; g++)
      dotLanes(
        q,
        lanes,
        this.matrices[g] as Float32Array,
        this.from[g] as number,
        this.to[g] as number,
        dims,
        out,
        this.count,
        this.at[g] as number,
      );
  }
}

/** segmentDots' working buffers, reused from text to text (src/mapping/scratch.ts). */
const dotBuffers = {
  max: float64s(),
  top3: float64s(),
  negMax: float64s(),
  cos: float64s(),
  posAt: int32s(),
  negAt: int32s(),
  cosAt: int32s(),
};

/** The dot products of `vs` with the targets' rows, in buffers valid until the next call. */
function segmentDots(
  index: ScorerIndex,
  view: View,
  vs: readonly Float32Array[],
  targets: readonly number[],
): SegmentDots {
  const n = targets.length;
  const S = vs.length;
  const max = dotBuffers.max.take(S * n, 0);
  const top3 = dotBuffers.top3.take(S * n, 0);
  const negMax = dotBuffers.negMax.take(S * n, 0);
  const cos = dotBuffers.cos.take(S * n, 0);
  const dims = vs[0]?.length ?? 0;
  if (!S || !dims) return { max, top3, negMax, cos };
  const ps = view.positiveStart;
  const ns = view.negativeStart;
  const tm = targetMatrix(index, dims);
  // Each target's positive examples, near misses and own text as runs of columns (-1: no text vector);
  // matrix by matrix, so the rows of targets next to each other are one range.
  const columns = new Columns();
  const posAt = dotBuffers.posAt.take(n);
  const negAt = dotBuffers.negAt.take(n);
  const cosAt = dotBuffers.cosAt.take(n);
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    posAt[j] = columns.add(view.positiveMatrix, ps[t] as number, ps[t + 1] as number);
  }
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    negAt[j] = columns.add(view.negativeMatrix, ns[t] as number, ns[t + 1] as number);
  }
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    cosAt[j] = (index.targets[t]?.vector.length ?? 0) === dims ? columns.add(tm, t, t + 1) : -1;
  }
  const C = columns.count;
  const out = scratchOf(LANES * C);
  const q = lanesOf(dims);
  // Four segments at a time against every column; then each target's best, top three and near-miss best.
  for (let s0 = 0; s0 < S; s0 += LANES) {
    const lanes = Math.min(LANES, S - s0);
    interleave(vs, s0, lanes, dims, q);
    columns.dots(q, lanes, dims, out);
    for (let k = 0; k < lanes; k++) {
      const o = k * C;
      const row = (s0 + k) * n;
      for (let j = 0; j < n; j++) {
        const t = targets[j] as number;
        // Positive examples: the best and the running top three from zero, rows in order.
        let from = o + (posAt[j] as number);
        let to = from + (ps[t + 1] as number) - (ps[t] as number);
        if (to > from) {
          let a = 0;
          let b = 0;
          let c = 0;
          for (let r = from; r < to; r++) {
            const x = out[r] as number;
            if (x > a) {
              c = b;
              b = a;
              a = x;
            } else if (x > b) {
              c = b;
              b = x;
            } else if (x > c) c = x;
          }
          max[row + j] = a;
          top3[row + j] = (a + b + c) / 3;
        }
        from = o + (negAt[j] as number);
        to = from + (ns[t + 1] as number) - (ns[t] as number);
        if (to > from) {
          let a = 0;
          for (let r = from; r < to; r++) if ((out[r] as number) > a) a = out[r] as number;
          negMax[row + j] = a;
        }
        if ((cosAt[j] as number) >= 0) cos[row + j] = out[o + (cosAt[j] as number)] as number;
      }
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
  const codes = sentenceBuffers.codes.take(targets.length);
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

/**
 * The per-segment buffers, reused from segment to segment: the two BM25 score lists, the bests per kind, the
 * query, the kind codes, and the one row of features every target's is written into in turn (exactly
 * SENTENCE_FEATURES long: callers read its length).
 */
const sentenceBuffers = {
  textScores: float64s(),
  exampleScores: float64s(),
  best: float64s(),
  codes: uint8s(),
  query: new Map<string, number>(),
  row: new Float64Array(SENTENCE_FEATURES.length),
};

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
  const query = sentenceBuffers.query;
  query.clear();
  queryOf(segment.terms, 1, query);
  // As Bm25Index.score gives them (added to zeros), into the reused lists.
  const bt = sentenceBuffers.textScores.take(index.textDocs.size, 0);
  index.textDocs.scoreInto(query, bt, allowed);
  const be = sentenceBuffers.exampleScores.take(view.exampleDocs.size, 0);
  view.exampleDocs.scoreInto(query, be, allowed);
  const length = Math.log1p(segment.words.length) / 3;
  const neg = segment.negated ? 1 : 0;
  const n = targets.length;
  const base = s * n;
  const { max, top3, negMax, cos } = dots;
  // Each target against the best of its kind among the candidates: a sentence shows the criteria it
  // fits better than the others, not every criterion it vaguely resembles.
  const best = sentenceBuffers.best.take(9, 0);
  for (let j = 0; j < n; j++) {
    const t = targets[j] as number;
    const k = 3 * (codes[j] as number);
    const a = max[base + j] as number;
    if (a > (best[k] as number)) best[k] = a;
    if ((bt[t] as number) > (best[k + 1] as number)) best[k + 1] = bt[t] as number;
    if ((be[t] as number) > (best[k + 2] as number)) best[k + 2] = be[t] as number;
  }
  const x = sentenceBuffers.row;
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
  /**
   * The best segment among those where the writer (the candidate, in a testimony) does one of the service
   * acts: what a claim quotes, since a performance criterion is something the candidate did; -1 when no
   * segment is marked.
   */
  quoteSegment: number;
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

/**
 * Every scored target's TargetEvidence, as columns by the target's place among those scored (`targets`);
 * `position[t]` is target t's place, -1 for a target not scored. Reused: valid until the next call.
 */
export interface EvidenceTable {
  targets: readonly number[];
  position: Int32Array;
  best: Float64Array;
  second: Float64Array;
  bestSegment: Int32Array;
  quoteSegment: Int32Array;
  strongSegments: Int32Array;
  bestPlain: Float64Array;
  mass: Float64Array;
  vote: Float64Array;
  voteCos: Float64Array;
}

/** evidenceTable's columns and working buffers, reused from text to text (no object a target). */
const evidenceBuffers = {
  position: int32s(),
  best: float64s(),
  second: float64s(),
  bestSegment: int32s(),
  quoteSegment: int32s(),
  strongSegments: int32s(),
  bestPlain: float64s(),
  mass: float64s(),
  vote: float64s(),
  voteCos: float64s(),
  allowed: uint8s(),
  codes: uint8s(),
  zs: float64s(),
  cs: float64s(),
  ez: float64s(),
  ec: float64s(),
  quoteBest: float64s(),
};

/** Scores every segment against every target with the sentence models; the evidence as objects (see evidenceTable). */
export function targetEvidence(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  targets: readonly number[],
  models: SentenceModels,
  /** Per segment, 1 where the writer does a service act (src/mapping/served.ts): the segments a claim may quote. */
  quotable?: Uint8Array,
): TargetEvidence[] {
  const e = evidenceTable(index, view, text, targets, models, quotable);
  return targets.map((target, j) => ({
    target,
    best: e.best[j] as number,
    second: e.second[j] as number,
    bestSegment: e.bestSegment[j] as number,
    quoteSegment: e.quoteSegment[j] as number,
    strongSegments: e.strongSegments[j] as number,
    bestPlain: e.bestPlain[j] as number,
    mass: e.mass[j] as number,
    vote: e.vote[j] as number,
    voteCos: e.voteCos[j] as number,
  }));
}

/** Scores every segment against every target with the sentence models, into the reused evidence table. */
export function evidenceTable(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  targets: readonly number[],
  models: SentenceModels,
  /** Per segment, 1 where the writer does a service act (src/mapping/served.ts): the segments a claim may quote. */
  quotable?: Uint8Array,
): EvidenceTable {
  const b = evidenceBuffers;
  const allowed = b.allowed.take(index.targets.length, 0);
  for (const t of targets) allowed[t] = 1;
  const n = targets.length;
  const position = b.position.take(index.targets.length, -1);
  targets.forEach((t, j) => {
    position[t] = j;
  });
  const best = b.best.take(n, -20);
  const second = b.second.take(n, -20);
  const bestSegment = b.bestSegment.take(n, -1);
  const quoteSegment = b.quoteSegment.take(n, -1);
  const strongSegments = b.strongSegments.take(n, 0);
  const bestPlain = b.bestPlain.take(n, -20);
  const mass = b.mass.take(n, 0);
  const vote = b.vote.take(n, 0);
  const voteCos = b.voteCos.take(n, 0);
  const codes = b.codes.take(n);
  const kindModels = [models.criterion, models.knowledge, models.situation];
  targets.forEach((t, j) => {
    codes[j] = KIND_CODE[index.targets[t]?.kind ?? "criterion"];
  });
  const zs = b.zs.take(n, 0);
  const cs = b.cs.take(n, 0);
  const ez = b.ez.take(n, 0);
  const ec = b.ec.take(n, 0);
  const strength = new Float64Array(3);
  const quoteBest = b.quoteBest.take(n, Number.NEGATIVE_INFINITY);
  // Every segment's dot products with every target's examples at once (the rows are read once per four segments).
  const dots = segmentDots(
    index,
    view,
    text.segments.map((g) => g.vector),
    targets,
  );
  let s = 0;
  let plain = true;
  // One callback for every segment (the segment in `s` and `plain`), not a closure a segment.
  const each = (j: number, x: Float64Array) => {
    const z = linear(kindModels[codes[j] as number] as LogisticModel, x);
    zs[j] = z;
    cs[j] = x[9] ? (x[3] as number) : -1;
    if (z > (best[j] as number)) {
      second[j] = best[j] as number;
      best[j] = z;
      bestSegment[j] = s;
    } else if (z > (second[j] as number)) second[j] = z;
    if (quotable?.[s] && z > (quoteBest[j] as number)) {
      quoteBest[j] = z;
      quoteSegment[j] = s;
    }
    if (z > 0) strongSegments[j] = (strongSegments[j] as number) + 1;
    mass[j] = (mass[j] as number) + 1 / (1 + Math.exp(-z));
    if (plain && z > (bestPlain[j] as number)) bestPlain[j] = z;
  };
  for (; s < text.segments.length; s++) {
    const segment = text.segments[s] as TextSegment;
    plain = !segment.negated;
    segmentFeatures(index, view, segment, targets, codes, allowed, dots, s, each);
    castVotes(n, codes, zs, cs, ez, ec, vote, voteCos, strength);
  }
  for (let j = 0; j < n; j++) {
    const total = strength[codes[j] as number] as number;
    vote[j] = total > 0 ? (vote[j] as number) / total : 0;
    voteCos[j] = total > 0 ? (voteCos[j] as number) / total : 0;
  }
  return {
    targets,
    position,
    best,
    second,
    bestSegment,
    quoteSegment,
    strongSegments,
    bestPlain,
    mass,
    vote,
    voteCos,
  };
}

/** One segment's votes, per kind of target (criteria, then knowledge): its strength shared among the targets it shows best. */
function castVotes(
  n: number,
  codes: Uint8Array,
  zs: Float64Array,
  cs: Float64Array,
  ez: Float64Array,
  ec: Float64Array,
  vote: Float64Array,
  voteCos: Float64Array,
  strength: Float64Array,
): void {
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
      vote[j] = (vote[j] as number) + (w * (ez[j] as number)) / zSum;
      voteCos[j] = (voteCos[j] as number) + (w * (ec[j] as number)) / cSum;
    }
  }
}

export interface Neighbours {
  /** Similarity-weighted share of the nearest accounts carrying each label. */
  share(has: (account: number) => boolean): number;
  /**
   * `share` of every label at once, from each account's labels (its units, targets or situations): one
   * pass over the accounts, adding to each label in the order `share` adds, so each share is the same to
   * the bit; a label no account carries is absent (its share is 0).
   */
  shares(labels: (account: number) => Iterable<string>): Map<string, number>;
  /**
   * The nearest accounts considered, nearest first: more than the voting few, at least the first
   * SENTENCE_POOL evidence accounts (every account when the view has fewer).
   */
  ranked?: readonly number[];
}

/** How many corpus sentences vote for each sentence of the text, and how sharply by similarity. */
const SENTENCE_NEIGHBOURS = 5;
const SENTENCE_SHARPNESS = 20;
/** Sentences are looked for in this many of the nearest accounts by the whole text (keeps mapping fast). */
const SENTENCE_POOL = 80;
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

/**
 * The accounts' whole-text vectors as one matrix, built once per index (null when their lengths differ from
 * the text's): the buffer they already lie in one after another when the model loaded them, else a copy.
 */
const accountMatrices = new WeakMap<ScorerIndex, Float32Array | null>();
function accountMatrix(index: ScorerIndex, dims: number): Float32Array | null {
  let m = accountMatrices.get(index);
  if (m === undefined || (m && m.length !== index.accounts.length * dims)) {
    const fits = index.accounts.every((a) => a.vector.length === dims);
    m = fits ? sharedRows(index.accounts.map((a) => a.vector)) : null;
    if (fits && (!m || m.length !== index.accounts.length * dims)) {
      m = new Float32Array(index.accounts.length * dims);
      for (const [i, a] of index.accounts.entries()) m.set(a.vector, i * dims);
    }
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
  if (matrix) {
    const q = lanesOf(dims);
    interleave([text.vector], 0, 1, dims, q);
    dotLanes(q, 1, matrix, 0, index.accounts.length, dims, sims, 0, 0);
  }
  const kept: number[] = [];
  for (const a of view.accounts) {
    const account = index.accounts[a];
    if (!account) continue;
    if (!matrix) sims[a] = dot(text.vector, account.vector);
    kept.push(a);
  }
  // Nearest first, ties by corpus order: a total order, so any subset keeps its own sorted order.
  const nearer = (x: number, y: number) => (sims[y] as number) - (sims[x] as number) || x - y;
  const order = nearest(kept, sims, index, nearer) ?? Int32Array.from(kept).sort(nearer);
  const ranking = { view, vector: text.vector, sims, order };
  rankings.set(text, ranking);
  return ranking;
}

/** How many of the nearest accounts are put in order: the sentence pool's evidence accounts and room for the not-evidence ones among them. */
const RANKED = 2 * SENTENCE_POOL;

/**
 * The first RANKED or so of the accounts in `nearer` order, without sorting the rest: every account at
 * least as near as the RANKED-th nearest, sorted, which is exactly the full order's beginning. Null when
 * there are too few accounts for it to pay, or too few evidence accounts among them for the sentence pool.
 */
function nearest(
  kept: readonly number[],
  sims: Float64Array,
  index: ScorerIndex,
  nearer: (x: number, y: number) => number,
): Int32Array | null {
  if (kept.length <= 2 * RANKED) return null;
  const values = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) values[i] = sims[kept[i] as number] as number;
  values.sort();
  const floor = values[kept.length - RANKED] as number;
  const near = kept.filter((a) => (sims[a] as number) >= floor);
  let evidence = 0;
  for (const a of near) if (!index.accounts[a]?.notEvidence) evidence++;
  if (evidence < SENTENCE_POOL || near.length < NEIGHBOURS) return null;
  return Int32Array.from(near).sort(nearer);
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
    shares(labels) {
      const sums = new Map<string, number>();
      for (let i = 0; i < top.length; i++)
        for (const label of labels(top[i] as number))
          sums.set(label, (sums.get(label) ?? 0) + (weights[i] as number));
      for (const [label, sum] of sums) sums.set(label, sum / total);
      return sums;
    },
    ranked,
  };
}

/** sentenceNeighbours' decoded pool of corpus sentences, reused from text to text. */
const pooledRows = float32s();

/** Int8 rows [from, to) into `out` from row `at`, each as (value ÷ 127) ÷ its norm, as the model's loader decoded them. */
function decodeRows(
  m: Int8Array,
  norms: Float64Array,
  from: number,
  to: number,
  dims: number,
  out: Float32Array,
  at: number,
): void {
  for (let r = from, o = at * dims; r < to; r++) {
    const n = norms[r] as number;
    for (let d = r * dims, end = d + dims; d < end; d++, o++) out[o] = (m[d] as number) / 127 / n;
  }
}

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
  // The pooled corpus sentences as columns, in pool order: int8 rows (a loaded model's) decoded into one
  // reused buffer first, so the dot products read float rows only.
  const columns = new Columns();
  const owners = new Int32Array(rows);
  const norms = view.segmentNorm;
  const pool = norms ? pooledRows.take(rows * dims) : null;
  let pooled = 0;
  for (const [from, to] of ranges) {
    const at = norms && pool ? pooled : columns.add(m as Float32Array, from, to);
    if (norms && pool) decodeRows(m as Int8Array, norms, from, to, dims, pool, pooled);
    pooled += to - from;
    for (let r = from; r < to; r++) owners[at + r - from] = owner[r] as number;
  }
  if (pool) columns.add(pool, 0, rows);
  const sims = scratchOf(LANES * rows);
  const q = lanesOf(dims);
  const votes = new Float64Array(view.segmentFrom.length);
  // The accounts voted for, in the order first voted for (the order their shares are summed in).
  const voters: number[] = [];
  const seen = new Uint8Array(votes.length);
  const topS = new Float64Array(SENTENCE_NEIGHBOURS);
  const topA = new Int32Array(SENTENCE_NEIGHBOURS);
  // Four voting segments at a time against every pooled sentence; then each one's five nearest vote.
  for (let g0 = 0; g0 < vs.length; g0 += LANES) {
    const lanes = Math.min(LANES, vs.length - g0);
    interleave(vs, g0, lanes, dims, q);
    columns.dots(q, lanes, dims, sims);
    for (let k = 0; k < lanes; k++) {
      topS.fill(-2);
      topA.fill(-1);
      const o = k * rows;
      for (let r = 0; r < rows; r++) {
        const s = sims[o + r] as number;
        if (s <= (topS[SENTENCE_NEIGHBOURS - 1] as number)) continue;
        let i = SENTENCE_NEIGHBOURS - 1;
        while (i > 0 && s > (topS[i - 1] as number)) {
          topS[i] = topS[i - 1] as number;
          topA[i] = topA[i - 1] as number;
          i--;
        }
        topS[i] = s;
        topA[i] = owners[r] as number;
      }
      const best = topS[0] as number;
      let sum = 0;
      for (let i = 0; i < SENTENCE_NEIGHBOURS; i++)
        if ((topA[i] as number) >= 0) sum += Math.exp(SENTENCE_SHARPNESS * ((topS[i] as number) - best));
      for (let i = 0; i < SENTENCE_NEIGHBOURS; i++) {
        const a = topA[i] as number;
        if (a < 0) continue;
        if (!seen[a]) {
          seen[a] = 1;
          voters.push(a);
        }
        votes[a] = (votes[a] as number) + Math.exp(SENTENCE_SHARPNESS * ((topS[i] as number) - best)) / sum;
      }
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
    shares(labels) {
      const sums = new Map<string, number>();
      if (!total) return sums;
      for (const a of voters)
        for (const label of labels(a)) sums.set(label, (sums.get(label) ?? 0) + (votes[a] as number));
      for (const [label, sum] of sums) sums.set(label, sum / total);
      return sums;
    },
  };
}

export const clampLogit = (z: number) => Math.max(-12, Math.min(12, z));
export { sigmoid };
