// The criterion classifier: per unit, a softmax regression over the unit's criteria and knowledge items from a text's lemmas, lemma pairs and mean word vector, trained on the example sentences and labelled accounts, that says which of the unit's targets a text (and each of its sentences) shows.

import { concatBytes, quantise } from "./int8.ts";
import { documentKeys, TermDictionary } from "./lexicon.ts";
import { softmaxInPlace } from "./logistic.ts";
import { type PerView, perView } from "./per-view.ts";
import { random, shuffle } from "./random.ts";
import type { ScorerIndex, View } from "./scorer-index.ts";
import { float64s } from "./scratch.ts";
import type { AnalysedText } from "./text.ts";

/**
 * One unit's part: weights for the terms its own documents use (a few thousand of the shared dictionary's),
 * so the model holds no row of zeros for a term the unit never saw.
 */
export interface UnitPart {
  unitId: string;
  /** Its targets' positions in the index's targets (criteria, then knowledge items). */
  targets: number[];
  /** The dictionary ids of its terms, ascending. */
  rows: Int32Array;
  /** rows × targets; each value × `scale` is the weight (int8 once stored, float with scale 1 when fitted). */
  weights: Int8Array | Float32Array;
  /** dims × targets, for the mean word vector, the same way. */
  vector: Int8Array | Float32Array;
  scale: number;
  bias: Float32Array;
}

/** A fitted classifier: one dictionary of lemmas and lemma pairs shared by every unit's part. */
export interface CriterionClassifier {
  terms: TermDictionary;
  parts: Map<string, UnitPart>;
  dims: number;
}

/** As stored in the model file: the dictionary and each part's targets, scale and bias (the arrays go in the binary part). */
export interface StoredCriterionClassifier {
  terms: string[];
  dims: number;
  units: Array<{ unit: string; targets: string[]; rows: number; scale: number; bias: number[] }>;
}

/** The binary part's arrays: every part's term ids (little-endian 32-bit), then its weights and vector weights, part after part. */
export interface CriterionArrays {
  rows: Int8Array;
  weights: Int8Array;
  vector: Int8Array;
}

/** A term is kept for a unit when its documents use it this often (and the whole corpus three times). */
const MIN_UNIT_DF = 2;
const MIN_DF = 3;
const EPOCHS = 10;
const RATE = 1;
const DECAY = 0.02;
/** A whole account against one example sentence. */
const ACCOUNT_WEIGHT = 2;

/** Each view's classifier: fitted in training from what the view keeps, or the loaded model's. */
export const criterionClassifiers: PerView<CriterionClassifier> = perView((index, view, t) =>
  fitCriterionClassifier(index, view, t.accountTerms, t.seed),
);

interface Doc {
  keys: readonly string[];
  vector: Float32Array;
  /** Label position in the part and its share of the document. */
  labels: Array<[number, number]>;
  weight: number;
}

/** Fits one unit's softmax on its documents; the part's rows are local until the dictionary is known. */
function fitPart(
  unitId: string,
  targets: readonly number[],
  docs: readonly Doc[],
  keep: (key: string) => boolean,
  dims: number,
  seed: number,
): { part: Omit<UnitPart, "rows">; keys: string[] } {
  const df = new Map<string, number>();
  for (const d of docs) for (const k of d.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const keys = [...df.keys()].filter((k) => (df.get(k) ?? 0) >= MIN_UNIT_DF && keep(k)).sort();
  const local = new Map(keys.map((k, i) => [k, i]));
  const T = targets.length;
  const weights = new Float32Array(keys.length * T);
  const vector = new Float32Array(dims * T);
  const bias = new Float32Array(T);
  const docRows = docs.map((d) => d.keys.map((k) => local.get(k)).filter((r) => r !== undefined));
  const order = docs.map((_, i) => i);
  const rng = random(seed);
  const z = new Float64Array(T);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order, rng);
    const rate = RATE / (1 + epoch);
    for (const di of order) {
      const d = docs[di] as Doc;
      const r = docRows[di] as number[];
      const xs = 1 / Math.sqrt(Math.max(1, r.length));
      for (let t = 0; t < T; t++) z[t] = bias[t] as number;
      for (const row of r)
        for (let t = 0; t < T; t++) z[t] = (z[t] as number) + xs * (weights[row * T + t] as number);
      for (let k = 0; k < dims; k++) {
        const v = d.vector[k] as number;
        if (v !== 0) for (let t = 0; t < T; t++) z[t] = (z[t] as number) + v * (vector[k * T + t] as number);
      }
      softmaxInPlace(z);
      for (const [l, share] of d.labels) z[l] = (z[l] as number) - share;
      const g = rate * d.weight;
      for (let t = 0; t < T; t++) {
        if (Math.abs(z[t] as number) < 1e-3) continue;
        const e = g * (z[t] as number);
        bias[t] = (bias[t] as number) - e;
        const ex = e * xs;
        for (const row of r) weights[row * T + t] = (weights[row * T + t] as number) - ex;
        for (let k = 0; k < dims; k++)
          vector[k * T + t] = (vector[k * T + t] as number) - e * (d.vector[k] as number);
      }
    }
    const shrink = 1 - DECAY * rate;
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) * shrink;
    for (let k = 0; k < vector.length; k++) vector[k] = (vector[k] as number) * shrink;
  }
  return { part: { unitId, targets: [...targets], weights, vector, scale: 1, bias }, keys };
}

