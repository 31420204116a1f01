// The learned scorer's index: targets (criteria, knowledge items, situations), their BM25 documents, example sentences and labelled accounts.
import { createHash } from "node:crypto";
import type { Catalogue } from "../standards/catalogue.ts";
import { Bm25Index } from "./bm25.ts";
import { analyse } from "./nlp.ts";
import { contentTerms } from "./text.ts";
import { sentenceVector, type WordVectors } from "./vectors.ts";

export type TargetKind = "criterion" | "knowledge" | "situation";

export interface Target {
  id: string;
  kind: TargetKind;
  /** The unit of a criterion or knowledge item; "" for a situation. */
  unitId: string;
  text: string;
  vector: Float32Array;
  /** Catalogue cues of a situation as word sequences, as written. */
  cues: string[][];
}

/** An example sentence of the corpus, analysed. */
export interface Example {
  target: number;
  positive: boolean;
  workplace: string;
  terms: string[];
  vector: Float32Array;
}

/** A labelled account of the corpus, analysed. */
export interface AccountRef {
  workplace: string;
  vector: Float32Array;
  notEvidence: boolean;
  registered: Set<string>;
  units: Set<string>;
  /** Criteria and knowledge items. */
  targets: Set<string>;
  situations: Set<string>;
  /**
   * The SIF vectors of its segments, one after another (for sentence-level neighbours): float rows, or, from
   * a loaded model, int8 rows (a quarter of the memory) that read as (value ÷ 127) ÷ the row's `segmentNorm`.
   */
  segments: Float32Array | Int8Array;
  /** With int8 rows: each row's norm of its values ÷ 127. */
  segmentNorm?: Float64Array;
}

export interface UnitInfo {
  id: string;
  title: string;
  criteria: number[];
  knowledge: number[];
  /** Situations of the unit's evidence-requirement ranges. */
  situations: Set<string>;
}

/** What the examples and accounts of one view (all, or all but one workplace) contribute. */
export interface View {
  exampleDocs: Bm25Index;
  positives: number[][];
  negatives: number[][];
  /** The positive and near-miss example vectors, one target's after another, and where each target's start and end (in vectors). */
  positiveMatrix: Float32Array;
  positiveStart: Int32Array;
  negativeMatrix: Float32Array;
  negativeStart: Int32Array;
  accounts: number[];
  /** The evidence accounts' segment vectors, one after another (float rows, or int8 rows with their norms), and the account each belongs to. */
  segmentMatrix: Float32Array | Int8Array;
  segmentNorm: Float64Array | null;
  segmentOwner: Int32Array;
  /** Per account (by its index in the corpus): its first segment row and one past its last (equal when none). */
  segmentFrom: Int32Array;
  segmentTo: Int32Array;
  /** Per unit: unit-length mean vector of the accounts that evidence it (zero when none). */
  unitCentroids: Map<string, Float32Array>;
  /** Per unit: how often an account that has it on the plan evidences it (smoothed). */
  unitPriors: Map<string, number>;
  /** Per criterion or knowledge item: how often an account with its unit on the plan shows it (smoothed). */
  targetPriors: Map<string, number>;
}

export interface ScorerIndex {
  catalogue: Catalogue;
  vectors: WordVectors | null;
  targets: Target[];
  targetIndex: Map<string, number>;
  units: Map<string, UnitInfo>;
  situationTargets: number[];
  textDocs: Bm25Index;
  unitDocs: Bm25Index;
  unitOrder: string[];
  unitPosition: Map<string, number>;
  /** The catalogue's service acts as the model stored them; undefined: served.ts reads them from the targets. */
  serviceActs: ReadonlySet<string> | undefined;
  examples: Example[];
  accounts: AccountRef[];
  /**
   * The examples and accounts without one workplace's: `examples: false` keeps every example and leaves
   * out only that workplace's accounts (an account is never its own neighbour).
   */
  view(excludeWorkplace?: string, options?: { examples?: boolean }): View;
  /**
   * A view without the examples and accounts the predicates name, cached under `key` (the honest
   * cross-validation's: a held-out register's sentences and accounts, and a workplace's accounts).
   */
  viewWithout(key: string, example: (i: number) => boolean, account: (i: number) => boolean): View;
}

/** A catalogue text as the targets read it: its words as written, lower case (for vectors and cues), and its content lemmas (for BM25). */
export interface TextReading {
  words: string[];
  terms: string[];
}

