// The trained model (data/training/model/mapper-model.json and its binary part mapper-model.bin): weights, thresholds and the analysed corpus, writing and reading it, and loading it into a scorer.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Catalogue } from "../standards/catalogue.ts";
import { DEFAULT_THRESHOLDS, type Thresholds } from "./assemble.ts";
import {
  criterionClassifiers,
  type StoredCriterionClassifier,
  unpackCriterionClassifier,
} from "./criterion-classifier.ts";
import { knownCueLemmas } from "./cues.ts";
import type { Models } from "./scorer.ts";
import {
  type AccountRef,
  buildScorerIndex,
  buildTargets,
  type Example,
  type ScorerIndex,
  type StoredReadings,
} from "./scorer-index.ts";
import { type StoredUnitClassifier, unitClassifiers, unpackUnitClassifier } from "./unit-classifier.ts";
import type { WordVectors } from "./vectors.ts";

export const DEFAULT_MODEL_PATH = fileURLToPath(
  new URL("../../data/training/model/mapper-model.json", import.meta.url),
);

/** The model's format: 2 keeps the vectors and the unit classifier's weights in a binary part beside the JSON. */
export const MODEL_FORMAT = 2;

/** The binary part's path: the JSON part's with `.bin` for `.json` (mapper-model.bin). */
export function binaryPathFor(jsonPath: string): string {
  return `${jsonPath.replace(/\.json$/, "")}.bin`;
}

export interface StoredAccount {
  workplace: string;
  notEvidence: boolean;
  registered: string[];
  units: string[];
  targets: string[];
  situations: string[];
  /** How many segment rows it has in the binary part's `segmentVectors`. */
  segments: number;
}

/**
 * The model's big arrays, int8, row after row: unit-length vectors ×127 (`dims` bytes a row) and the unit
 * classifier's weights × its scale. In memory until written; views into the binary part once read.
 */
export interface ModelArrays {
  /** One row per entry of `examples`, in their order. */
  exampleVectors: Int8Array;
  /** One row per entry of `accounts`, in their order. */
  accountVectors: Int8Array;
  /** Every account's segment rows (sentence vectors), one account's after another. */
  segmentVectors: Int8Array;
  /** The unit classifier's weights (terms × units) and vector weights (dims × units); empty without one. */
  unitWeights: Int8Array;
  unitVector: Int8Array;
  /** The criterion classifier's term ids (32-bit little-endian), weights and vector weights, one unit's part after another; empty without one. */
  criterionRows: Int8Array;
  criterionWeights: Int8Array;
  criterionVector: Int8Array;
}

const ARRAY_NAMES = [
  "exampleVectors",
  "accountVectors",
  "segmentVectors",
  "unitWeights",
  "unitVector",
  "criterionRows",
  "criterionWeights",
  "criterionVector",
] as const satisfies ReadonlyArray<keyof ModelArrays>;

/** Where the binary part is and what it holds, so a stale or cut-short file is refused at load. */
export interface BinaryManifest {
  /** Its file name, beside the JSON part. */
  file: string;
  bytes: number;
  sha256: string;
  /** Each array's byte offset and length. */
  arrays: Record<keyof ModelArrays, [number, number]>;
}

/** The JSON part (mapper-model.json): weights, thresholds, the analysed corpus's labels and terms. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  seed: number;
  /** SHA-256 of the corpus lines the model was trained on. */
  corpusHash: string;
  counts: { sentences: number; accounts: number; notEvidence: number };
  /** Dimensions of the vectors in the binary part. */
  dims: number;
  /** Set by serialiseModel. */
  binary?: BinaryManifest;
  models: Models;
  thresholds: Thresholds;
  /** The catalogue as training read it, so that loading need not read it again (src/mapping/scorer-index.ts). */
  catalogueReadings?: StoredReadings;
  /** [target id, positive (1) or near miss (0), workplace, content lemmas joined by spaces]; vectors in the binary part. */
  examples: Array<[string, 0 | 1, string, string]>;
  accounts: StoredAccount[];
  /** The unit classifier fitted on every example and account (src/mapping/unit-classifier.ts); weights in the binary part. */
  unitClassifier?: Omit<StoredUnitClassifier, "weights" | "vector">;
  /** The per-unit criterion classifier (src/mapping/criterion-classifier.ts); its arrays in the binary part. */
  criterionClassifier?: StoredCriterionClassifier;
  /** Cross-validation figures, as `npm run eval -- --by-register` prints them. */
  crossValidation: Record<string, unknown>;
}

/** A model: its JSON part and its arrays. */
export interface Model {
  file: ModelFile;
  arrays: ModelArrays;
}

/** The vector of an example before decodeExamples sets it. */
const NO_VECTOR = new Float32Array(0);
/** The sentence rows of a not-evidence account, and their norms. */
const NO_ROWS = new Int8Array(0);
const NO_NORMS = new Float64Array(0);

/**
 * One whole-text vector (`dims` bytes at `from`) into `out` at `at`, made unit length again: the int8 values
 * ÷127 are stored as Float32 first and the norm taken of those.
 */
