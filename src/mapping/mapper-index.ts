// The offline mapper's index: BM25F documents for criteria, knowledge items and units, and the phrase books, built once per catalogue.
import type { Catalogue } from "../standards/catalogue.ts";
import { Bm25Index, type Field } from "./bm25.ts";
import { fingerprint, mapperSourceHash, readCached, writeCached } from "./cache.ts";
import { type PackedToken, packedPhraseTokens, seedPhraseTokens, tokensOf } from "./nlp.ts";
import { PhraseBook } from "./phrases.ts";
import { shippedVocabulary, type Vocabulary } from "./vocabulary.ts";
import { seedSynonyms, synonymEntries, synonyms } from "./wordnet.ts";

export interface CriterionEntry {
  id: string;
  unitId: string;
  text: string;
}
export interface KnowledgeEntry {
  id: string;
  unitId: string;
  text: string;
  guideSections: string[];
}
export interface UnitEntry {
  id: string;
  title: string;
  criteria: number[];
  knowledge: number[];
}

/** What a phrase points to: a criterion, knowledge item or unit (by index), or a situation (by id). */
export type PhraseTarget =
  | { kind: "criterion"; index: number }
  | { kind: "knowledge"; index: number }
  | { kind: "unit"; index: number }
  | { kind: "situation"; id: string; fromCatalogue: boolean };

export interface MapperIndex {
  catalogue: Catalogue;
  criteria: CriterionEntry[];
  knowledge: KnowledgeEntry[];
  units: UnitEntry[];
  unitIndex: Map<string, number>;
  /** Indexes of the channel units (vocabulary `channelUnits`). */
  channelUnits: Set<number>;
  /** Indexes of the units of the catalogue's Foundations theme. */
  foundationUnits: Set<number>;
  criterionDocs: Bm25Index;
  knowledgeDocs: Bm25Index;
  unitDocs: Bm25Index;
  /** Phrases for criteria, knowledge items and units. */
  cues: PhraseBook<PhraseTarget>;
  /** How many targets share each compiled pattern: a phrase used for many is weak evidence for each. */
  patternFanOut: Map<string, number>;
  situationCues: PhraseBook<PhraseTarget>;
  notEvidenceTopics: PhraseBook<string>;
  notEvidenceChat: PhraseBook<string>;
  /** A unit's own material (criteria and their phrases, unit phrases) as one text, for the genericness priors. */
  backgroundOf(unit: number): string;
  /** A hash of the catalogue's units and the vocabulary the index was built from (keys cached start-up values). */
  fingerprint: string;
  buildMs: number;
}

/** The start-up cache of the build's text analysis. */
interface Analysed {
  tokens: Array<[string, PackedToken[]]>;
  synonyms: Array<[string, string[]]>;
}

/** Field weights of the BM25F documents. */
const W = {
  criterionText: 1,
  criterionVocabulary: 1,
  elementTitle: 0.35,
  synonym: 0.25,
  knowledgeText: 1,
  knowledgeVocabulary: 1,
  unitTitle: 1.5,
  unitSummary: 0.5,
  unitKeyWords: 1,
  unitVocabulary: 1.5,
  unitCriteria: 0.35,
};

interface Terms {
  terms: string[];
  lemmas: string[];
}

const analysed = new Map<string, Terms>();

/** Content terms and lemmas of short texts, each text analysed once per process. */
function termsAndLemmas(texts: readonly string[]): Terms {
  const terms: string[] = [];
  const lemmas: string[] = [];
  for (const text of texts) {
    let one = analysed.get(text);
    if (!one) {
      one = { terms: [], lemmas: [] };
      for (const t of tokensOf(text)) {
        if (!t.word || t.stop) continue;
        one.terms.push(t.term);
        one.lemmas.push(t.lemma);
      }
      analysed.set(text, one);
    }
    terms.push(...one.terms);
    lemmas.push(...one.lemmas);
  }
  return { terms, lemmas };
}

/** WordNet synonyms (most frequent sense) of the lemmas, as terms, without those already present. */
function synonymTerms(source: Terms): string[] {
  const have = new Set(source.terms);
  const out: string[] = [];
  for (const lemma of new Set(source.lemmas)) {
    for (const synonym of synonyms(lemma, 1)) {
      for (const term of termsAndLemmas([synonym]).terms) {
        if (!have.has(term)) {
          have.add(term);
          out.push(term);
        }
      }
    }
  }
  return out;
}

function field(terms: readonly string[], weight: number): Field {
  return { terms, weight };
}