/**
 * The catalogue as training read it, stored with the model so that loading need not read it again (about
 * half a second of start-up): the SHA-256 of the texts in the order buildTargets reads them, each text's
 * words and terms joined by spaces, the service acts those texts give (src/mapping/served.ts), and the
 * lemmas of the cues that matching read (src/mapping/cues.ts). The texts' readings and the acts are used
 * only when the catalogue's texts hash the same; a cue's lemmas belong to its words, whatever the catalogue.
 */
export interface StoredReadings {
  sha256: string;
  words: string[];
  terms: string[];
  acts: string[];
  cueLemmas: Array<[string, string]>;
}

/** Reads a catalogue text with wink-nlp. A cue's words are as written: "was packed" must not match "was packing". */
function readText(text: string): TextReading {
  const analysis = analyse(text);
  return {
    words: analysis.tokens.filter((t) => t.word).map((t) => t.value.toLowerCase()),
    terms: contentTerms(analysis),
  };
}

const splitWords = (joined: string | undefined): string[] => (joined ? joined.split(" ") : []);

/**
 * Targets and their catalogue documents. With `stored` readings of the same texts, they are taken from
 * there, with the service acts; otherwise every text is read again (a catalogue changed since training).
 */
export function buildTargets(catalogue: Catalogue, vectors: WordVectors | null, stored?: StoredReadings) {
  if (stored) {
    let at = 0;
    const built = targetsReading(catalogue, vectors, () => {
      const reading = { words: splitWords(stored.words[at]), terms: splitWords(stored.terms[at]) };
      at++;
      return reading;
    });
    if (built.readings.sha256 === stored.sha256 && at === stored.words.length)
      return { ...built, serviceActs: new Set(stored.acts) as ReadonlySet<string> | undefined };
  }
  return { ...targetsReading(catalogue, vectors, readText), serviceActs: undefined };
}

/** Targets and their catalogue documents, each catalogue text read by `read`; records the readings (without acts and cues) and their texts' hash. */
function targetsReading(
  catalogue: Catalogue,
  vectors: WordVectors | null,
  read: (text: string) => TextReading,
) {
  const hash = createHash("sha256");
  const readings: StoredReadings = { sha256: "", words: [], terms: [], acts: [], cueLemmas: [] };
  const readOne = (text: string): TextReading => {
    hash.update(`${text}\n`);
    const reading = read(text);
    readings.words.push(reading.words.join(" "));
    readings.terms.push(reading.terms.join(" "));
    return reading;
  };
  const targets: Target[] = [];
  const targetIndex = new Map<string, number>();
  const units = new Map<string, UnitInfo>();
  const textDocs = new Bm25Index({ k1: 1.2, b: 0.5 });
  const unitDocs = new Bm25Index({ k1: 1.2, b: 0.75 });
  const unitOrder: string[] = [];
  const add = (target: Omit<Target, "vector">, extra: string[] = []) => {
    const reading = readOne([target.text, ...extra].join(". "));
    targetIndex.set(target.id, targets.length);
    targets.push({ ...target, vector: sentenceVector(vectors, reading.words) });
    textDocs.add([{ terms: reading.terms, weight: 1 }]);
    return targets.length - 1;
  };
  for (const unit of catalogue.units.values()) {
    const info: UnitInfo = {
      id: unit.id,
      title: unit.title,
      criteria: [],
      knowledge: [],
      situations: new Set(),
    };
    for (const e of unit.elements)
      for (const c of e.criteria)
        info.criteria.push(add({ id: c.id, kind: "criterion", unitId: unit.id, text: c.text, cues: [] }));
    for (const k of unit.knowledge)
      info.knowledge.push(add({ id: k.id, kind: "knowledge", unitId: unit.id, text: k.text, cues: [] }));
    for (const r of unit.evidenceRequirements ?? [])
      for (const range of r.ranges) info.situations.add(range.situation);
    units.set(unit.id, info);
    unitOrder.push(unit.id);
    const unitText = [
      unit.title,
      unit.summary,
      ...unit.keyWords,
      ...unit.elements.flatMap((e) => e.criteria.map((c) => c.text)),
    ];
    unitDocs.add([{ terms: readOne(unitText.join(". ")).terms, weight: 1 }]);
  }
  const situationTargets: number[] = [];
  for (const s of catalogue.situations.values()) {
    const cues = s.cues.map((cue) => readOne(cue).words);
    situationTargets.push(
      add({ id: `situation:${s.id}`, kind: "situation", unitId: "", text: s.label, cues }, s.cues),
    );
  }
  textDocs.finalise();
  unitDocs.finalise();
  readings.sha256 = hash.digest("hex");
  const unitPosition = new Map(unitOrder.map((u, i) => [u, i]));
  return {
    targets,
    targetIndex,
    units,
    textDocs,
    unitDocs,
    unitOrder,
    unitPosition,
    situationTargets,
    readings,
  };
}

