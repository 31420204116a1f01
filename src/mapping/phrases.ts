// Phrase cues: compiles vocabulary phrases to term patterns and finds them in a text, with negation.
import { type Analysis, FILLERS, type Segment, type Token, tokensOf } from "./nlp.ts";

/** A compiled phrase: its pattern of terms and what a match points to. */
export interface Phrase<T> {
  source: string;
  pattern: string[];
  /** The phrase itself is negative ("not happy", "didn't go to plan"): no negation check. */
  negative: boolean;
  /**
   * In a book that asks for it: each pattern word as written, for `sameWord` ("was packed" does not
   * match "was packing").
   */
  written?: string[];
  target: T;
}

/** One match of a phrase in a text. */
export interface PhraseHit<T> {
  phrase: Phrase<T>;
  segment: number;
  /** Token indexes (into Analysis.tokens) of the first and last matched word. */
  first: number;
  last: number;
  /** The match sits in the scope of a negation ("it wasn't busy", "no queue at all"). */
  negated: boolean;
}

const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "n't",
  "without",
  "hardly",
  "nobody",
  "nothing",
  "neither",
  "nor",
]);
const FIRST_PERSON = new Set(["i", "me", "we", "us", "myself", "ourselves"]);

/** Possessives, articles and third-person pronouns: skipped in patterns, so "asked my manager" matches "asked the duty manager". */
const OPTIONAL = new Set([
  "a",
  "an",
  "the",
  "my",
  "your",
  "his",
  "her",
  "their",
  "our",
  "its",
  "he",
  "she",
  "they",
  "him",
  "them",
  "it",
  "this",
  "that",
  "these",
  "those",
  "some",
]);

/** How a word reads in a text stream: its term, "i" for the first person, "not" for negations. */
function streamTerm(t: Token): string | null {
  if (!t.word) return null;
  const lower = t.value.toLowerCase();
  if (FIRST_PERSON.has(lower)) return "i";
  if (t.lemma === "not" || lower === "n't" || lower === "not") return "not";
  if (FILLERS.has(lower) && lower !== "like" && lower !== "right" && lower !== "okay" && lower !== "ok")
    return null;
  return t.term;
}

/** How a word reads in a pattern: as in the stream, except that optional words are left out. */
function patternTerm(t: Token): string | null {
  if (OPTIONAL.has(t.value.toLowerCase())) return null;
  return streamTerm(t);
}

/** The normalised stream of a text: pattern terms with the token each came from. */
export interface Stream {
  terms: string[];
  tokens: number[];
  /** Index into `terms` where each segment starts; one extra entry marks the end. */
  segmentStarts: number[];
}

export function streamOf(analysis: Analysis): Stream {
  const terms: string[] = [];
  const tokens: number[] = [];
  const segmentStarts: number[] = [];
  for (const segment of analysis.segments) {
    segmentStarts.push(terms.length);
    for (let i = segment.from; i < segment.to; i++) {
      const term = streamTerm(analysis.tokens[i] as Token);
      if (term === null) continue;
      terms.push(term);
      tokens.push(i);
    }
  }
  segmentStarts.push(terms.length);
  return { terms, tokens, segmentStarts };
}

/** Compiles one phrase; null when nothing of it is left to match. */
export function compilePhrase<T>(source: string, target: T): Phrase<T> | null {
  const pattern: string[] = [];
  for (const t of tokensOf(source)) {
    const term = patternTerm(t);
    if (term !== null) pattern.push(term);
  }
  if (!pattern.length) return null;
  return { source, pattern, negative: pattern.some((p) => NEGATORS.has(p)), target };
}

