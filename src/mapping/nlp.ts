// Text analysis for the mapper: wink-nlp tokens, lemmas, negation and segments with offsets into the original text.

import model from "wink-eng-lite-web-model";
import winkNLP, { type ItsHelpers, type WinkMethods } from "wink-nlp";

/** One token of the text, normalised for matching. */
export interface Token {
  /** The token exactly as written. */
  value: string;
  /** Lower-case lemma ("froze" → "freeze", "n't" → "not"). */
  lemma: string;
  /** The matching key: the Porter2 stem of the lemma ("informed", "information" → "inform"). */
  term: string;
  start: number;
  end: number;
  /** Inside the scope of a negation ("it wasn't busy"), as wink-nlp's negation model marks it. */
  negated: boolean;
  /** A word, as opposed to punctuation, emoji, numbers, symbols or spaces. */
  word: boolean;
  stop: boolean;
  pos: string;
}

/** A stretch of text scored as a unit: a sentence, or a piece of a run-on sentence. */
export interface Segment {
  start: number;
  end: number;
  /** Index of its first token and one past its last in `Analysis.tokens`. */
  from: number;
  to: number;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  segments: Segment[];
}

interface Nlp {
  nlp: WinkMethods;
  its: ItsHelpers;
  stem: (word: string) => string;
}

let shared: Nlp | undefined;

/**
 * wink-nlp with its English model, loaded once per process (about 100 ms) and shared with the privacy
 * check, so the model is in memory once: sentence boundaries, negation, part of speech (which the
 * lemmatiser needs) and named entities (the privacy check's); no sentiment.
 */
export function engine(): Nlp {
  if (!shared) {
    const nlp = winkNLP(model, ["sbd", "negation", "pos", "ner"]);
    const addons = (model as unknown as { addons: { stem: (w: string) => string } }).addons;
    shared = { nlp, its: nlp.its, stem: addons.stem };
  }
  return shared;
}

/** The document wink-nlp last read, and its text. */
let lastDoc: { text: string; doc: ReturnType<WinkMethods["readDoc"]> } | undefined;

/**
 * wink-nlp's reading of a text, kept for the next call with the same text: the mapper analyses an account
 * and the privacy check then tokenises the same text, and one reading serves both (a read document is
 * only read from, never changed).
 */
export function readDoc(text: string): ReturnType<WinkMethods["readDoc"]> {
  if (lastDoc?.text === text) return lastDoc.doc;
  const doc = engine().nlp.readDoc(text);
  lastDoc = { text, doc };
  return doc;
}

const stemCache = new Map<string, string>();

/** The matching key of one lemma: its Porter2 stem, cached. */
export function termOf(lemma: string): string {
  let term = stemCache.get(lemma);
  if (term === undefined) {
    term = engine().stem(lemma);
    if (stemCache.size < 200_000) stemCache.set(lemma, term);
  }
  return term;
}

/** Words that start a new clause in speech: where a long transcript sentence may be cut. */
const CLAUSE_STARTS = new Set([
  "so",
  "then",
  "but",
  "because",
  "cos",
  "cause",
  "anyway",
  "basically",
  "and",
  "which",
  "after",
  "afterwards",
  "when",
  "while",
  "although",
  "though",
  "meanwhile",
]);
/** Fillers: cut points too, and never content. */
export const FILLERS = new Set([
  "um",
  "umm",
  "uh",
  "uhh",
  "er",
  "erm",
  "ah",
  "eh",
  "hmm",
  "mm",
  "like",
  "yeah",
  "okay",
  "ok",
  "right",
]);

/**
 * Content words are told by their part of speech (wink's classic stop-word list drops words such as
 * "call", "name", "show" and "keep" that carry meaning here); these light words are dropped as well.
 */
const CONTENT_TAGS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"]);
const LIGHT_WORDS = new Set([
  "be",
  "have",
  "do",
  "so",
  "then",
  "just",
  "really",
  "very",
  "also",
  "too",
  "actually",
  "basically",
  "quite",
  "even",
  "still",
  "there",
  "here",
  "now",
  "again",
  "maybe",
  "probably",
  "literally",
  "sort",
  "kind",
  "bit",
  "lot",
  "thing",
  "stuff",
  "get",
  "got",
  "go",
  "say",
  "one",
  "this",
  "that",
  "well",
  "anyway",
  "not",
  "never",
  "n't",
  "only",
  "much",
  "many",
  "more",
  "most",
  "some",
  "any",
  "all",
  "s",
  "'s",
  "d",
  "ll",
  "ve",
  "re",
  "m",
]);

/** Longest segment, in words, before a run-on sentence is cut at a clause start. */
const MAX_SEGMENT_WORDS = 24;
/** Shortest piece a cut may leave behind, in words. */
const MIN_SEGMENT_WORDS = 6;

const SUBJECTS = new Set(["i", "she", "he", "they", "we", "it", "you", "then", "the"]);