/** Builds a view of the examples and accounts, leaving out one workplace's (to featurise that workplace's training texts). */
export function buildView(
  targetsCount: number,
  examples: readonly Example[],
  accounts: readonly AccountRef[],
  excludeWorkplace?: string,
  excludeExamples = true,
  leaveOut?: { example: (i: number) => boolean; account: (i: number) => boolean },
): View {
  const exampleDocs = new Bm25Index({ k1: 1.2, b: 0.75 });
  const positives: number[][] = Array.from({ length: targetsCount }, () => []);
  const negatives: number[][] = Array.from({ length: targetsCount }, () => []);
  const terms: string[][] = Array.from({ length: targetsCount }, () => []);
  examples.forEach((e, i) => {
    if (excludeExamples && excludeWorkplace !== undefined && e.workplace === excludeWorkplace) return;
    if (leaveOut?.example(i)) return;
    if (e.positive) {
      (positives[e.target] as number[]).push(i);
      (terms[e.target] as string[]).push(...e.terms);
    } else (negatives[e.target] as number[]).push(i);
  });
  for (const t of terms) exampleDocs.add([{ terms: t, weight: 1 }]);
  exampleDocs.finalise();
  const kept: number[] = [];
  const sums = new Map<string, Float32Array>();
  const registered = new Map<string, number>();
  const evidenced = new Map<string, number>();
  const shown = new Map<string, number>();
  accounts.forEach((a, i) => {
    if (excludeWorkplace !== undefined && a.workplace === excludeWorkplace) return;
    if (leaveOut?.account(i)) return;
    kept.push(i);
    if (!a.notEvidence)
      for (const u of a.registered) {
        registered.set(u, (registered.get(u) ?? 0) + 1);
        if (a.units.has(u)) evidenced.set(u, (evidenced.get(u) ?? 0) + 1);
      }
    for (const t of a.targets) shown.set(t, (shown.get(t) ?? 0) + 1);
    for (const u of a.units) {
      let s = sums.get(u);
      if (!s) {
        s = new Float32Array(a.vector.length);
        sums.set(u, s);
      }
      for (let d = 0; d < s.length; d++) s[d] = (s[d] as number) + (a.vector[d] as number);
    }
  });
  for (const s of sums.values()) {
    let n = 0;
    for (const x of s) n += x * x;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < s.length; d++) s[d] = (s[d] as number) / n;
  }
  const matrix = (lists: number[][]) => {
    const dims = examples[0]?.vector.length ?? 100;
    const start = new Int32Array(lists.length + 1);
    let n = 0;
    lists.forEach((l, t) => {
      start[t] = n;
      n += l.length;
    });
    start[lists.length] = n;
    // The view that keeps every example reads the rows where the model loaded them; the others copy theirs.
    const inPlace = sharedRows(lists.flatMap((l) => l.map((i) => (examples[i] as Example).vector)));
    const m = inPlace ?? new Float32Array(n * dims);
    let at = 0;
    if (!inPlace)
      for (const l of lists)
        for (const i of l) {
          m.set((examples[i] as Example).vector, at * dims);
          at++;
        }
    return { m, start };
  };
  const pos = matrix(positives);
  const neg = matrix(negatives);
  const dims = examples[0]?.vector.length ?? accounts[0]?.vector.length ?? 100;
  const owned = kept.filter((i) => !(accounts[i] as AccountRef).notEvidence);
  const rows = owned.reduce((n, i) => n + (accounts[i] as AccountRef).segments.length / dims, 0);
  // The view that keeps every account reads the rows where the model loaded them; the others copy theirs.
  const int8 = owned.some((i) => (accounts[i] as AccountRef).segments instanceof Int8Array);
  const inPlace = int8
    ? sharedInt8Rows(owned.map((i) => (accounts[i] as AccountRef).segments as Int8Array))
    : sharedRows(owned.map((i) => (accounts[i] as AccountRef).segments as Float32Array));
  const segmentMatrix = inPlace ?? (int8 ? new Int8Array(rows * dims) : new Float32Array(rows * dims));
  const normInPlace = int8 ? sharedNorms(owned.map((i) => segmentNormOf(accounts[i] as AccountRef))) : null;
  const segmentNorm = int8 ? (normInPlace ?? new Float64Array(rows)) : null;
  const segmentOwner = new Int32Array(rows);
  const segmentFrom = new Int32Array(accounts.length);
  const segmentTo = new Int32Array(accounts.length);
  let row = 0;
  for (const i of owned) {
    const account = accounts[i] as AccountRef;
    const seg = account.segments;
    if (!inPlace) segmentMatrix.set(seg, row * dims);
    if (segmentNorm && !normInPlace) segmentNorm.set(segmentNormOf(account), row);
    segmentFrom[i] = row;
    for (let r = 0; r < seg.length / dims; r++) segmentOwner[row + r] = i;
    row += seg.length / dims;
    segmentTo[i] = row;
  }
  const unitPriors = new Map<string, number>();
  for (const [u, n] of registered) unitPriors.set(u, ((evidenced.get(u) ?? 0) + 1) / (n + 3));
  const targetPriors = new Map<string, number>();
  for (const [t, n] of shown) {
    const unit = t.includes(".K.") ? t.split(".K.")[0] : t.split(".").slice(0, -2).join(".");
    targetPriors.set(t, (n + 0.5) / ((registered.get(unit as string) ?? 0) + 5));
  }
  return {
    targetPriors,
    exampleDocs,
    positives,
    negatives,
    positiveMatrix: pos.m,
    positiveStart: pos.start,
    negativeMatrix: neg.m,
    negativeStart: neg.start,
    accounts: kept,
    segmentMatrix,
    segmentNorm,
    segmentOwner,
    segmentFrom,
    segmentTo,
    unitCentroids: sums,
    unitPriors,
  };
}

