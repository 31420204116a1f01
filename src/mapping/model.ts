// The trained model file (data/training/model/mapper-model.json): weights, thresholds and the analysed corpus, and loading it into a scorer.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Catalogue } from "../standards/catalogue.ts";
import { DEFAULT_THRESHOLDS, type Thresholds } from "./assemble.ts";
import type { Models } from "./scorer.ts";
import {
  type AccountRef,
  buildScorerIndex,
  buildTargets,
  type Example,
  type ScorerIndex,
} from "./scorer-index.ts";
import { type StoredUnitClassifier, unpackUnitClassifier, useUnitClassifier } from "./unit-classifier.ts";
import type { WordVectors } from "./vectors.ts";

export const DEFAULT_MODEL_PATH = fileURLToPath(
  new URL("../../data/training/model/mapper-model.json", import.meta.url),
);

export interface StoredAccount {
  workplace: string;
  vector: string;
  notEvidence: boolean;
  registered: string[];
  units: string[];
  targets: string[];
  situations: string[];
  /** Its segments' int8 vectors (each unit length ×127), one after another, in base64. */
  segments?: string;
}

export interface ModelFile {
  format: 1;
  seed: number;
  /** SHA-256 of the corpus lines the model was trained on. */
  corpusHash: string;
  counts: { sentences: number; accounts: number; notEvidence: number };
  models: Models;
  thresholds: Thresholds;
  /** [target id, positive (1) or near miss (0), workplace, content lemmas joined by spaces, int8 vector in base64]. */
  examples: Array<[string, 0 | 1, string, string, string]>;
  accounts: StoredAccount[];
  /** The unit classifier fitted on every example and account (src/mapping/unit-classifier.ts). */
  unitClassifier?: StoredUnitClassifier;
  /** Cross-validation figures, as `npm run eval -- --by-register` prints them. */
  crossValidation: Record<string, unknown>;
}

/** A unit-length vector as int8 (×127) in base64. */
export function packVector(v: Float32Array): string {
  const bytes = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++)
    bytes[i] = Math.max(-127, Math.min(127, Math.round((v[i] as number) * 127)));
  return Buffer.from(bytes.buffer).toString("base64");
}

/** Rows of unit-length vectors as int8 (×127) in base64. */
export function packRows(rows: Float32Array): string {
  return packVector(rows);
}

/** Rows packed by packRows, each made unit length again. */
export function unpackRows(s: string | undefined, dims = 100): Float32Array {
  const bytes = new Int8Array(Buffer.from(s ?? "", "base64"));
  const v = new Float32Array(bytes.length);
  for (let r = 0; r + dims <= bytes.length; r += dims) {
    let n = 0;
    for (let d = 0; d < dims; d++) n += ((bytes[r + d] as number) / 127) ** 2;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < dims; d++) v[r + d] = (bytes[r + d] as number) / 127 / n;
  }
  return v;
}

/**
 * Every account's segment rows, unpacked into one buffer: the accounts that are evidence first, in order, so the
 * view that keeps them all (the one that maps) reads them where they are instead of copying them.
 */
function unpackAccountSegments(accounts: ModelFile["accounts"]): Float32Array[] {
  const unpacked = accounts.map((a) => unpackRows(a.segments));
  const total = unpacked.reduce((n, v) => n + v.length, 0);
  const all = new Float32Array(total);
  const out: Float32Array[] = new Array(accounts.length);
  let at = 0;
  for (const evidence of [true, false])
    accounts.forEach((a, i) => {
      if (a.notEvidence === evidence) return;
      const v = unpacked[i] as Float32Array;
      all.set(v, at);
      out[i] = all.subarray(at, at + v.length);
      at += v.length;
    });
  return out;
}

export function unpackVector(s: string, dims = 100): Float32Array {
  const bytes = new Int8Array(Buffer.from(s, "base64"));
  const v = new Float32Array(bytes.length || dims);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    v[i] = (bytes[i] as number) / 127;
    n += (v[i] as number) ** 2;
  }
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  return v;
}

/** The model file as stable JSON text (same model, same bytes). */
export function serialiseModel(model: ModelFile): string {
  return `${JSON.stringify(model)}\n`;
}

export function modelHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface LearnedMapper {
  index: ScorerIndex;
  models: Models;
  thresholds: Thresholds;
  /** Short description for people: which model answered. */
  description: string;
}

/** Builds the runtime scorer from a parsed model file. */
export function mapperFromModel(
  model: ModelFile,
  catalogue: Catalogue,
  vectors: WordVectors | null,
): LearnedMapper {
  const index0 = buildTargets(catalogue, vectors);
  const examples: Example[] = [];
  for (const [id, positive, workplace, terms, vector] of model.examples) {
    const target = index0.targetIndex.get(id);
    if (target === undefined) continue;
    examples.push({
      target,
      positive: positive === 1,
      workplace,
      terms: terms ? terms.split(" ") : [],
      vector: unpackVector(vector),
    });
  }
  const segments = unpackAccountSegments(model.accounts);
  const accounts: AccountRef[] = model.accounts.map((a, i) => ({
    workplace: a.workplace,
    vector: unpackVector(a.vector),
    notEvidence: a.notEvidence,
    registered: new Set(a.registered),
    units: new Set(a.units),
    targets: new Set(a.targets),
    situations: new Set(a.situations),
    segments: segments[i] as Float32Array,
  }));
  const index = buildScorerIndex(catalogue, vectors, examples, accounts, index0);
  if (model.unitClassifier) useUnitClassifier(index.view(), unpackUnitClassifier(model.unitClassifier));
  return {
    index,
    models: model.models,
    thresholds: { ...DEFAULT_THRESHOLDS, ...model.thresholds },
    description: `learned model ${model.corpusHash.slice(0, 8)} (${model.counts.sentences} sentences, ${model.counts.accounts} accounts, seed ${model.seed})`,
  };
}

/** Reads the shipped model file; null when it is missing or unreadable. */
export function readModelFile(path = DEFAULT_MODEL_PATH): ModelFile | null {
  try {
    const model = JSON.parse(readFileSync(path, "utf8")) as ModelFile;
    return model.format === 1 ? model : null;
  } catch {
    return null;
  }
}
