// The lexical classifiers' dictionary: the lemmas and adjacent lemma pairs they keep, and a document's ids in it.

/** Each document's keys, worked out once (training fits many classifiers on the same documents). */
const keysOf = new WeakMap<readonly string[], string[]>();

/** A document's features: its lemmas and the pairs of lemmas next to each other, each once. */
export function documentKeys(terms: readonly string[]): string[] {
  const cached = keysOf.get(terms);
  if (cached) return cached;
  const keys = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    keys.add(terms[i] as string);
    if (i + 1 < terms.length) keys.add(`${terms[i]} ${terms[i + 1]}`);
  }
  const out = [...keys];
  keysOf.set(terms, out);
  return out;
}

/** Kept terms by id (their place in the sorted list), and a mark per id so a document's ids are found each once. */
export class TermDictionary {
  readonly ids: Map<string, number>;
  readonly terms: readonly string[];
  private readonly marks: Uint32Array;
  private mark = 0;

  constructor(terms: readonly string[]) {
    this.terms = terms;
    this.ids = new Map(terms.map((t, i) => [t, i]));
    this.marks = new Uint32Array(terms.length);
  }

  get size(): number {
    return this.terms.length;
  }

  /** A document's ids (its lemmas and adjacent pairs that the dictionary has), ascending, each once; found without building the keys. */
  idsOf(terms: readonly string[]): Int32Array {
    if (++this.mark === 0xffffffff) {
      this.marks.fill(0);
      this.mark = 1;
    }
    const { marks, mark, ids } = this;
    const out: number[] = [];
    const take = (id: number | undefined) => {
      if (id === undefined || marks[id] === mark) return;
      marks[id] = mark;
      out.push(id);
    };
    for (let i = 0; i < terms.length; i++) {
      take(ids.get(terms[i] as string));
      if (i + 1 < terms.length) take(ids.get(`${terms[i]} ${terms[i + 1]}`));
    }
    return Int32Array.from(out).sort();
  }
}