/**
 * Fits every unit's part from the view's example sentences (each labelled with its target) and its labelled
 * accounts (each unit's gold targets sharing the label); deterministic for a seed.
 */
export function fitCriterionClassifier(
  index: ScorerIndex,
  view: View,
  accountTerms: ReadonlyArray<readonly string[]>,
  seed: number,
): CriterionClassifier {
  const dims = index.examples[0]?.vector.length ?? index.accounts[0]?.vector.length ?? 100;
  const byUnit = new Map<string, Doc[]>();
  const position = new Map<number, [string, number]>();
  for (const u of index.units.values())
    [...u.criteria, ...u.knowledge].forEach((t, i) => {
      position.set(t, [u.id, i]);
    });
  const docsOf = (unitId: string) => {
    const list = byUnit.get(unitId) ?? [];
    byUnit.set(unitId, list);
    return list;
  };
  const df = new Map<string, number>();
  const count = (keys: readonly string[]) => {
    for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  };
  view.positives.forEach((list, target) => {
    const at = position.get(target);
    if (!at) return;
    for (const i of list) {
      const e = index.examples[i];
      if (!e) continue;
      const keys = documentKeys(e.terms);
      count(keys);
      docsOf(at[0]).push({ keys, vector: e.vector, labels: [[at[1], 1]], weight: 1 });
    }
  });
  for (const i of view.accounts) {
    const a = index.accounts[i];
    if (!a || a.notEvidence) continue;
    const keys = documentKeys(accountTerms[i] ?? []);
    count(keys);
    for (const unitId of [...a.units].sort()) {
      const unit = index.units.get(unitId);
      if (!unit) continue;
      const labels = [...unit.criteria, ...unit.knowledge]
        .map((t, k) => [t, k] as const)
        .filter(([t]) => a.targets.has(index.targets[t]?.id ?? ""))
        .map(([, k]) => k);
      if (!labels.length) continue;
      docsOf(unitId).push({
        keys,
        vector: a.vector,
        labels: labels.map((k) => [k, 1 / labels.length]),
        weight: ACCOUNT_WEIGHT,
      });
    }
  }
  const keep = (k: string) => (df.get(k) ?? 0) >= MIN_DF;
  const fittedParts: Array<{ part: Omit<UnitPart, "rows">; keys: string[] }> = [];
  let s = seed;
  for (const u of [...index.units.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const docs = byUnit.get(u.id);
    const targets = [...u.criteria, ...u.knowledge];
    s += 1;
    if (!docs?.length || targets.length < 2) continue;
    fittedParts.push(fitPart(u.id, targets, docs, keep, dims, s));
  }
  const dictionary = [...new Set(fittedParts.flatMap((p) => p.keys))].sort();
  const terms = new TermDictionary(dictionary);
  const parts = new Map<string, UnitPart>();
  for (const { part, keys } of fittedParts)
    parts.set(part.unitId, { ...part, rows: Int32Array.from(keys, (k) => terms.ids.get(k) as number) });
  return { terms, parts, dims };
}

/** Per target of the candidate units: the text's probability among its unit's targets, its logit against the unit's best, its best sentence's probability and its mean over the sentences. */
export interface CriterionScores {
  whole: number;
  margin: number;
  bestSentence: number;
  sentences: number;
}

const NONE: CriterionScores = { whole: 0, margin: -2, bestSentence: 0, sentences: 0 };

/** A part's logits for a document's ids (ascending) and vector, into `z`; both id lists are walked together. */
function partLogits(part: UnitPart, ids: Int32Array, vec: Float32Array, dims: number, z: Float64Array): void {
  const T = part.targets.length;
  const { rows, weights, scale } = part;
  const found: number[] = [];
  let r = 0;
  for (let i = 0; i < ids.length && r < rows.length; i++) {
    const id = ids[i] as number;
    // The first row at or after id, by halving from the last one found (ids ascend).
    let hi = rows.length;
    while (r < hi) {
      const mid = (r + hi) >> 1;
      if ((rows[mid] as number) < id) r = mid + 1;
      else hi = mid;
    }
    if (r < rows.length && rows[r] === id) found.push(r);
  }
  for (let t = 0; t < T; t++) z[t] = 0;
  const xs = 1 / Math.sqrt(Math.max(1, found.length));
  for (const row of found) {
    const base = row * T;
    for (let t = 0; t < T; t++) z[t] = (z[t] as number) + (weights[base + t] as number);
  }
  for (let t = 0; t < T; t++) z[t] = (z[t] as number) * xs;
  // The vector weights target by target (byTarget: targets × dims), one dot product each.
  const byTarget = vectorByTarget(part, dims);
  for (let t = 0; t < T; t++) {
    // Four sums side by side: the loop's additions do not wait on one another.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const base = t * dims;
    let k = 0;
    for (; k + 3 < dims; k += 4) {
      s0 += (vec[k] as number) * (byTarget[base + k] as number);
      s1 += (vec[k + 1] as number) * (byTarget[base + k + 1] as number);
      s2 += (vec[k + 2] as number) * (byTarget[base + k + 2] as number);
      s3 += (vec[k + 3] as number) * (byTarget[base + k + 3] as number);
    }
    for (; k < dims; k++) s0 += (vec[k] as number) * (byTarget[base + k] as number);
    z[t] = ((z[t] as number) + s0 + s1 + s2 + s3) * scale + (part.bias[t] as number);
  }
}

/** Per part: its vector weights laid out targets × dims (stored dims × targets), made once. */
const transposed = new WeakMap<UnitPart, Float32Array>();

function vectorByTarget(part: UnitPart, dims: number): Float32Array {
  const known = transposed.get(part);
  if (known) return known;
  const T = part.targets.length;
  const out = new Float32Array(T * dims);
  for (let k = 0; k < dims; k++)
    for (let t = 0; t < T; t++) out[t * dims + k] = part.vector[k * T + t] as number;
  transposed.set(part, out);
  return out;
}

/**
 * CriterionScores of every target by target position (index.targets), as columns: a target the classifier
 * did not score has NONE's values. Reused from text to text: valid until the next call.
 */
export interface CriterionScoreTable {
  whole: Float64Array;
  margin: Float64Array;
  bestSentence: Float64Array;
  sentences: Float64Array;
  /** The targets scored, unit after unit, each unit's in its part's order. */
  scored: number[];
}

/** The table's columns and the per-part buffers, reused from text to text. */
const scoreBuffers = {
  whole: float64s(),
  margin: float64s(),
  bestSentence: float64s(),
  sentences: float64s(),
  z: float64s(),
};

/** The classifier's view of a text against its candidate units' targets (by target position); empty without a classifier. */
export function criterionClassifierScores(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  units: readonly string[],
): Map<number, CriterionScores> {
  const table = criterionScoreTable(index, view, text, units);
  const out = new Map<number, CriterionScores>();
  for (const target of table.scored)
    out.set(target, {
      whole: table.whole[target] as number,
      margin: table.margin[target] as number,
      bestSentence: table.bestSentence[target] as number,
      sentences: table.sentences[target] as number,
    });
  return out;
}

/** criterionClassifierScores into the reused columns, with no object a target. */
export function criterionScoreTable(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  units: readonly string[],
): CriterionScoreTable {
  const n = index.targets.length;
  const b = scoreBuffers;
  const table: CriterionScoreTable = {
    whole: b.whole.take(n, NONE.whole),
    margin: b.margin.take(n, NONE.margin),
    bestSentence: b.bestSentence.take(n, NONE.bestSentence),
    sentences: b.sentences.take(n, NONE.sentences),
    scored: [],
  };
  const clf = criterionClassifiers.of(index, view);
  if (!clf) return table;
  const parts = units.map((u) => clf.parts.get(u)).filter((p) => p !== undefined);
  if (!parts.length) return table;
  const whole = clf.terms.idsOf(text.terms);
  const sentences = text.segments
    .filter((g) => g.terms.length >= 2)
    .map((g) => ({ ids: clf.terms.idsOf(g.terms), vector: g.vector }));
  const nSentences = Math.max(1, sentences.length);
  for (const part of parts) {
    const T = part.targets.length;
    const z = b.z.take(T);
    partLogits(part, whole, text.vector, clf.dims, z);
    let best = Number.NEGATIVE_INFINITY;
    for (let t = 0; t < T; t++) if ((z[t] as number) > best) best = z[t] as number;
    const zs = T === z.length ? z : z.subarray(0, T);
    for (let t = 0; t < T; t++)
      table.margin[part.targets[t] as number] = Math.max(-10, (z[t] as number) - best) / 5;
    softmaxInPlace(zs);
    // The best sentence and the sum over the sentences, from zero, added to in sentence order.
    for (let t = 0; t < T; t++) {
      const target = part.targets[t] as number;
      table.whole[target] = z[t] as number;
      table.bestSentence[target] = 0;
      table.sentences[target] = 0;
    }
    for (const s of sentences) {
      partLogits(part, s.ids, s.vector, clf.dims, z);
      softmaxInPlace(zs);
      for (let t = 0; t < T; t++) {
        const target = part.targets[t] as number;
        table.sentences[target] = (table.sentences[target] as number) + (z[t] as number);
        if ((z[t] as number) > (table.bestSentence[target] as number))
          table.bestSentence[target] = z[t] as number;
      }
    }
    for (let t = 0; t < T; t++) {
      const target = part.targets[t] as number;
      table.sentences[target] = (table.sentences[target] as number) / nSentences;
      table.scored.push(target);
    }
  }
  return table;
}

/** A target's scores, or the ones of a target the classifier does not know. */
export function scoresOf(scores: ReadonlyMap<number, CriterionScores>, target: number): CriterionScores {
  return scores.get(target) ?? NONE;
}

/** The view's classifier as stored in the model file and its arrays (null when the view has none). */
export function storedCriterionClassifier(
  index: ScorerIndex,
  view: View,
): { stored: StoredCriterionClassifier; arrays: CriterionArrays } | null {
  const clf = criterionClassifiers.of(index, view);
  return clf ? packCriterionClassifier(index, clf) : null;
}

/** A classifier (fitted, or loaded) as the model file keeps it: int8 weights with one scale per unit's part. */
export function packCriterionClassifier(
  index: ScorerIndex,
  clf: CriterionClassifier,
): { stored: StoredCriterionClassifier; arrays: CriterionArrays } {
  const rows: Int8Array[] = [];
  const weights: Int8Array[] = [];
  const vectors: Int8Array[] = [];
  const units: StoredCriterionClassifier["units"] = [];
  for (const part of clf.parts.values()) {
    const real = (w: Int8Array | Float32Array) => Float64Array.from(w, (v) => v * part.scale);
    const [w, v] = [real(part.weights), real(part.vector)];
    let max = 1e-9;
    for (const x of w) max = Math.max(max, Math.abs(x));
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = Number((max / 127).toPrecision(6));
    const ids = Int32Array.from(part.rows);
    rows.push(new Int8Array(ids.buffer));
    weights.push(quantise(w, scale));
    vectors.push(quantise(v, scale));
    units.push({
      unit: part.unitId,
      targets: part.targets.map((t) => index.targets[t]?.id ?? ""),
      rows: part.rows.length,
      scale,
      bias: [...part.bias].map((b) => Math.round(b * 1000) / 1000),
    });
  }
  return {
    stored: { terms: [...clf.terms.terms], dims: clf.dims, units },
    arrays: { rows: concatBytes(rows), weights: concatBytes(weights), vector: concatBytes(vectors) },
  };
}

/**
 * A stored classifier ready to score: the weights stay int8, views into the binary part; the term ids are
 * copied once into one aligned buffer. A part whose unit or targets the catalogue lacks is left out.
 */
export function unpackCriterionClassifier(
  index: ScorerIndex,
  stored: StoredCriterionClassifier,
  arrays: CriterionArrays,
): CriterionClassifier {
  const allRows = new Int32Array(arrays.rows.byteLength / 4);
  new Uint8Array(allRows.buffer).set(
    new Uint8Array(arrays.rows.buffer, arrays.rows.byteOffset, arrays.rows.byteLength),
  );
  const parts = new Map<string, UnitPart>();
  let row = 0;
  let weight = 0;
  let vec = 0;
  for (const u of stored.units) {
    const T = u.targets.length;
    const targets = u.targets.map((id) => index.targetIndex.get(id) ?? -1);
    if (index.units.has(u.unit) && targets.every((t) => t >= 0))
      parts.set(u.unit, {
        unitId: u.unit,
        targets,
        rows: allRows.subarray(row, row + u.rows),
        weights: arrays.weights.subarray(weight, weight + u.rows * T),
        vector: arrays.vector.subarray(vec, vec + stored.dims * T),
        scale: u.scale,
        bias: Float32Array.from(u.bias),
      });
    row += u.rows;
    weight += u.rows * T;
    vec += stored.dims * T;
  }
  return { terms: new TermDictionary(stored.terms), parts, dims: stored.dims };
}
