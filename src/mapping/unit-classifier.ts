// The unit classifier: a softmax regression over an account's lemmas, lemma pairs and mean word vector, trained on the corpus's whole accounts and example sentences, that says which unit a text (and each of its sentences) is about.

import { quantise } from "./int8.ts";
import { documentKeys } from "./lexicon.ts";
import { softmaxInPlace } from "./logistic.ts";
import { type PerView, perView, type Training } from "./per-view.ts";
import { random, shuffle } from "./random.ts";
import type { ScorerIndex, View } from "./scorer-index.ts";
import type { AnalysedText } from "./text.ts";

/** A fitted classifier: one weight per unit for each lemma or lemma pair kept, for each vector dimension, and a bias. */
export interface UnitClassifier {
  units: string[];
  /** Row of each kept lemma or pair in `weights`. */
  rows: Map<string, number>;
  /** rows × units. */
  weights: Float32Array;
  /** dims × units, for the text's unit-length mean word vector. */
  vector: Float32Array;
  bias: Float32Array;
  dims: number;
}

/** As stored in the model: int8 weights (× scale), kept in the model's binary part. */
export interface StoredUnitClassifier {
  units: string[];
  terms: string[];
  scale: number;
  weights: Int8Array;
  vector: Int8Array;
  bias: number[];
  dims: number;
}

/** A feature seen in fewer documents than this is left out (noise, and a smaller model file). */
const MIN_DF = 3;
const EPOCHS = 10;
const RATE = 1;
/** Weight decay per epoch (L2), and the weight of a whole account against one example sentence. */
const DECAY = 0.02;
const ACCOUNT_WEIGHT = 2;
/** The mean word vector's scale against the lemma features (each document's lemma features have norm 1). */
const VECTOR_SCALE = 1;

/** Each view's classifier: fitted in training from what the view keeps, or the loaded model's. */
export const unitClassifiers: PerView<UnitClassifier> = perView(fitForView);

interface Doc {
  keys: string[];
  vector: Float32Array;
  /** Target share per unit position. */
  labels: Array<[number, number]>;

  weight: number;
}

/** Fits the classifier on documents (deterministic: the seed orders the passes). */
export function fitUnitClassifier(
  units: readonly string[],
  docs: ReadonlyArray<{
    terms: readonly string[];
    vector: Float32Array;
    units: readonly string[];
    weight?: number;
  }>,
  seed: number,
  options: { epochs?: number; rate?: number; decay?: number } = {},
): UnitClassifier {
  const epochs = options.epochs ?? EPOCHS;
  const decay = options.decay ?? DECAY;
  const position = new Map(units.map((u, i) => [u, i]));
  const df = new Map<string, number>();
  const prepared: Doc[] = [];
  for (const d of docs) {
    const labels = d.units.filter((u) => position.has(u)).map((u) => position.get(u) as number);
    if (!labels.length) continue;
    const keys = documentKeys(d.terms);
    for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
    prepared.push({
      keys,
      vector: d.vector,
      labels: labels.map((l) => [l, 1 / labels.length]),
      weight: d.weight ?? 1,
    });
  }
  const kept = [...df.keys()].filter((k) => (df.get(k) ?? 0) >= MIN_DF).sort();
  const rows = new Map(kept.map((k, i) => [k, i]));
  const U = units.length;
  const dims = prepared[0]?.vector.length ?? 100;
  const weights = new Float32Array(kept.length * U);
  const vector = new Float32Array(dims * U);
  const bias = new Float32Array(U);
  const clf: UnitClassifier = { units: [...units], rows, weights, vector, bias, dims };
  const docRows = prepared.map((d) => d.keys.map((k) => rows.get(k)).filter((r) => r !== undefined));
  const order = prepared.map((_, i) => i);
  const rng = random(seed);
  const z = new Float64Array(U);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rng);
    const rate = (options.rate ?? RATE) / (1 + epoch);
    for (const di of order) {
      const d = prepared[di] as Doc;
      const r = docRows[di] as number[];
      const xs = 1 / Math.sqrt(Math.max(1, r.length));
      scoresInto(clf, r, xs, d.vector, z);
      softmaxInPlace(z);
      for (const [l, share] of d.labels) z[l] = (z[l] as number) - share;
      const g = rate * d.weight;
      for (let u = 0; u < U; u++) {
        // A unit the document already gets right to within a thousandth is left as it is (most of them, soon).
        if (Math.abs(z[u] as number) < 1e-3) continue;
        const e = g * (z[u] as number);
        bias[u] = (bias[u] as number) - e;
        const ex = e * xs;
        for (const row of r) weights[row * U + u] = (weights[row * U + u] as number) - ex;
        const ev = e * VECTOR_SCALE;
        for (let k = 0; k < dims; k++)
          vector[k * U + u] = (vector[k * U + u] as number) - ev * (d.vector[k] as number);
      }
    }
    const shrink = 1 - decay * rate;
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) * shrink;
    for (let k = 0; k < vector.length; k++) vector[k] = (vector[k] as number) * shrink;
  }
  return clf;
}