/** Whether a long spoken sentence may be cut before token i. */
function isClauseStart(tokens: Token[], i: number, words: number): boolean {
  const lower = (tokens[i] as Token).value.toLowerCase();
  if (FILLERS.has(lower)) return lower !== "like" || !tokens[i - 1]?.word;
  // A new subject mid-sentence usually starts a new clause in speech ("…for her order i listened…").
  if (lower === "i") return !PREPOSITIONS.has(previousWord(tokens, i));
  if (lower === "she" || lower === "he" || lower === "they" || lower === "we")
    return words >= MAX_SEGMENT_WORDS / 2 && !PREPOSITIONS.has(previousWord(tokens, i));
  if (!CLAUSE_STARTS.has(lower)) return false;
  if (lower === "so" || lower === "then") return true;
  // "and" only where a new clause begins ("and then", "and i", "and she"), not in "ten and twelve".
  if (lower === "and") return SUBJECTS.has(nextWord(tokens, i));
  return words >= MAX_SEGMENT_WORDS / 2;
}

const PREPOSITIONS = new Set([
  "that",
  "if",
  "whether",
  "than",
  "as",
  "what",
  "when",
  "where",
  "because",
  "so",
  "and",
  "but",
  "or",
]);

function previousWord(tokens: Token[], i: number): string {
  for (let j = i - 1; j >= 0; j--) if (tokens[j]?.word) return (tokens[j] as Token).value.toLowerCase();
  return "";
}

function nextWord(tokens: Token[], i: number): string {
  for (let j = i + 1; j < tokens.length; j++)
    if (tokens[j]?.word) return (tokens[j] as Token).value.toLowerCase();
  return "";
}

function cutRunOn(tokens: Token[], from: number, to: number, out: Segment[]): void {
  let start = from;
  let words = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (!t.word) continue;
    if (
      words >= MIN_SEGMENT_WORDS &&
      isClauseStart(tokens, i, words) &&
      remainingWords(tokens, i, to) >= MIN_SEGMENT_WORDS
    ) {
      pushSegment(tokens, start, i, out);
      start = i;
      words = 0;
    }
    words++;
    if (words > MAX_SEGMENT_WORDS * 1.5 && i + 1 < to) {
      // No clause start for too long: cut anyway so one segment cannot soak up the whole transcript.
      pushSegment(tokens, start, i + 1, out);
      start = i + 1;
      words = 0;
    }
  }
  pushSegment(tokens, start, to, out);
}

function remainingWords(tokens: Token[], from: number, to: number, enough = MIN_SEGMENT_WORDS): number {
  let n = 0;
  for (let i = from; i < to && n < enough; i++) if (tokens[i]?.word) n++;
  return n;
}

function pushSegment(tokens: Token[], from: number, to: number, out: Segment[]): void {
  // Trim leading and trailing space tokens so the offsets frame the words.
  let a = from;
  let b = to;
  while (a < b && (tokens[a] as Token).value.trim() === "") a++;
  while (b > a && (tokens[b - 1] as Token).value.trim() === "") b--;
  if (a >= b) return;
  out.push({ start: (tokens[a] as Token).start, end: (tokens[b - 1] as Token).end, from: a, to: b });
}

/** Tokenises, lemmatises and segments a text. Offsets index the original string. */
export function analyse(text: string): Analysis {
  const { its } = engine();
  const doc = readDoc(text);
  const tokens: Token[] = [];
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const negations = doc.tokens().out(its.negationFlag) as unknown as boolean[];
  const types = doc.tokens().out(its.type) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    at += (spaces[i] as string).length;
    // wink keeps the text lossless; guard anyway so offsets never drift past a surprise.
    const found = text.startsWith(value, at) ? at : text.indexOf(value, at);
    const start = found >= 0 ? found : at;
    const end = start + value.length;
    at = end;
    const lemma = (lemmas[i] ?? value).toLowerCase();
    const word = types[i] === "word";
    tokens.push({
      value,
      lemma,
      term: word ? termOf(lemma) : lemma,
      start,
      end,
      negated: negations[i] === true,
      word,
      stop:
        !word ||
        !CONTENT_TAGS.has(tags[i] ?? "") ||
        LIGHT_WORDS.has(lemma) ||
        FILLERS.has(value.toLowerCase()),
      pos: tags[i] ?? "X",
    });
  }
  const segments: Segment[] = [];
  const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
  for (const [first, last] of spans) {
    // Written sentences stay whole; only run-ons (transcripts, long rambles) are cut into clauses.
    if (remainingWords(tokens, first, last + 1, MAX_SEGMENT_WORDS + 1) > MAX_SEGMENT_WORDS)
      cutRunOn(tokens, first, last + 1, segments);
    else pushSegment(tokens, first, last + 1, segments);
  }
  return { text, tokens, segments };
}

/** The matching keys of a phrase from the catalogue or the vocabulary, content words only. */
export function termsOf(phrase: string): string[] {
  const { tokens } = analyse(phrase);
  return tokens.filter((t) => t.word && !t.stop).map((t) => t.term);
}