function decodeVector(bytes: Int8Array, from: number, dims: number, out: Float32Array, at: number): void {
  let n = 0;
  for (let d = 0; d < dims; d++) {
    out[at + d] = (bytes[from + d] as number) / 127;
    n += (out[at + d] as number) ** 2;
  }
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < dims; d++) out[at + d] = (out[at + d] as number) / n;
}

/**
 * The example vectors, decoded into one buffer in the order the full view's matrices hold them (positives by
 * target, then near misses by target, each in corpus order), so that view reads them where they are.
 */
function decodeExamples(
  examples: readonly Example[],
  rowOf: readonly number[],
  bytes: Int8Array,
  dims: number,
) {
  const order = examples.map((_, i) => i);
  order.sort((a, b) => {
    const x = examples[a] as Example;
    const y = examples[b] as Example;
    return Number(y.positive) - Number(x.positive) || x.target - y.target || a - b;
  });
  const all = new Float32Array(examples.length * dims);
  order.forEach((i, k) => {
    decodeVector(bytes, (rowOf[i] as number) * dims, dims, all, k * dims);
    (examples[i] as Example).vector = all.subarray(k * dims, (k + 1) * dims);
  });
}

/**
 * The evidence accounts' segment rows, copied into one int8 buffer in order (a quarter of what Float32 rows
 * took), with each row's norm of its values ÷ 127: the sentence neighbours read a row as (value ÷ 127) ÷ norm,
 * the unit-length vector decoding made before. The view that keeps them all (the one that maps) reads them
 * where they are. A not-evidence account's rows are left in the file: no view reads them (the sentence-level
 * neighbours vote with evidence accounts only).
 */
function accountSegments(
  accounts: ModelFile["accounts"],
  bytes: Int8Array,
  dims: number,
): { rows: Int8Array[]; norms: Float64Array[] } {
  const rows: Int8Array[] = new Array(accounts.length);
  const norms: Float64Array[] = new Array(accounts.length);
  const count = accounts.reduce((n, a) => n + (a.notEvidence ? 0 : a.segments), 0);
  const all = new Int8Array(count * dims);
  const allNorms = new Float64Array(count);
  let from = 0;
  let at = 0;
  accounts.forEach((a, i) => {
    if (a.notEvidence) {
      rows[i] = NO_ROWS;
      norms[i] = NO_NORMS;
    } else {
      all.set(bytes.subarray(from, from + a.segments * dims), at * dims);
      for (let r = 0; r < a.segments; r++) {
        let n = 0;
        for (let d = 0; d < dims; d++) n += ((all[(at + r) * dims + d] as number) / 127) ** 2;
        allNorms[at + r] = Math.sqrt(n) || 1;
      }
      rows[i] = all.subarray(at * dims, (at + a.segments) * dims);
      norms[i] = allNorms.subarray(at, at + a.segments);
      at += a.segments;
    }
    from += a.segments * dims;
  });
  return { rows, norms };
}

/**
 * The model as its two parts: the JSON text (stable: same model, same bytes) and the binary part, its arrays
 * one after another; the JSON part records the binary part's length, SHA-256 and where each array lies.
 */
export function serialiseModel(
  model: Model,
  binaryFile = "mapper-model.bin",
): { json: string; binary: Buffer } {
  const arrays = {} as BinaryManifest["arrays"];
  let at = 0;
  for (const name of ARRAY_NAMES) {
    arrays[name] = [at, model.arrays[name].length];
    at += model.arrays[name].length;
  }
  const binary = Buffer.concat(
    ARRAY_NAMES.map((name) => {
      const a = model.arrays[name];
      return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    }),
  );
  const m = model.file;
  // Keys in a fixed order, whichever way the model was made (trained, or read and written again).
  const file: ModelFile = {
    format: m.format,
    seed: m.seed,
    corpusHash: m.corpusHash,
    counts: m.counts,
    dims: m.dims,
    binary: { file: binaryFile, bytes: binary.length, sha256: modelHash(binary), arrays },
    models: m.models,
    thresholds: m.thresholds,
    catalogueReadings: m.catalogueReadings,
    examples: m.examples,
    accounts: m.accounts,
    unitClassifier: m.unitClassifier,
    criterionClassifier: m.criterionClassifier,
    crossValidation: m.crossValidation,
  };
  return { json: `${JSON.stringify(file)}\n`, binary };
}