/** Phrases keyed by the first term of their pattern, for fast lookup. */
export class PhraseBook<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();
  readonly phrases: Phrase<T>[] = [];

  /**
   * `readAsWritten`: a phrase's words match only inflections of their stem that read the same way
   * (see `sameWord`), not every word of the stem.
   */
  constructor(private readonly options: { readAsWritten?: boolean } = {}) {}

  add(source: string, target: T): Phrase<T> | null {
    const phrase = compilePhrase(source, target);
    if (!phrase) return null;
    if (this.options.readAsWritten) {
      const words = tokensOf(source).filter((t) => patternTerm(t) !== null);
      if (words.length === phrase.pattern.length) phrase.written = words.map((t) => t.value.toLowerCase());
    }
    const first = phrase.pattern[0] as string;
    let list = this.byFirst.get(first);
    if (!list) {
      list = [];
      this.byFirst.set(first, list);
    }
    list.push(phrase);
    this.phrases.push(phrase);
    return phrase;
  }

  /** Every match in the text; a phrase matches at most once per segment. */
  find(analysis: Analysis, stream: Stream, maxGap = 2): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    const { terms, tokens, segmentStarts } = stream;
    for (let s = 0; s + 1 < segmentStarts.length; s++) {
      const from = segmentStarts[s] as number;
      const to = segmentStarts[s + 1] as number;
      const seen = new Set<Phrase<T>>();
      for (let p = from; p < to; p++) {
        const candidates = this.byFirst.get(terms[p] as string);
        if (!candidates) continue;
        for (const phrase of candidates) {
          if (seen.has(phrase)) continue;
          const written = phrase.written;
          const end = matchAt(
            terms,
            phrase.pattern,
            p,
            to,
            maxGap,
            written
              ? (k, q) => sameWord(analysis.tokens[tokens[q] as number] as Token, written[k] as string)
              : undefined,
          );
          if (end < 0) continue;
          seen.add(phrase);
          const first = tokens[p] as number;
          const last = tokens[end] as number;
          hits.push({
            phrase,
            segment: s,
            first,
            last,
            negated: !phrase.negative && isNegated(analysis, tokens, p, end, analysis.segments[s] as Segment),
          });
        }
      }
    }
    return hits;
  }
}

/**
 * Whether a text word may stand for the cue word `exact`. Stems join words that read differently:
 * a state cue in "-ed" ("packed", "rammed", "swamped") is not the "-ing" action of the same verb
 * ("packing the bags"); every other inflection of the stem still matches.
 */
function sameWord(token: Token, exact: string): boolean {
  const lower = token.value.toLowerCase();
  if (lower === exact) return true;
  return !(exact.endsWith("ed") && lower.endsWith("ing"));
}

/** Index in `terms` of the last matched term, or -1. */
function matchAt(
  terms: string[],
  pattern: string[],
  p: number,
  to: number,
  maxGap: number,
  accept?: (k: number, q: number) => boolean,
): number {
  if (accept && !accept(0, p)) return -1;
  let at = p;
  for (let k = 1; k < pattern.length; k++) {
    let found = -1;
    for (let q = at + 1; q < to && q <= at + 1 + maxGap; q++) {
      if (terms[q] === pattern[k] && (!accept || accept(k, q))) {
        found = q;
        break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  return at;
}

const CONTRAST = new Set([
  "but",
  "actually",
  "though",
  "although",
  "instead",
  "rather",
  "however",
  "yet",
  "just",
]);

/**
 * A negator up to four words before the match, with no punctuation or contrast word between
 * ("it wasn't busy, actually dead quiet": "quiet" is not negated), or wink's negation scope over
 * a matched word.
 */
function isNegated(analysis: Analysis, tokens: number[], p: number, end: number, segment: Segment): boolean {
  const first = tokens[p] as number;
  let words = 0;
  for (let i = first - 1; i >= segment.from && words < 4; i--) {
    const t = analysis.tokens[i] as Token;
    if (!t.word) {
      if (t.value.trim() === "") continue;
      break;
    }
    const lower = t.value.toLowerCase();
    if (NEGATORS.has(lower) || t.lemma === "not") return true;
    if (CONTRAST.has(lower)) break;
    words++;
  }
  for (let q = p; q <= end; q++) if (analysis.tokens[tokens[q] as number]?.negated) return true;
  return false;
}

/** The segment containing a token. */
export function segmentOf(segments: readonly Segment[], token: number): number {
  for (let s = 0; s < segments.length; s++) if (token < (segments[s] as Segment).to) return s;
  return segments.length - 1;
}