function scoresInto(
  clf: UnitClassifier,
  rows: readonly number[],
  xs: number,
  vec: Float32Array,
  z: Float64Array,
): void {
  const U = clf.units.length;
  for (let u = 0; u < U; u++) z[u] = clf.bias[u] as number;
  for (const row of rows) {
    const base = row * U;
    for (let u = 0; u < U; u++) z[u] = (z[u] as number) + xs * (clf.weights[base + u] as number);
  }
  for (let k = 0; k < clf.dims; k++) {
    const v = (vec[k] as number) * VECTOR_SCALE;
    if (v === 0) continue;
    const base = k * U;
    for (let u = 0; u < U; u++) z[u] = (z[u] as number) + v * (clf.vector[base + u] as number);
  }
}

/** Per classifier: a mark per row, and the mark of the document being read (rows seen once per document). */
const seenRows = new WeakMap<UnitClassifier, { marks: Uint32Array; mark: number }>();

/**
 * The classifier's rows for a document's features (documentKeys), in the same order, each once: found
 * straight from the lemmas, without the set of keys, and not kept (a text is read once).
 */
function documentRows(clf: UnitClassifier, terms: readonly string[]): number[] {
  let seen = seenRows.get(clf);
  if (!seen) {
    let size = 0;
    for (const r of clf.rows.values()) size = Math.max(size, r + 1);
    seen = { marks: new Uint32Array(size), mark: 0 };
    seenRows.set(clf, seen);
  }
  if (++seen.mark === 0xffffffff) {
    seen.marks.fill(0);
    seen.mark = 1;
  }
  const { marks, mark } = seen;
  const rows: number[] = [];
  const take = (r: number | undefined) => {
    if (r === undefined || marks[r] === mark) return;
    marks[r] = mark;
    rows.push(r);
  };
  for (let i = 0; i < terms.length; i++) {
    take(clf.rows.get(terms[i] as string));
    if (i + 1 < terms.length) take(clf.rows.get(`${terms[i]} ${terms[i + 1]}`));
  }
  return rows;
}

/** The classifier's logits for a document (every unit it knows). */
export function unitLogits(clf: UnitClassifier, terms: readonly string[], vec: Float32Array): Float64Array {
  const rows = documentRows(clf, terms);
  const z = new Float64Array(clf.units.length);
  scoresInto(clf, rows, 1 / Math.sqrt(Math.max(1, rows.length)), vec, z);
  return z;
}

/** Per candidate unit: the whole text's probability among the candidates, its logit against the best candidate's, and the share of sentences given to it (plain, and against the best candidate's). */
export interface UnitClassifierScores {
  whole: number[];
  margin: number[];
  sentences: number[];
  sentencesMargin: number[];
}

/** Softmax of the logits restricted to the candidates (-1 for a unit the classifier does not know). */
function restricted(z: Float64Array, at: readonly number[]): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const i of at) if (i >= 0 && (z[i] as number) > max) max = z[i] as number;
  const e = at.map((i) => (i >= 0 ? Math.exp((z[i] as number) - max) : 0));
  const sum = e.reduce((a, b) => a + b, 0) || 1;
  return e.map((v) => v / sum);
}

