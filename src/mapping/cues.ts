// Situation cues in a text: catalogue cue word sequences matched as written or by lemma, plain or negated, and whether the candidate is the one doing a customer's act.
import { analyse } from "./nlp.ts";
import type { AnalysedText } from "./text.ts";

/**
 * Situations that are something the customer does: a catalogue cue right after "I" or "we" ("I asked
 * if she was all right") is the candidate doing it, and does not count.
 */
export const CUSTOMER_ACTS = new Set(["customer_asked"]);
const FIRST = new Set(["i", "we"]);
const OTHERS = new Set([
  "he",
  "she",
  "they",
  "you",
  "customer",
  "customers",
  "client",
  "caller",
  "guest",
  "member",
]);

/** Whether the nearest subject up to twelve words before token `at` is "I" or "we" (a sentence break ends the look-back). */
function firstPersonBefore(tokens: AnalysedText["analysis"]["tokens"], at: number): boolean {
  let words = 0;
  for (let i = at - 1; i >= 0 && words < 12; i--) {
    const t = tokens[i];
    if (!t) return false;
    if (!t.word) {
      if (/[.!?;:"\u201C\u201D]/.test(t.value)) return false;
      continue;
    }
    words++;
    const v = t.value.toLowerCase();
    if (FIRST.has(v)) return true;
    if (OTHERS.has(v)) return false;
  }
  return false;
}

/** Words that say what usually happens, not what happened ("normally quiet, but that day…"): a cue right after one is read as negated. */
const HABITUAL = new Set([
  "normally",
  "usually",
  "typically",
  "generally",
  "ordinarily",
  "supposed",
  "meant",
  "expected",
]);

/** Whether one of the three words before token `at` (in the same sentence) is a habitual word. */
function habitualBefore(tokens: AnalysedText["analysis"]["tokens"], at: number): boolean {
  let words = 0;
  for (let i = at - 1; i >= 0 && words < 3; i--) {
    const t = tokens[i];
    if (!t) return false;
    if (!t.word) {
      if (/[.!?;]/.test(t.value)) return false;
      continue;
    }
    words++;
    if (HABITUAL.has(t.value.toLowerCase())) return true;
  }
  return false;
}

/** Words that negate what follows them ("wasn't busy", "never arrived", "no one waiting"), by value or lemma. */
const NEGATORS = new Set([
  "not",
  "n't",
  "never",
  "no",
  "nobody",
  "none",
  "nothing",
  "neither",
  "nor",
  "cannot",
]);

/**
 * Words that start a new clause, which a negation before them does not reach: in an unpunctuated voice
 * transcript ("i wasn't on tills that day i was on the floor and it was proper busy") the analyser's
 * negation runs on to the end, so a cue reads as negated only with a negator a few words before it.
 */
const CLAUSE_STARTS = new Set([
  "and",
  "but",
  "so",
  "then",
  "cos",
  "because",
  "when",
  "while",
  "although",
  "though",
  "which",
  "who",
  "i",
  "we",
  "he",
  "she",
  "they",
]);

/** How many words after a negator its negation reaches, for the cues. */
export const NEGATION_REACH = 5;

/** Whether a word (lower case, with its lemma) is a negator. */
function isNegator(value: string, lemma: string): boolean {
  return NEGATORS.has(value) || lemma === "not";
}

/**
 * Whether word `k` (an index into the words) is negated as the cues read it: the analyser marks it, and a
 * negator stands at most NEGATION_REACH words before it, in the same sentence and clause.
 */
function negatedNear(
  breaks: Int32Array,
  positions: readonly number[],
  tokens: readonly Token[],
  lower: readonly string[],
  k: number,
): boolean {
  if (!tokens[k]?.negated) return false;
  for (let j = k - 1; j >= 0 && j >= k - NEGATION_REACH; j--) {
    // a sentence break among the tokens strictly between word j and the word after it
    if ((breaks[positions[j + 1] as number] as number) > (breaks[(positions[j] as number) + 1] as number))
      return false;
    const v = lower[j] as string;
    if (isNegator(v, tokens[j]?.lemma ?? v)) return true;
    if (CLAUSE_STARTS.has(v)) return false;
  }
  return false;
}

/** How many of a cue's first words come before its own negator ("did not turn up": 1), or the cue's length. */
function beforeOwnNegator(cue: readonly string[]): number {
  const at = cue.findIndex((w) => NEGATORS.has(w));
  return at < 0 ? cue.length : Math.max(1, at);
}

/** Words a multi-word cue may have between two of its words ("the card machine, which had been playing up all week, froze"). */
export const CUE_GAP = 8;

const cueLemmaCache = new Map<string, string[]>();

/** Every cue whose lemmas have been read in this process, with them (joined by spaces), for the model file. */
export function cueLemmaEntries(): Array<[string, string]> {
  const entries = [...cueLemmaCache].map(([cue, lemmas]): [string, string] => [cue, lemmas.join(" ")]);
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Cues' lemmas as the model file stored them, so that loading it need not read every cue again. */
export function knownCueLemmas(entries: ReadonlyArray<readonly [string, string]>): void {
  for (const [cue, lemmas] of entries)
    if (!cueLemmaCache.has(cue)) cueLemmaCache.set(cue, lemmas ? lemmas.split(" ") : []);
}

/** The same by the cue's own array (the index's cues are read again for every text). */
const cueLemmaOf = new WeakMap<readonly string[], string[]>();

/** The lemmas of a cue's words as the analyser reads the cue, or its words when the analyser splits it otherwise. */
export function readCueLemmas(cue: readonly string[]): string[] {
  const words = analyse(cue.join(" ")).tokens.filter((t) => t.word);
  return words.length === cue.length ? words.map((t) => t.lemma) : [...cue];
}

/** The lemmas of a cue's words, read once ("card machine froze" → "card machine freeze"). */
function cueLemmas(cue: readonly string[]): string[] {
  let lemmas = cueLemmaOf.get(cue);
  if (lemmas) return lemmas;
  const key = cue.join(" ");
  lemmas = cueLemmaCache.get(key);
  if (!lemmas) {
    lemmas = readCueLemmas(cue);
    cueLemmaCache.set(key, lemmas);
  }
  cueLemmaOf.set(cue, lemmas);
  return lemmas;
}

/**
 * Words that stand for the same person in a team leader's testimony: a cue written as the candidate says it
 * ("I decided", "took it upon myself") reads "she decided", "took it upon herself" there.
 */
const PERSON_GROUPS = [
  ["i", "he", "she", "we", "they"],
  ["my", "his", "her", "our", "their"],
  ["me", "him", "her", "us", "them"],
  ["myself", "himself", "herself", "ourselves", "themselves"],
];
const PERSON = new Map<string, Set<string>>();
for (const group of PERSON_GROUPS)
  for (const w of group) PERSON.set(w, new Set([...(PERSON.get(w) ?? []), ...group]));

/** How a cue's words may match: as written, or also by lemma and (in a testimony) by person. */
export interface CueReading {
  lemmas: boolean;
  person: boolean;
}

/**
 * Whether a text reads as someone else's testimony of the candidate: he, she and their forms outnumber
 * the writer's own I, me and my more than twice over.
 */
export function readsAsTestimony(all: AnalysedText["analysis"]["tokens"]): boolean {
  let first = 0;
  let third = 0;
  for (const t of all) {
    if (!t.word) continue;
    const v = t.value.toLowerCase();
    if (v === "i" || v === "me" || v === "my" || v === "myself") first++;
    else if (/^(he|she|him|his|her|himself|herself)$/.test(v)) third++;
  }
  return third > 2 * first;
}

/** What one reading of the cues finds: matches not negated and negated, and where the earliest not negated starts. */
export interface CuesFound {
  plain: number;
  negated: number;
  first: number | undefined;
}

/**
 * Counts catalogue cue matches in the text, plain and negated: a cue's words in order, each within
 * CUE_GAP words of the one before and in the same sentence (a one-word cue as written). With `reading`,
 * a word matches by its lemma too ("kept freezing" for "froze", "complaining" for "complained"), and by
 * person in a testimony. `first`: the character offset where the earliest match that is not negated starts.
 */
export function findCues(
  all: AnalysedText["analysis"]["tokens"],
  positions: readonly number[],
  cues: string[][],
  customerAct = false,
  reading?: CueReading,
): CuesFound {
  let plain = 0;
  let negated = 0;
  let first: number | undefined;
  eachCueMatch(all, positions, cues, customerAct, reading, (at, neg) => {
    if (neg) negated++;
    else {
      plain++;
      if (first === undefined || at < first) first = at;
    }
  });
  return { plain, negated, first: first === undefined ? undefined : all[positions[first] as number]?.start };
}

/** Calls `found` with the word position where each cue match starts and whether it is negated. */
function eachCueMatch(
  all: AnalysedText["analysis"]["tokens"],
  positions: readonly number[],
  cues: string[][],
  customerAct: boolean,
  reading: CueReading | undefined,
  found: (at: number, negated: boolean) => void,
): void {
  const { tokens, lower, byWord, byLemma, breaks } = wordIndex(all, positions);
  const same = (k: number, word: string, lemma: string | undefined) => {
    const v = lower[k] as string;
    if (v === word) return true;
    if (!reading) return false;
    if (reading.lemmas && lemma !== undefined && tokens[k]?.lemma === lemma) return true;
    return reading.person && (PERSON.get(word)?.has(v) ?? false);
  };
  for (const cue of cues) {
    if (!cue.length) continue;
    // Only a cue of several words is read by lemma: its other words make the sense plain, where a word on
    // its own can change it ("packed" is busy, "packing the bags" is not).
    const lemmas = reading?.lemmas && cue.length > 1 ? cueLemmas(cue) : NO_LEMMAS;
    for (const i of starts(cue[0] as string, lemmas[0], reading, byWord, byLemma)) {
      const first = tokens[i];
      if (!first) continue;
      // A cue that says its own negation ("did not turn up", "no one waiting") is negated only by a
      // negator before that word of it.
      const own = beforeOwnNegator(cue);
      let neg = negatedNear(breaks, positions, tokens, lower, i);
      let at = i;
      let ok = true;
      for (let j = 1; j < cue.length && ok; j++) {
        ok = false;
        // The next word of the cue follows at once, or within the gap in the same sentence.
        for (let k = at + 1; k < Math.min(tokens.length, at + 2 + CUE_GAP); k++) {
          const t = tokens[k];
          if (!t) break;
          // A sentence break between the two words (tokens strictly between them).
          if (
            k > at + 1 &&
            (breaks[positions[k] as number] as number) > (breaks[(positions[at] as number) + 1] as number)
          )
            break;
          if (same(k, cue[j] as string, lemmas[j])) {
            if (j < own && negatedNear(breaks, positions, tokens, lower, k)) neg = true;
            at = k;
            ok = true;
            break;
          }
        }
      }
      if (!ok) continue;
      if (customerAct && firstPersonBefore(all, positions[i] as number)) continue;
      if (habitualBefore(all, positions[i] as number)) neg = true;
      found(i, neg);
    }
  }
}

type Token = AnalysedText["analysis"]["tokens"][number];

interface WordIndex {
  tokens: Token[];
  lower: string[];
  /** Where each word (lower case) and each lemma stands among the words: a cue is tried only where its first word is. */
  byWord: Map<string, number[]>;
  byLemma: Map<string, number[]>;
  /** Per token of the analysis: how many sentence breaks (".", "!", "?", ";") come before it. */
  breaks: Int32Array;
}

const indexes = new WeakMap<readonly number[], WordIndex>();

/** The text's words, lower-cased once, and where each word and lemma stands (kept while the positions array lives). */
function wordIndex(all: AnalysedText["analysis"]["tokens"], positions: readonly number[]): WordIndex {
  const known = indexes.get(positions);
  if (known && known.tokens[0] === all[positions[0] as number]) return known;
  const tokens = positions.map((i) => all[i] as Token);
  const lower = tokens.map((t) => t.value.toLowerCase());
  const byWord = new Map<string, number[]>();
  const byLemma = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, key: string, i: number) => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  tokens.forEach((t, i) => {
    add(byWord, lower[i] as string, i);
    add(byLemma, t.lemma, i);
  });
  const breaks = new Int32Array(all.length + 1);
  for (let i = 0; i < all.length; i++) {
    const t = all[i];
    breaks[i + 1] = (breaks[i] as number) + (t && !t.word && /[.!?;]/.test(t.value) ? 1 : 0);
  }
  const index = { tokens, lower, byWord, byLemma, breaks };
  indexes.set(positions, index);
  return index;
}

const NONE: readonly number[] = [];
const NO_LEMMAS: readonly string[] = [];

/** Two lists of word positions, each in increasing order, as one in increasing order without repeats. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** The word positions where a cue's first word matches, in text order: as written, by lemma, and by person. */
function starts(
  word: string,
  lemma: string | undefined,
  reading: CueReading | undefined,
  byWord: Map<string, number[]>,
  byLemma: Map<string, number[]>,
): readonly number[] {
  const written = byWord.get(word) ?? NONE;
  if (!reading?.person) {
    // As written and by lemma: the two lists (each in text order) merged, or the one that is not empty.
    const lemmaList = reading?.lemmas && lemma !== undefined ? (byLemma.get(lemma) ?? NONE) : NONE;
    if (!lemmaList.length) return written;
    return written.length ? union(written, lemmaList) : lemmaList;
  }
  const lists: Array<readonly number[]> = [written];
  if (reading?.lemmas && lemma !== undefined) lists.push(byLemma.get(lemma) ?? NONE);
  if (reading?.person)
    for (const w of PERSON.get(word) ?? []) if (w !== word) lists.push(byWord.get(w) ?? NONE);
  const found = lists.filter((l) => l.length);
  if (found.length <= 1) return found[0] ?? NONE;
  return [...new Set(found.flat())].sort((a, b) => a - b);
}
