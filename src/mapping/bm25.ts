// BM25F ranking over documents made of weighted fields of terms: the scoring core of the offline mapper and the baseline.

/** One field of a document: its terms and how much a match in it counts. */
export interface Field {
  terms: readonly string[];
  weight: number;
}

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b?: number;
}

/**
 * An in-memory BM25F index. Documents are numbered 0…n-1 in the order they are added; a field's
 * weight scales its term frequencies and its share of the document length.
 */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  /** Before finalise(): each term's postings as one flat list, document then tf (not a pair array a posting). */
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];
  /**
   * After finalise(): each term's number; its postings are `docs`/`tfs` from `starts[t]` to `starts[t + 1]`
   * (all terms' in one pair of typed arrays, not two small arrays a term), its idf `idfs[t]`; and each
   * document's length norm.
   */
  private termNumbers = new Map<string, number>();
  private starts = new Int32Array(1);
  private docs = new Int32Array(0);
  private tfs = new Float64Array(0);
  private idfs = new Float64Array(0);
  private norms = new Float64Array(0);
  private avgLength = 1;
  private frozen = false;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Adds a document and returns its number. */
  add(fields: readonly Field[]): number {
    if (this.frozen) throw new Error("Bm25Index: add() after finalise()");
    const doc = this.lengths.length;
    const tf = new Map<string, number>();
    let length = 0;
    for (const field of fields) {
      for (const term of field.terms) {
        tf.set(term, (tf.get(term) ?? 0) + field.weight);
        length += field.weight;
      }
    }
    for (const [term, weight] of tf) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
      }
      list.push(doc, weight);
    }
    this.lengths.push(length);
    return doc;
  }

  /** Computes idf and average length; call once after the last add(). */
  finalise(): this {
    if (this.frozen) return this;
    const n = this.lengths.length;
    this.avgLength = n ? this.lengths.reduce((a, b) => a + b, 0) / n || 1 : 1;
    let total = 0;
    for (const list of this.postings.values()) total += list.length / 2;
    this.starts = new Int32Array(this.postings.size + 1);
    this.docs = new Int32Array(total);
    this.tfs = new Float64Array(total);
    this.idfs = new Float64Array(this.postings.size);
    let at = 0;
    for (const [term, list] of this.postings) {
      const t = this.termNumbers.size;
      const df = list.length / 2;
      this.idfs[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.termNumbers.set(term, t);
      this.starts[t] = at;
      for (let i = 0; i < list.length; i += 2) {
        this.docs[at] = list[i] as number;
        this.tfs[at] = list[i + 1] as number;
        at++;
      }
    }
    this.starts[this.postings.size] = at;
    const { k1, b } = this;
    this.norms = Float64Array.from(this.lengths, (length) => k1 * (1 - b + (b * length) / this.avgLength));
    // The typed postings replace the lists (half the memory).
    this.postings.clear();
    this.frozen = true;
    return this;
  }

  /** The idf of a term, 0 when no document holds it. */
  idf(term: string): number {
    const t = this.termNumbers.get(term);
    return t === undefined ? 0 : (this.idfs[t] as number);
  }

  /**
   * Scores every document against a query of weighted terms into `out` (added to what is there),
   * skipping documents that `allowed` marks false.
   */
  scoreInto(query: ReadonlyMap<string, number>, out: Float64Array, allowed?: Uint8Array): void {
    const { k1, b } = this;
    if (this.frozen) {
      const { norms, docs, tfs, starts } = this;
      for (const [term, qWeight] of query) {
        const t = this.termNumbers.get(term);
        if (t === undefined) continue;
        const idf = this.idfs[t] as number;
        const end = starts[t + 1] as number;
        for (let i = starts[t] as number; i < end; i++) {
          const doc = docs[i] as number;
          if (allowed && !allowed[doc]) continue;
          const tf = tfs[i] as number;
          out[doc] = (out[doc] as number) + qWeight * idf * ((tf * (k1 + 1)) / (tf + (norms[doc] as number)));
        }
      }
      return;
    }
    for (const [term, qWeight] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i] as number;
        const tf = list[i + 1] as number;
        if (allowed && !allowed[doc]) continue;
        const norm = k1 * (1 - b + (b * (this.lengths[doc] as number)) / this.avgLength);
        out[doc] = (out[doc] as number) + qWeight * idf * ((tf * (k1 + 1)) / (tf + norm));
      }
    }
  }

  /** Scores every document against a query; see scoreInto. */
  score(query: ReadonlyMap<string, number>, allowed?: Uint8Array): Float64Array {
    const out = new Float64Array(this.lengths.length);
    this.scoreInto(query, out, allowed);
    return out;
  }
}

/** Counts terms into a query map (each occurrence adds `weight`). */
export function queryOf(
  terms: Iterable<string>,
  weight = 1,
  into = new Map<string, number>(),
): Map<string, number> {
  for (const term of terms) into.set(term, (into.get(term) ?? 0) + weight);
  return into;
}
