// Word error rate: word-level edit distance between a reference text and a transcript, over normalised words.

/** Lower case, curly quotes straightened, apostrophes dropped (didn't → didnt), other punctuation as spaces. */
export function normaliseWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

export interface WordErrors {
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Words in the reference. */
  referenceWords: number;
  /** (S + D + I) / N; 0 for two empty texts, 1 per inserted word when the reference is empty. */
  wer: number;
}

/** Levenshtein alignment over words, counting substitutions, deletions and insertions along one best path. */
export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = normaliseWords(reference);
  const hyp = normaliseWords(hypothesis);
  const cols = hyp.length + 1;
  // cost[i][j] = edits turning ref[0..i) into hyp[0..j); kept whole to walk back the path.
  const cost = new Uint32Array((ref.length + 1) * cols);
  for (let j = 0; j <= hyp.length; j++) cost[j] = j;
  for (let i = 1; i <= ref.length; i++) {
    cost[i * cols] = i;
    for (let j = 1; j <= hyp.length; j++) {
      const same = ref[i - 1] === hyp[j - 1] ? 0 : 1;
      cost[i * cols + j] = Math.min(
        (cost[(i - 1) * cols + j - 1] as number) + same,
        (cost[(i - 1) * cols + j] as number) + 1,
        (cost[i * cols + j - 1] as number) + 1,
      );
    }
  }
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let i = ref.length;
  let j = hyp.length;
  const at = (a: number, b: number) => cost[a * cols + b] as number;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && at(i, j) === at(i - 1, j - 1) + (ref[i - 1] === hyp[j - 1] ? 0 : 1)) {
      if (ref[i - 1] !== hyp[j - 1]) substitutions++;
      i--;
      j--;
    } else if (i > 0 && at(i, j) === at(i - 1, j) + 1) {
      deletions++;
      i--;
    } else {
      insertions++;
      j--;
    }
  }
  const edits = substitutions + deletions + insertions;
  const wer = ref.length === 0 ? edits : edits / ref.length;
  return { substitutions, deletions, insertions, referenceWords: ref.length, wer };
}

/** Corpus word error rate: all edits over all reference words (not the mean of per-text rates). */
export function corpusWer(pairs: ReadonlyArray<{ reference: string; hypothesis: string }>): number {
  let edits = 0;
  let words = 0;
  for (const { reference, hypothesis } of pairs) {
    const e = wordErrors(reference, hypothesis);
    edits += e.substitutions + e.deletions + e.insertions;
    words += e.referenceWords;
  }
  return words === 0 ? 0 : edits / words;
}
