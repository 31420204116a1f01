// The offline mapper: text → units, criteria, knowledge, situations and ranges, in-process, in milliseconds.
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { queryOf } from "./bm25.ts";
import { fingerprint, mapperSourceHash, readCached, writeCached } from "./cache.ts";
import { indexFor, type MapperIndex, type PhraseTarget } from "./mapper-index.ts";
import { type Analysis, analyse, type Segment } from "./nlp.ts";
import { assessEvidence } from "./not-evidence.ts";
import { type PhraseHit, type Stream, streamOf } from "./phrases.ts";
import { checkPrivacy } from "./privacy.ts";
import { DEFAULT_SITUATION_TUNING, detectSituations, type SituationTuning } from "./situations.ts";
import type {
  CriterionSuggestion,
  KnowledgeSuggestion,
  MapOptions,
  MappingResult,
  PrivacyReport,
  RangeSuggestion,
  SupportingSentence,
  UnitSuggestion,
} from "./types.ts";

/** Longest text mapped, in characters; longer texts get a not-evidence result that says to split them. */
export const MAX_TEXT_CHARS = 20_000;

/**
 * The knobs of the scoring: a few scalars grid-searched on half A of the dev set (0-based even lines)
 * and confirmed on half B with `src/mapping/tune-cli.ts`; nothing per text or per phrase.
 */
export interface Tuning {
  /** Weight of a phrase hit (per pattern word, first word counts `phraseBase`). */
  phraseBase: number;
  phrasePerWord: number;
  /** A negated phrase hit counts this much ("I didn't give out her number" still shows confidentiality). */
  negatedPhrase: number;
  /** BM25 of a segment against criterion documents. */
  criterionBm25: number;
  /**
   * Share of a criterion's second-best segment added to its best. 0: a criterion is shown by one
   * sentence, and a second loose match elsewhere only crowds out criteria that a sentence does show.
   */
  secondSegment: number;
  /** Unit score parts: BM25 of the whole text against unit documents, unit phrase hits, best criteria. */
  unitBm25: number;
  unitPhrase: number;
  unitCriteria: number;
  /** Unit phrase hits saturate towards this value. */
  unitPhraseCap: number;
  /**
   * How many of a unit's best criteria feed its score (their mean). Three: a unit an account is about
   * shows in several of its criteria, while one strong match is often a generic criterion of another
   * unit; it also makes the foundation penalty far less decisive (1 to 2.5 rank the dev set alike).
   */
  unitTopCriteria: number;
  /** A unit is suggested when its score reaches this share of the best unit's score … */
  unitRelative: number;
  /** … and this absolute score. */
  unitAbsolute: number;
  /** How much of a unit's genericness (its mean score on other units' material) is taken off. */
  priorWeight: number;
  /** At most this many units are suggested. */
  maxUnits: number;
  /** Criteria of a suggested unit get this share of the unit's score added. */
  criterionUnitBoost: number;
  /**
   * How far that lift is evened out between the suggested units (0: each unit's own score, 1: the best
   * unit's score for all), so a second suggested unit's criteria compete on their own evidence.
   */
  liftEqualise: number;
  /**
   * Channel units (face to face, telephone, writing): nearly every account happens on one channel, so
   * such a unit loses `channelPenalty` unless at least `channelCriteria` of its criteria score
   * `channelCriterionMin` or more (the account is about the channel skill itself).
   */
  channelPenalty: number;
  /**
   * Units of the standards' Foundations theme (preparing yourself to serve, working within the rules)
   * underlie every account; they lose this much so that the unit an account is about ranks first.
   */
  foundationPenalty: number;
  channelCriteria: number;
  channelCriterionMin: number;
  /** Within one evidence requirement, a range is kept only when its situation scores this share of the best one's. */
  rangeRelative: number;
  /** Criteria returned. */
  maxCriteria: number;
  /** Knowledge items: minimum score and how many. */
  knowledgeMin: number;
  maxKnowledge: number;
  situations: SituationTuning;
}