/** The index over a catalogue and an analysed corpus (examples and accounts). */
export function buildScorerIndex(
  catalogue: Catalogue,
  vectors: WordVectors | null,
  examples: Example[],
  accounts: AccountRef[],
  targets?: ReturnType<typeof buildTargets>,
): ScorerIndex {
  // The readings are for the model file only: the index does not keep them.
  const { readings: _readings, ...base } = targets ?? buildTargets(catalogue, vectors);
  const views = new Map<string, View>();
  return {
    catalogue,
    vectors,
    ...base,
    examples,
    accounts,
    view(excludeWorkplace, options) {
      const withExamples = options?.examples ?? true;
      const key = `${excludeWorkplace ?? "\u0000all"}|${withExamples}`;
      let v = views.get(key);
      if (!v) {
        v = buildView(base.targets.length, examples, accounts, excludeWorkplace, withExamples);
        views.set(key, v);
      }
      return v;
    },
    viewWithout(key, example, account) {
      let v = views.get(`without|${key}`);
      if (!v) {
        v = buildView(base.targets.length, examples, accounts, undefined, false, { example, account });
        views.set(`without|${key}`, v);
      }
      return v;
    },
  };
}

/** An account's int8 rows' norms (a loaded model sets them with the rows). */
function segmentNormOf(account: AccountRef): Float64Array {
  if (!account.segmentNorm)
    throw new Error("An account's int8 sentence rows came without their norms: the model is broken.");
  return account.segmentNorm;
}

/** The same as sharedRows, for int8 rows. */
function sharedInt8Rows(rows: readonly Int8Array[]): Int8Array | null {
  const all = contiguous(rows);
  return all && new Int8Array(all.buffer, all.offset, all.bytes);
}

/** The same as sharedRows, for the int8 rows' norms. */
function sharedNorms(rows: readonly Float64Array[]): Float64Array | null {
  const all = contiguous(rows);
  return all && new Float64Array(all.buffer, all.offset, all.bytes / 8);
}

/** Where arrays that lie one after another in one buffer start, and their bytes together; null when they do not. */
function contiguous(
  rows: readonly ArrayBufferView[],
): { buffer: ArrayBufferLike; offset: number; bytes: number } | null {
  const first = rows[0];
  if (!first) return null;
  let end = first.byteOffset;
  for (const r of rows) {
    if (r.buffer !== first.buffer || r.byteOffset !== end) return null;
    end += r.byteLength;
  }
  return { buffer: first.buffer, offset: first.byteOffset, bytes: end - first.byteOffset };
}

/** The rows as one matrix without copying, when they already lie one after another in one buffer (as the model loads them); else null. */
export function sharedRows(rows: readonly Float32Array[]): Float32Array | null {
  const all = contiguous(rows);
  return all && new Float32Array(all.buffer, all.offset, all.bytes / 4);
}