/** The classifier's view of a text against its candidate units (zeros when the view has no classifier). */
export function unitClassifierScores(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  candidates: readonly string[],
): UnitClassifierScores {
  const clf = unitClassifiers.of(index, view);
  const n = candidates.length;
  const zero = () => new Array<number>(n).fill(0);
  if (!clf || !n) return { whole: zero(), margin: zero(), sentences: zero(), sentencesMargin: zero() };
  const position = new Map(clf.units.map((u, i) => [u, i]));
  const at = candidates.map((u) => position.get(u) ?? -1);
  const z = unitLogits(clf, text.terms, text.vector);
  const whole = restricted(z, at);
  const known = at.filter((i) => i >= 0).map((i) => z[i] as number);
  const best = known.length ? Math.max(...known) : 0;
  const margin = at.map((i) => (i >= 0 ? Math.max(-10, (z[i] as number) - best) / 5 : -2));
  const sentences = zero();
  let counted = 0;
  for (const g of text.segments) {
    if (g.terms.length < 2) continue;
    const p = restricted(unitLogits(clf, g.terms, g.vector), at);
    for (let k = 0; k < n; k++) sentences[k] = (sentences[k] as number) + (p[k] as number);
    counted++;
  }
  if (counted) for (let k = 0; k < n; k++) sentences[k] = (sentences[k] as number) / counted;
  const top = Math.max(1e-9, ...sentences);
  return { whole, margin, sentences, sentencesMargin: sentences.map((s) => s - top) };
}

/** A view's classifier, fitted on its own examples (each labelled with its target's unit) and accounts. */
function fitForView(index: ScorerIndex, view: View, t: Training): UnitClassifier {
  const units = [...index.units.values()].filter((u) => u.criteria.length > 0).map((u) => u.id);
  const docs: Array<{ terms: readonly string[]; vector: Float32Array; units: string[]; weight?: number }> =
    [];
  view.positives.forEach((list, target) => {
    const unitId = index.targets[target]?.unitId;
    if (!unitId) return;
    for (const i of list) {
      const e = index.examples[i];
      if (e) docs.push({ terms: e.terms, vector: e.vector, units: [unitId] });
    }
  });
  for (const i of view.accounts) {
    const a = index.accounts[i];
    if (!a || a.notEvidence || !a.units.size) continue;
    docs.push({
      terms: t.accountTerms[i] ?? [],
      vector: a.vector,
      units: [...a.units].sort(),
      weight: ACCOUNT_WEIGHT,
    });
  }
  return fitUnitClassifier(units, docs, t.seed);
}

/** The classifier of a view as stored in the model file (null when the view has none). */
export function storedUnitClassifier(index: ScorerIndex, view: View): StoredUnitClassifier | null {
  const clf = unitClassifiers.of(index, view);
  return clf ? packUnitClassifier(clf) : null;
}

/** Packs a classifier as int8 weights with one scale; terms whose weights all round to zero are dropped. */
export function packUnitClassifier(clf: UnitClassifier): StoredUnitClassifier {
  const U = clf.units.length;
  let max = 1e-9;
  for (const w of clf.weights) max = Math.max(max, Math.abs(w));
  for (const w of clf.vector) max = Math.max(max, Math.abs(w));
  const scale = max / 127;
  const terms: string[] = [];
  const kept: number[] = [];
  for (const [term, row] of [...clf.rows].sort((a, b) => a[1] - b[1])) {
    let any = false;
    for (let u = 0; u < U; u++)
      if (Math.abs(clf.weights[row * U + u] as number) >= scale / 2) {
        any = true;
        break;
      }
    if (!any) continue;
    terms.push(term);
    kept.push(row);
  }
  const weights = new Float32Array(kept.length * U);
  kept.forEach((row, i) => {
    weights.set(clf.weights.subarray(row * U, row * U + U), i * U);
  });
  return {
    units: clf.units,
    terms,
    scale: Number(scale.toPrecision(6)),
    weights: quantise(weights, scale),
    vector: quantise(clf.vector, scale),
    bias: [...clf.bias].map((b) => Math.round(b * 1000) / 1000),
    dims: clf.dims,
  };
}

/** A stored classifier ready to score. */
export function unpackUnitClassifier(s: StoredUnitClassifier): UnitClassifier {
  const fromInt8 = (bytes: Int8Array) => {
    const out = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] as number) * s.scale;
    return out;
  };
  return {
    units: s.units,
    rows: new Map(s.terms.map((t, i) => [t, i])),
    weights: fromInt8(s.weights),
    vector: fromInt8(s.vector),
    bias: Float32Array.from(s.bias),
    dims: s.dims,
  };
}