/** Builds the index of a catalogue with a vocabulary. */
export function buildIndex(catalogue: Catalogue, vocabulary: Vocabulary = shippedVocabulary()): MapperIndex {
  const started = performance.now();
  const contentHash = fingerprint(
    JSON.stringify([...catalogue.units.values()]),
    JSON.stringify([...catalogue.situations.values()]),
    JSON.stringify(vocabulary, (_, value) =>
      value instanceof Map ? [...value] : value instanceof Set ? [...value] : value,
    ),
  );
  // Analysing every criterion, phrase and synonym is most of the build: reuse an earlier run's analysis.
  const analysisKey = fingerprint(contentHash, mapperSourceHash());
  const warm = readCached<Analysed>("mapping-analysis", analysisKey);
  if (warm) {
    seedPhraseTokens(warm.tokens);
    seedSynonyms(warm.synonyms);
  }
  const criteria: CriterionEntry[] = [];
  const knowledge: KnowledgeEntry[] = [];
  const units: UnitEntry[] = [];
  const unitIndex = new Map<string, number>();
  const criterionDocs = new Bm25Index({ k1: 1.2, b: 0.5 });
  const knowledgeDocs = new Bm25Index({ k1: 1.2, b: 0.5 });
  const unitDocs = new Bm25Index({ k1: 1.2, b: 0.75 });
  const cues = new PhraseBook<PhraseTarget>();
  const background: string[] = [];

  for (const unit of catalogue.units.values()) {
    const entry: UnitEntry = { id: unit.id, title: unit.title, criteria: [], knowledge: [] };
    for (const element of unit.elements) {
      const titleTerms = termsAndLemmas([element.title]).terms;
      for (const criterion of element.criteria) {
        const index = criteria.length;
        criteria.push({ id: criterion.id, unitId: unit.id, text: criterion.text });
        entry.criteria.push(index);
        const own = termsAndLemmas([criterion.text]);
        const phrases = vocabulary.criteria.get(criterion.id) ?? [];
        criterionDocs.add([
          field(own.terms, W.criterionText),
          field(termsAndLemmas(phrases).terms, W.criterionVocabulary),
          field(titleTerms, W.elementTitle),
          field(synonymTerms(own), W.synonym),
        ]);
        for (const phrase of phrases) cues.add(phrase, { kind: "criterion", index });
      }
    }
    for (const item of unit.knowledge) {
      const index = knowledge.length;
      knowledge.push({ id: item.id, unitId: unit.id, text: item.text, guideSections: item.guideSections });
      entry.knowledge.push(index);
      const own = termsAndLemmas([item.text]);
      const phrases = vocabulary.knowledge.get(item.id) ?? [];
      knowledgeDocs.add([
        field(own.terms, W.knowledgeText),
        field(termsAndLemmas(phrases).terms, W.knowledgeVocabulary),
        field(synonymTerms(own), W.synonym),
      ]);
      for (const phrase of phrases) cues.add(phrase, { kind: "knowledge", index });
    }
    const index = units.length;
    units.push(entry);
    background.push(
      [
        ...unit.elements.flatMap((e) =>
          e.criteria.flatMap((c) => [c.text, ...(vocabulary.criteria.get(c.id) ?? [])]),
        ),
        ...(vocabulary.units.get(unit.id) ?? []),
      ].join(". "),
    );
    unitIndex.set(unit.id, index);
    const phrases = vocabulary.units.get(unit.id) ?? [];
    unitDocs.add([
      field(termsAndLemmas([unit.title]).terms, W.unitTitle),
      field(termsAndLemmas([unit.summary]).terms, W.unitSummary),
      field(termsAndLemmas(unit.keyWords).terms, W.unitKeyWords),
      field(termsAndLemmas(phrases).terms, W.unitVocabulary),
      field(
        termsAndLemmas(unit.elements.flatMap((e) => e.criteria.map((c) => c.text))).terms,
        W.unitCriteria,
      ),
    ]);
    for (const phrase of phrases) cues.add(phrase, { kind: "unit", index });
  }
  criterionDocs.finalise();
  knowledgeDocs.finalise();
  unitDocs.finalise();

  const patternFanOut = new Map<string, number>();
  for (const phrase of cues.phrases) {
    const key = `${phrase.target.kind}:${phrase.pattern.join(" ")}`;
    patternFanOut.set(key, (patternFanOut.get(key) ?? 0) + 1);
  }

  const situationCues = new PhraseBook<PhraseTarget>({ readAsWritten: true });
  for (const situation of catalogue.situations.values()) {
    for (const cue of situation.cues)
      situationCues.add(cue, { kind: "situation", id: situation.id, fromCatalogue: true });
    for (const cue of vocabulary.situations.get(situation.id) ?? [])
      situationCues.add(cue, { kind: "situation", id: situation.id, fromCatalogue: false });
  }
  const notEvidenceTopics = new PhraseBook<string>();
  for (const cue of vocabulary.notEvidenceTopics) notEvidenceTopics.add(cue, cue);
  const notEvidenceChat = new PhraseBook<string>();
  for (const cue of vocabulary.notEvidenceChat) notEvidenceChat.add(cue, cue);

  const channelUnits = new Set<number>();
  for (const id of vocabulary.channelUnits) {
    const i = unitIndex.get(id);
    if (i !== undefined) channelUnits.add(i);
  }
  const foundationUnits = new Set<number>();
  for (const unit of catalogue.units.values()) {
    const i = unitIndex.get(unit.id);
    if (i !== undefined && unit.theme === "foundations") foundationUnits.add(i);
  }
  if (!warm)
    writeCached("mapping-analysis", analysisKey, {
      tokens: packedPhraseTokens(),
      synonyms: synonymEntries(),
    } satisfies Analysed);
  return {
    catalogue,
    criteria,
    knowledge,
    units,
    unitIndex,
    channelUnits,
    foundationUnits,
    criterionDocs,
    knowledgeDocs,
    unitDocs,
    cues,
    patternFanOut,
    situationCues,
    notEvidenceTopics,
    notEvidenceChat,
    backgroundOf: (unit) => background[unit] ?? "",
    fingerprint: contentHash,
    buildMs: performance.now() - started,
  };
}

const built = new WeakMap<Catalogue, MapperIndex>();
let buildCount = 0;

/** The index of a catalogue, built on first use and kept for the catalogue's lifetime. */
export function indexFor(catalogue: Catalogue): MapperIndex {
  let index = built.get(catalogue);
  if (!index) {
    index = buildIndex(catalogue);
    buildCount++;
    built.set(catalogue, index);
  }
  return index;
}

/** How many indexes indexFor has built in this process (the "loads once" test reads it). */
export function indexBuildCount(): number {
  return buildCount;
}
