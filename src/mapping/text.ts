// A text as the learned scorer sees it: segments with content lemmas, vector words, negation and SIF sentence vectors.
import { type Analysis, analyse, FILLERS, type Segment } from "./nlp.ts";
import { sentenceVector, type WordVectors } from "./vectors.ts";

export interface TextSegment {
  segment: Segment;
  /** Content lemmas (BM25 keys): lemmas, not stems, so "business" is not "busy". */
  terms: string[];
  /** Lower-case words for the vectors, fillers left out. */
  words: string[];
  /** A content word of the segment lies in the scope of a negation ("it wasn't busy"). */
  negated: boolean;
  vector: Float32Array;
}

export interface AnalysedText {
  analysis: Analysis;
  segments: TextSegment[];
  /** SIF vector of the whole text. */
  vector: Float32Array;
  terms: string[];
  wordCount: number;
}

/** Content lemmas of a short text (criterion, cue, example), in order. */
export function contentTerms(analysis: Analysis, from = 0, to = analysis.tokens.length): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const t = analysis.tokens[i];
    if (t?.word && !t.stop) out.push(t.lemma);
  }
  return out;
}

/** Analyses a text into scored segments. */
export function analyseText(text: string, vectors: WordVectors | null): AnalysedText {
  const analysis = analyse(text);
  const segments: TextSegment[] = [];
  const allWords: string[] = [];
  const allTerms: string[] = [];
  let wordCount = 0;
  for (const segment of analysis.segments) {
    const terms: string[] = [];
    const words: string[] = [];
    let negated = false;
    for (let i = segment.from; i < segment.to; i++) {
      const t = analysis.tokens[i];
      if (!t?.word) continue;
      wordCount++;
      const lower = t.value.toLowerCase();
      if (!FILLERS.has(lower)) words.push(lower);
      if (!t.stop) {
        terms.push(t.lemma);
        if (t.negated) negated = true;
      }
    }
    if (!words.length) continue;
    allWords.push(...words);
    allTerms.push(...terms);
    segments.push({ segment, terms, words, negated, vector: sentenceVector(vectors, words) });
  }
  return { analysis, segments, vector: sentenceVector(vectors, allWords), terms: allTerms, wordCount };
}