export const DEFAULT_TUNING: Tuning = {
  phraseBase: 1.5,
  phrasePerWord: 1,
  negatedPhrase: 0.5,
  criterionBm25: 0.5,
  secondSegment: 0,
  unitBm25: 0.5,
  unitPhrase: 1,
  unitCriteria: 1.5,
  unitPhraseCap: 100,
  unitTopCriteria: 3,
  unitRelative: 0.7,
  unitAbsolute: 2,
  priorWeight: 0.4,
  maxUnits: 3,
  criterionUnitBoost: 1.2,
  liftEqualise: 0.5,
  channelPenalty: 4,
  foundationPenalty: 2.5,
  channelCriteria: 3,
  channelCriterionMin: 5,
  rangeRelative: 0.4,
  maxCriteria: 15,
  knowledgeMin: 3,
  maxKnowledge: 5,
  situations: DEFAULT_SITUATION_TUNING,
};

const NO_PRIVACY: PrivacyReport = { found: [], redacted: "" };

function emptyResult(text: string, reason: string, started: number, privacy?: PrivacyReport): MappingResult {
  return {
    isEvidence: false,
    reason,
    mapper: "offline",
    units: [],
    criteria: [],
    knowledge: [],
    ranges: [],
    situations: [],
    privacy: privacy ?? { ...NO_PRIVACY, redacted: text },
    elapsedMs: performance.now() - started,
  };
}

/** Control characters and replacement characters become spaces, keeping every offset. */
function cleaned(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary junk is exactly what is removed here
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, " ");
}

function safePrivacy(text: string): PrivacyReport {
  try {
    return checkPrivacy(text);
  } catch {
    return { found: [], redacted: text };
  }
}

/** The units a text may be mapped to: the plan's units that the catalogue knows, or every unit of the level. */
export function candidateUnits(index: MapperIndex, options: MapOptions): number[] {
  const known = (options.units ?? [])
    .map((id) => index.unitIndex.get(id))
    .filter((i): i is number => i !== undefined);
  if (known.length) return [...new Set(known)];
  const level = index.catalogue.unitsForLevel(options.level).map((u) => index.unitIndex.get(u.id));
  const ids = level.filter((i): i is number => i !== undefined);
  return ids.length ? ids : index.units.map((_, i) => i);
}