export function modelHash(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * A model from its two parts; the arrays are views into `binary`, not copies. Throws, saying what is wrong
 * and what to do, when the format is not this one or the binary part is not the one the JSON part was written with.
 */
export function parseModel(json: string | ModelFile, binary: Uint8Array): Model {
  const file = (typeof json === "string" ? JSON.parse(json) : json) as ModelFile;
  const retrain = "run `npm run train` to write both parts again";
  if (file.format !== MODEL_FORMAT)
    throw new Error(`The mapper's model is in format ${file.format}, not ${MODEL_FORMAT}: ${retrain}.`);
  const manifest = file.binary;
  if (!manifest) throw new Error(`The mapper's model does not say where its binary part is: ${retrain}.`);
  if (binary.length !== manifest.bytes)
    throw new Error(
      `The mapper's binary part (${manifest.file}) has ${binary.length.toLocaleString("en-GB")} bytes, not the ${manifest.bytes.toLocaleString("en-GB")} the model was written with${binary.length < manifest.bytes ? " (cut short)" : ""}: ${retrain}.`,
    );
  if (modelHash(binary) !== manifest.sha256)
    throw new Error(
      `The mapper's binary part (${manifest.file}) is not the one its JSON part was written with: ${retrain}.`,
    );
  const arrays = {} as ModelArrays;
  for (const name of ARRAY_NAMES) {
    const [offset, length] = manifest.arrays[name] ?? [0, 0];
    arrays[name] = new Int8Array(binary.buffer, binary.byteOffset + offset, length);
  }
  return { file, arrays };
}

export interface LearnedMapper {
  index: ScorerIndex;
  models: Models;
  thresholds: Thresholds;
  /** Short description for people: which model answered. */
  description: string;
}

/** Builds the runtime scorer from a model: its vectors decoded once into a few large buffers, no copy per row. */
export function mapperFromModel(
  model: Model,
  catalogue: Catalogue,
  vectors: WordVectors | null,
): LearnedMapper {
  const { file, arrays } = model;
  const dims = file.dims;
  if (file.catalogueReadings) knownCueLemmas(file.catalogueReadings.cueLemmas);
  const index0 = buildTargets(catalogue, vectors, file.catalogueReadings);
  const examples: Example[] = [];
  /** Each kept example's row in the binary part (examples whose target the catalogue lacks are left out). */
  const rowOf: number[] = [];
  // One string per distinct lemma: "customer" is one string, not one for each of the thousand examples that say it.
  const lemmas = new Map<string, string>();
  const lemma = (w: string) => {
    const known = lemmas.get(w);
    if (known !== undefined) return known;
    lemmas.set(w, w);
    return w;
  };
  file.examples.forEach(([id, positive, workplace, terms], row) => {
    const target = index0.targetIndex.get(id);
    if (target === undefined) return;
    examples.push({
      target,
      positive: positive === 1,
      workplace,
      terms: terms ? terms.split(" ").map(lemma) : [],
      vector: NO_VECTOR,
    });
    rowOf.push(row);
  });
  decodeExamples(examples, rowOf, arrays.exampleVectors, dims);
  const accountVectors = new Float32Array(file.accounts.length * dims);
  const segments = accountSegments(file.accounts, arrays.segmentVectors, dims);
  const accounts: AccountRef[] = file.accounts.map((a, i) => {
    decodeVector(arrays.accountVectors, i * dims, dims, accountVectors, i * dims);
    return {
      workplace: a.workplace,
      vector: accountVectors.subarray(i * dims, (i + 1) * dims),
      notEvidence: a.notEvidence,
      registered: new Set(a.registered),
      units: new Set(a.units),
      targets: new Set(a.targets),
      situations: new Set(a.situations),
      segments: segments.rows[i] as Int8Array,
      segmentNorm: segments.norms[i] as Float64Array,
    };
  });
  const index = buildScorerIndex(catalogue, vectors, examples, accounts, index0);
  if (file.unitClassifier)
    unitClassifiers.use(
      index.view(),
      unpackUnitClassifier({
        ...file.unitClassifier,
        weights: arrays.unitWeights,
        vector: arrays.unitVector,
      }),
    );
  if (file.criterionClassifier)
    criterionClassifiers.use(
      index.view(),
      unpackCriterionClassifier(index, file.criterionClassifier, {
        rows: arrays.criterionRows,
        // Copies, so the binary part (four times their size: the vectors decoded above are most of it) can go.
        weights: arrays.criterionWeights.slice(),
        vector: arrays.criterionVector.slice(),
      }),
    );
  return {
    index,
    models: file.models,
    thresholds: { ...DEFAULT_THRESHOLDS, ...file.thresholds },
    description: `learned model ${file.corpusHash.slice(0, 8)} (${file.counts.sentences} sentences, ${file.counts.accounts} accounts, seed ${file.seed})`,
  };
}

/**
 * Reads the shipped model (its JSON part and the binary part beside it); null when there is none. A model
 * that is there but cannot be used (another format, a binary part cut short or from another training) throws
 * an error that says so.
 */
export function readModelFile(path = DEFAULT_MODEL_PATH): Model | null {
  let json: string;
  try {
    json = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  let file: ModelFile;
  try {
    file = JSON.parse(json) as ModelFile;
  } catch {
    throw new Error(
      `The mapper's model (${path}) is not valid JSON: run \`npm run train\` to write it again.`,
    );
  }
  let binary: Buffer;
  try {
    binary = readFileSync(binaryPathFor(path));
  } catch {
    throw new Error(
      `The mapper's binary part (${binaryPathFor(path)}) is missing: run \`npm run train\` to write both parts again.`,
    );
  }
  return parseModel(file, binary);
}