function support(analysis: Analysis, segment: number): SupportingSentence {
  const s = analysis.segments[segment] as Segment;
  return { text: analysis.text.slice(s.start, s.end), start: s.start, end: s.end };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Maps a text to the standards. Never throws: empty, junk, foreign or chat text is "not evidence";
 * text over MAX_TEXT_CHARS is "not evidence" with a reason asking to split it.
 */
export function mapEvidence(text: string, options: MapOptions, catalogue?: Catalogue): MappingResult {
  const started = performance.now();
  const raw = typeof text === "string" ? text : "";
  try {
    if (raw.length > MAX_TEXT_CHARS)
      return emptyResult(
        raw,
        `This text is ${raw.length.toLocaleString("en-GB")} characters long, over the ${MAX_TEXT_CHARS.toLocaleString("en-GB")} that can be mapped at once. Split it into one account per piece of work and send them separately.`,
        started,
      );
    return mapWithTuning(raw, options, indexFor(catalogue ?? loadCatalogue()), DEFAULT_TUNING, started);
  } catch (error) {
    return emptyResult(raw, `This text could not be mapped (${(error as Error).message}).`, started);
  }
}

/** The mapper with explicit tuning and index: used by mapEvidence and by the tuning script. */
export function mapWithTuning(
  raw: string,
  options: MapOptions,
  index: MapperIndex,
  tuning: Tuning,
  started = performance.now(),
): MappingResult {
  const text = cleaned(raw);
  if (!text.trim()) return emptyResult(raw, "The message is empty.", started);
  const analysis = analyse(text);
  // Offsets are the same in the cleaned and the original text; report the original.
  analysis.text = raw;
  const stream = streamOf(analysis);
  const gate = assessEvidence(index, analysis, stream);
  if (!gate.isEvidence) return emptyResult(raw, gate.reason, started, safePrivacy(raw));

  const candidates = candidateUnits(index, options);
  const scored = scoreText(index, analysis, stream, candidates, tuning);
  if (!scored.units.length)
    return emptyResult(raw, "Nothing in this text matches the units on your plan.", started);

  const situations = detectSituations(index, analysis, stream, tuning.situations);
  const detected = new Map(situations.map((s) => [s.id, s]));
  const ranges: RangeSuggestion[] = [];
  for (const u of scored.units) {
    const unit = index.catalogue.unit(u.unitId);
    for (const requirement of unit?.evidenceRequirements ?? []) {
      let best = 0;
      for (const range of requirement.ranges)
        best = Math.max(best, detected.get(range.situation)?.score ?? 0);
      for (const range of requirement.ranges) {
        const situation = detected.get(range.situation);
        if (!situation || situation.score < tuning.rangeRelative * best) continue;
        ranges.push({
          id: range.id,
          unitId: u.unitId,
          text: range.text,
          situation: range.situation,
          score: situation.score,
          support: situation.support,
        });
      }
    }
  }
  return {
    isEvidence: true,
    mapper: "offline",
    units: scored.units,
    criteria: scored.criteria,
    knowledge: scored.knowledge,
    ranges,
    situations,
    privacy: safePrivacy(raw),
    elapsedMs: performance.now() - started,
  };
}

interface Scored {
  units: UnitSuggestion[];
  criteria: CriterionSuggestion[];
  knowledge: KnowledgeSuggestion[];
}

/** Per-segment scores of the criteria (or knowledge items) of the candidate units. */
function segmentScores(
  analysis: Analysis,
  docs: MapperIndex["criterionDocs"],
  allowed: Uint8Array,
  phraseScores: Map<number, Float64Array>,
  weight: number,
): Float64Array[] {
  const out: Float64Array[] = [];
  for (let s = 0; s < analysis.segments.length; s++) {
    const seg = analysis.segments[s] as Segment;
    const terms: string[] = [];
    for (let i = seg.from; i < seg.to; i++) {
      const t = analysis.tokens[i];
      if (t?.word && !t.stop) terms.push(t.term);
    }
    const scores = docs.score(queryOf(terms, weight), allowed);
    const phrases = phraseScores.get(s);
    if (phrases)
      for (let d = 0; d < scores.length; d++) scores[d] = (scores[d] as number) + (phrases[d] as number);
    out.push(scores);
  }
  return out;
}

function phraseWeight(hit: PhraseHit<PhraseTarget>, index: MapperIndex, tuning: Tuning): number {
  const key = `${hit.phrase.target.kind}:${hit.phrase.pattern.join(" ")}`;
  const fanOut = index.patternFanOut.get(key) ?? 1;
  const base = tuning.phraseBase + tuning.phrasePerWord * (hit.phrase.pattern.length - 1);
  return (base / Math.sqrt(fanOut)) * (hit.negated ? tuning.negatedPhrase : 1);
}

/** Best and second-best segment of each document. */
interface Best {
  score: Float64Array;
  second: Float64Array;
  segment: Int32Array;
}

function bestOf(perSegment: Float64Array[], size: number): Best {
  const score = new Float64Array(size);
  const segment = new Int32Array(size).fill(-1);
  const second = new Float64Array(size);
  perSegment.forEach((scores, s) => {
    for (let d = 0; d < size; d++) {
      const x = scores[d] as number;
      if (x > (score[d] as number)) {
        second[d] = score[d] as number;
        score[d] = x;
        segment[d] = s;
      } else if (x > (second[d] as number)) second[d] = x;
    }
  });
  return { score, second, segment };
}

interface UnitParts {
  /** Whole-text BM25 against the unit document, scaled so the best candidate has 5. */
  bm25: number;
  phrase: number;
  /** Mean of the unit's best criterion scores. */
  criteria: number;
  /** How many of its criteria score at least `channelCriterionMin`. */
  strong: number;
}

function unitParts(
  index: MapperIndex,
  analysis: Analysis,
  candidates: number[],
  tuning: Tuning,
  critScore: Float64Array,
  unitPhrase: Float64Array,
): Map<number, UnitParts> {
  const allowedUnits = new Uint8Array(index.units.length);
  for (const u of candidates) allowedUnits[u] = 1;
  const allTerms = analysis.tokens.filter((t) => t.word && !t.stop).map((t) => t.term);
  const unitBm25 = index.unitDocs.score(queryOf(allTerms), allowedUnits);
  const maxBm25 = Math.max(1e-9, ...candidates.map((u) => unitBm25[u] as number));
  const out = new Map<number, UnitParts>();
  for (const u of candidates) {
    const entry = index.units[u] as MapperIndex["units"][number];
    const all = entry.criteria.map((c) => critScore[c] as number).sort((a, b) => b - a);
    const top = all.slice(0, tuning.unitTopCriteria);
    let strong = 0;
    for (const x of all) if (x >= tuning.channelCriterionMin) strong++;
    out.set(u, {
      bm25: ((unitBm25[u] as number) / maxBm25) * 5,
      // Saturating: ten mentions of "phone" do not make an account about telephone skills.
      phrase: tuning.unitPhraseCap * (1 - Math.exp(-(unitPhrase[u] as number) / tuning.unitPhraseCap)),
      criteria: top.length ? top.reduce((a, b) => a + b, 0) / tuning.unitTopCriteria : 0,
      strong,
    });
  }
  return out;
}

const priorCache = new WeakMap<MapperIndex, Map<string, UnitParts[]>>();

/**
 * Each unit's mean score parts over the other units' own material (their criteria and vocabulary):
 * how much a unit picks up from text that is about something else. Computed once per index and tuning.
 */
function priorsFor(index: MapperIndex, tuning: Tuning): UnitParts[] {
  const key = JSON.stringify([
    tuning.phraseBase,
    tuning.phrasePerWord,
    tuning.criterionBm25,
    tuning.secondSegment,
    tuning.unitTopCriteria,
    tuning.unitPhraseCap,
  ]);
  let byTuning = priorCache.get(index);
  if (!byTuning) {
    byTuning = new Map();
    priorCache.set(index, byTuning);
  }
  const hit = byTuning.get(key);
  if (hit) return hit;
  // Computing the priors maps every unit's material (most of a second); keep them on disk across runs.
  const diskKey = fingerprint(index.fingerprint, mapperSourceHash(), key);
  const cached = readCached<UnitParts[]>("mapping-priors", diskKey);
  if (Array.isArray(cached) && cached.length === index.units.length) {
    byTuning.set(key, cached);
    return cached;
  }
  const n = index.units.length;
  const sums: UnitParts[] = Array.from({ length: n }, () => ({ bm25: 0, phrase: 0, criteria: 0, strong: 0 }));
  const counts = new Array<number>(n).fill(0);
  const all = index.units.map((_, i) => i).filter((i) => (index.units[i]?.criteria.length ?? 0) > 0);
  for (const v of all) {
    const text = index.backgroundOf(v);
    if (!text) continue;
    const analysis = analyse(text);
    const stream = streamOf(analysis);
    const { critScore, unitPhrase } = criterionEvidence(index, analysis, stream, all, tuning);
    const parts = unitParts(index, analysis, all, tuning, critScore, unitPhrase);
    for (const u of all) {
      if (u === v) continue;
      const p = parts.get(u) as UnitParts;
      const sum = sums[u] as UnitParts;
      sum.bm25 += p.bm25;
      sum.phrase += p.phrase;
      sum.criteria += p.criteria;
      counts[u] = (counts[u] as number) + 1;
    }
  }
  const priors = sums.map((s, u) => {
    const c = Math.max(1, counts[u] as number);
    return { bm25: s.bm25 / c, phrase: s.phrase / c, criteria: s.criteria / c, strong: 0 };
  });
  byTuning.set(key, priors);
  writeCached("mapping-priors", diskKey, priors);
  return priors;
}

interface CriterionEvidence {
  critScore: Float64Array;
  crit: Best;
  unitPhrase: Float64Array;
  unitPhraseSegment: Int32Array;
  knowledgePhrases: Map<number, Float64Array>;
}

/** Phrase hits and per-segment BM25 of the candidate units' criteria. */
function criterionEvidence(
  index: MapperIndex,
  analysis: Analysis,
  stream: Stream,
  candidates: number[],
  tuning: Tuning,
): CriterionEvidence {
  const nCriteria = index.criteria.length;
  const nKnowledge = index.knowledge.length;
  const allowedCriteria = new Uint8Array(nCriteria);
  const allowedKnowledge = new Uint8Array(nKnowledge);
  const allowedUnits = new Uint8Array(index.units.length);
  for (const u of candidates) {
    allowedUnits[u] = 1;
    for (const c of (index.units[u] as MapperIndex["units"][number]).criteria) allowedCriteria[c] = 1;
    for (const k of (index.units[u] as MapperIndex["units"][number]).knowledge) allowedKnowledge[k] = 1;
  }

  // Phrase hits, per segment and target.
  const criterionPhrases = new Map<number, Float64Array>();
  const knowledgePhrases = new Map<number, Float64Array>();
  const unitPhrase = new Float64Array(index.units.length);
  const unitPhraseSegment = new Int32Array(index.units.length).fill(-1);
  const unitPhraseBest = new Float64Array(index.units.length);
  for (const hit of index.cues.find(analysis, stream)) {
    const target = hit.phrase.target;
    const w = phraseWeight(hit, index, tuning);
    if (target.kind === "criterion" && allowedCriteria[target.index]) {
      let arr = criterionPhrases.get(hit.segment);
      if (!arr) {
        arr = new Float64Array(nCriteria);
        criterionPhrases.set(hit.segment, arr);
      }
      arr[target.index] = (arr[target.index] as number) + w;
    } else if (target.kind === "knowledge" && allowedKnowledge[target.index]) {
      let arr = knowledgePhrases.get(hit.segment);
      if (!arr) {
        arr = new Float64Array(nKnowledge);
        knowledgePhrases.set(hit.segment, arr);
      }
      arr[target.index] = (arr[target.index] as number) + w;
    } else if (target.kind === "unit" && allowedUnits[target.index]) {
      unitPhrase[target.index] = (unitPhrase[target.index] as number) + w;
      if (w > (unitPhraseBest[target.index] as number)) {
        unitPhraseBest[target.index] = w;
        unitPhraseSegment[target.index] = hit.segment;
      }
    }
  }

  const critSegs = segmentScores(
    analysis,
    index.criterionDocs,
    allowedCriteria,
    criterionPhrases,
    tuning.criterionBm25,
  );
  const crit = bestOf(critSegs, nCriteria);
  const critScore = new Float64Array(nCriteria);
  for (let c = 0; c < nCriteria; c++)
    critScore[c] = (crit.score[c] as number) + tuning.secondSegment * (crit.second[c] as number);
  return { critScore, crit, unitPhrase, unitPhraseSegment, knowledgePhrases };
}

function scoreText(
  index: MapperIndex,
  analysis: Analysis,
  stream: Stream,
  candidates: number[],
  tuning: Tuning,
): Scored {
  const nKnowledge = index.knowledge.length;
  const { critScore, crit, unitPhrase, unitPhraseSegment, knowledgePhrases } = criterionEvidence(
    index,
    analysis,
    stream,
    candidates,
    tuning,
  );

  // Units: whole-text BM25 against unit documents, unit phrases, and their best criteria, each less
  // what the unit scores on other units' material (its genericness: "smiled and said hello" fits many).
  const parts = unitParts(index, analysis, candidates, tuning, critScore, unitPhrase);
  const prior = priorsFor(index, tuning);
  const unitScores: Array<{ u: number; score: number }> = [];
  // Whether anything on the plan matches at all is judged before the channel penalty, which only ranks.
  let bestEvidence = 0;
  for (const u of candidates) {
    const p = parts.get(u) as UnitParts;
    const q = prior[u] ?? { bm25: 0, phrase: 0, criteria: 0, strong: 0 };
    const evidence =
      tuning.unitBm25 * (p.bm25 - tuning.priorWeight * q.bm25) +
      tuning.unitPhrase * (p.phrase - tuning.priorWeight * q.phrase) +
      tuning.unitCriteria * (p.criteria - tuning.priorWeight * q.criteria);
    bestEvidence = Math.max(bestEvidence, evidence);
    const penalty =
      index.channelUnits.has(u) && p.strong < tuning.channelCriteria ? tuning.channelPenalty : 0;
    const foundation = index.foundationUnits.has(u) ? tuning.foundationPenalty : 0;
    unitScores.push({ u, score: evidence - penalty - foundation });
  }
  unitScores.sort((a, b) => b.score - a.score);
  const bestUnit = unitScores[0]?.score ?? 0;
  const chosen = unitScores
    .filter(
      (x, i) => i === 0 || (x.score >= tuning.unitRelative * bestUnit && x.score >= tuning.unitAbsolute),
    )
    .slice(0, tuning.maxUnits);
  if (!chosen.length || bestEvidence <= 0) return { units: [], criteria: [], knowledge: [] };
  const chosenScore = new Map(chosen.map((x) => [x.u, Math.max(0, x.score)]));

  const units: UnitSuggestion[] = chosen.map(({ u, score }) => {
    const entry = index.units[u] as MapperIndex["units"][number];
    let seg = unitPhraseSegment[u] as number;
    if (seg < 0) {
      const bestCriterion = entry.criteria.reduce((a, c) =>
        (critScore[c] as number) > (critScore[a] as number) ? c : a,
      );
      seg = crit.segment[bestCriterion] as number;
    }
    return {
      unitId: entry.id,
      title: entry.title,
      score: round(score),
      support: seg >= 0 ? support(analysis, seg) : null,
    };
  });

  // Criteria: own score, lifted for the suggested units.
  const ranked: Array<{ c: number; score: number }> = [];
  for (const u of candidates) {
    const boost = chosenScore.get(u);
    const lift =
      boost === undefined
        ? 0
        : tuning.criterionUnitBoost *
          ((1 - tuning.liftEqualise) * boost + tuning.liftEqualise * Math.max(0, bestUnit));
    for (const c of (index.units[u] as MapperIndex["units"][number]).criteria) {
      const score = (critScore[c] as number) + lift;
      if (score > 0) ranked.push({ c, score });
    }
  }
  ranked.sort((a, b) => b.score - a.score);
  const fallbackSegment = units[0]?.support ? (units[0].support as SupportingSentence) : support(analysis, 0);
  const criteria: CriterionSuggestion[] = ranked.slice(0, tuning.maxCriteria).map(({ c, score }) => {
    const entry = index.criteria[c] as MapperIndex["criteria"][number];
    const seg = crit.segment[c] as number;
    return {
      id: entry.id,
      unitId: entry.unitId,
      text: entry.text,
      score: round(score),
      support: seg >= 0 ? support(analysis, seg) : fallbackSegment,
    };
  });

  // Knowledge items of the suggested units.
  const allowedChosenKnowledge = new Uint8Array(nKnowledge);
  for (const { u } of chosen)
    for (const k of (index.units[u] as MapperIndex["units"][number]).knowledge) allowedChosenKnowledge[k] = 1;
  const knowSegs = segmentScores(analysis, index.knowledgeDocs, allowedChosenKnowledge, knowledgePhrases, 1);
  const know = bestOf(knowSegs, nKnowledge);
  const knowledge: KnowledgeSuggestion[] = [];
  for (let k = 0; k < nKnowledge; k++) {
    if (!allowedChosenKnowledge[k] || (know.score[k] as number) < tuning.knowledgeMin) continue;
    const entry = index.knowledge[k] as MapperIndex["knowledge"][number];
    knowledge.push({
      id: entry.id,
      unitId: entry.unitId,
      text: entry.text,
      score: round(know.score[k] as number),
      support: support(analysis, know.segment[k] as number),
      guideSections: entry.guideSections,
    });
  }
  knowledge.sort((a, b) => b.score - a.score);
  return { units, criteria, knowledge: knowledge.slice(0, tuning.maxKnowledge) };
}
