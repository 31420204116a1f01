// Turns the scorer's probabilities into what the card shows: units, a ranked list of criteria with the few shown, knowledge, situations and ranges.
import type { Catalogue } from "../standards/catalogue.ts";
import { CUSTOMER_ACTS, type Predictions } from "./scorer.ts";
import type { ScorerIndex } from "./scorer-index.ts";
import type { AnalysedText } from "./text.ts";
import {
  ACCOUNT_ASK,
  type CriterionSuggestion,
  type DetectedSituation,
  type KnowledgeSuggestion,
  type RangeSuggestion,
  type SupportingSentence,
  type UnitSuggestion,
} from "./types.ts";

/** The decision thresholds, chosen by cross-validation on the corpus (`npm run train`). */
export interface Thresholds {
  notEvidence: number;
  unit: number;
  /** A unit is chosen too when its probability is at least this share of the likeliest unit's (1: never). */
  unitRelative: number;
  maxUnits: number;
  /** A criterion is shown when its probability reaches this … */
  show: number;
  /** … at most this many … */
  maxShown: number;
  /** … and the likeliest this many of the chosen units are shown even under `show` (a handful per account). */
  minShown: number;
  /** … and at most this many claims quote the same sentence. */
  perSentence: number;
  knowledge: number;
  maxKnowledge: number;
  /** With focus "knowledge" (a discussion, oral questioning): the lower threshold and the longer list. */
  knowledgeFocus: number;
  maxKnowledgeFocus: number;
  situation: number;
  /** A situation that two or more catalogue cues say (not negated) needs only this probability (at most `situation`). */
  situationCues?: number;
  /** Of two opposites present, the less likely is kept too when it reaches this ("got cross", then "thanked me"; 1: never). */
  situationBoth?: number;
  /** … and a catalogue cue, or a best sentence that shows it this well on its own. */
  situationSentence: number;
  /** Criteria in the ranked list. */
  maxCriteria: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  notEvidence: 0.5,
  unit: 0.5,
  unitRelative: 1,
  maxUnits: 4,
  show: 0.5,
  maxShown: 8,
  minShown: 0,
  perSentence: 3,
  knowledge: 0.6,
  maxKnowledge: 2,
  knowledgeFocus: 0.3,
  maxKnowledgeFocus: 6,
  situation: 0.5,
  situationCues: 0.5,
  situationBoth: 1,
  situationSentence: 0.1,
  maxCriteria: 12,
};

export interface Assembled {
  units: UnitSuggestion[];
  criteria: CriterionSuggestion[];
  knowledge: KnowledgeSuggestion[];
  situations: DetectedSituation[];
  ranges: RangeSuggestion[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * Where a quote a person reads should start. A long written sentence is scored in clauses, and a clause cut at a new
 * subject can start mid-phrase ("she had done, and checked…"): the quote then starts after its first comma or
 * semicolon when enough words follow, or else back at the punctuation (or sentence start) before it.
 */
function readableStart(full: string, start: number, end: number): number {
  const before = full.slice(0, start).trimEnd();
  if (before === "" || /[.!?;:,\n]$/.test(before) || !/^[a-z]/.test(full.slice(start, end))) return start;
  const body = full.slice(start, end);
  const cut = /[,;]\s+/.exec(body);
  if (cut && words(body.slice(cut.index + cut[0].length)) >= 5) return start + cut.index + cut[0].length;
  const back = Math.max(before.lastIndexOf(","), before.lastIndexOf(";"), before.search(/[.!?][^.!?]*$/));
  const from = back < 0 ? 0 : back + 1;
  const widened = full.slice(from, start);
  return words(widened) <= 15 ? from + (widened.length - widened.trimStart().length) : start;
}

/** Words that open the next clause, so a quote may end just before them. */
const CLAUSE_START = /^\s+(and|but|so|then|because|which|while|when|until|though|although|or)\b/i;

/** Where a quote should end: at its clause's punctuation, a few words on when it was cut mid-phrase ("…anything"). */
function readableEnd(full: string, start: number, end: number): number {
  const after = full.slice(end);
  const quote = full.slice(start, end).trimEnd();
  if (
    after.trim() === "" ||
    /^\s*[.!?;:,]/.test(after) ||
    /[.!?;:,]$/.test(quote) ||
    CLAUSE_START.test(after)
  )
    return end;
  const next = /[.!?;:,\n]/.exec(after);
  if (next && words(after.slice(0, next.index)) <= 8) return end + next.index;
  const back = Math.max(quote.lastIndexOf(", "), quote.lastIndexOf("; "));
  return back > 0 && words(quote.slice(0, back)) >= 5 ? start + back : end;
}

function supportOf(text: AnalysedText, segment: number): SupportingSentence {
  const s = (text.segments[segment] ?? text.segments[0])?.segment;
  const full = text.analysis.text;
  if (!s) return { text: full, start: 0, end: full.length };
  const start = readableStart(full, s.start, s.end);
  let end = readableEnd(full, start, s.end);
  // a clause's own trailing comma or semicolon is not part of the quote
  while (end > start + 1 && /[\s,;:]/.test(full[end - 1] ?? "")) end -= 1;
  return { text: full.slice(start, end), start, end };
}

/** The chosen units: those over the threshold or near enough the likeliest (at most maxUnits), and always the likeliest. */
export function chooseUnits(p: Predictions, t: Thresholds): Array<[string, number]> {
  const sorted = [...p.units].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = sorted[0]?.[1] ?? 0;
  const relative = t.unitRelative ?? 1;
  return sorted
    .filter(([, q], i) => i === 0 || q >= t.unit || (relative < 1 && q >= relative * top))
    .slice(0, t.maxUnits);
}

/** Situations present: over the threshold, and of two opposites the likelier (and the other only when it is likely too). */
export function chooseSituations(p: Predictions, t: Thresholds, catalogue: Catalogue) {
  const byId = new Map(p.situations.map((s) => [s.situation, s]));
  return p.situations.filter((s) => {
    // A situation needs a catalogue cue, or a sentence that shows it well on its own: similar accounts
    // having it is not enough.
    const threshold = s.cues >= 2 ? Math.min(t.situation, t.situationCues ?? t.situation) : t.situation;
    if (s.p < threshold || (s.cues === 0 && s.sentence < t.situationSentence)) return false;
    // Negation as the catalogue's cues read it: "it wasn't busy" with no busy cue elsewhere is not busy.
    if (s.negatedCues > 0 && s.cues === 0) return false;
    // A customer's act needs a cue that is not the candidate's own ("I asked" is not the customer asking).
    if (CUSTOMER_ACTS.has(s.situation) && s.cues === 0) return false;
    const opposite = catalogue.situations.get(s.situation)?.opposite;
    const other = opposite ? byId.get(opposite) : undefined;
    if (!other || s.p > other.p || (s.p === other.p && s.bestSegment > other.bestSegment)) return true;
    // Both opposites can be true of one story at different times: kept when it is likely enough on its own.
    return s.p >= (t.situationBoth ?? 1) && s.cues > 0;
  });
}

export function assemble(
  index: ScorerIndex,
  text: AnalysedText,
  p: Predictions,
  t: Thresholds,
  focus?: "knowledge",
): Assembled {
  const catalogue = index.catalogue;
  const chosen = chooseUnits(p, t);
  const chosenSet = new Set(chosen.map(([u]) => u));
  const units: UnitSuggestion[] = chosen.map(([unitId, q]) => {
    const best = p.targets
      .filter((x) => x.unitId === unitId && x.kind === "criterion")
      .sort((a, b) => b.p - a.p)[0];
    return {
      unitId,
      title: index.units.get(unitId)?.title ?? unitId,
      score: round(q),
      support: best && best.quoteSegment >= 0 ? supportOf(text, best.quoteSegment) : null,
    };
  });

  const perSentence = new Map<number, number>();
  const knowledge =
    focus === "knowledge" ? chooseKnowledge(index, text, p, t, chosenSet, perSentence, focus) : [];
  let shownCount = 0;
  const ranked = p.targets
    .filter((x) => x.kind === "criterion")
    .sort((a, b) => b.p - a.p || a.target - b.target);
  const criteria: CriterionSuggestion[] = ranked.slice(0, t.maxCriteria).map((x) => {
    const used = perSentence.get(x.quoteSegment) ?? 0;
    const shown =
      (x.p >= t.show || shownCount < t.minShown) &&
      chosenSet.has(x.unitId) &&
      used < t.perSentence &&
      shownCount < t.maxShown;
    if (shown) {
      shownCount++;
      perSentence.set(x.quoteSegment, used + 1);
    }
    return { ...criterionOf(index, text, x), shown };
  });

  const present = chooseSituations(p, t, catalogue);
  const situations: DetectedSituation[] = present
    .map((s) => ({
      id: s.situation,
      label: catalogue.situations.get(s.situation)?.label ?? s.situation,
      score: round(s.p),
      // The sentence that says it in words ("a customer got cross"), else the one the sentence model likes best.
      support: supportOf(text, s.cueSegment >= 0 ? s.cueSegment : s.bestSegment),
    }))
    .sort((a, b) => b.score - a.score);
  const detected = new Map(situations.map((s) => [s.id, s]));
  const ranges: RangeSuggestion[] = [];
  for (const [unitId] of chosen)
    for (const requirement of catalogue.unit(unitId)?.evidenceRequirements ?? [])
      for (const range of requirement.ranges) {
        const s = detected.get(range.situation);
        if (!s) continue;
        ranges.push({
          id: range.id,
          unitId,
          text: range.text,
          situation: range.situation,
          score: s.score,
          support: s.support,
        });
      }

  // A range is claimed for a unit alongside what the candidate did in it: a chosen unit with ranges shows its
  // likeliest criterion even under the shown mark, so the card never offers "Situations covered" for a unit
  // with nothing to show for it.
  for (const unitId of new Set(ranges.map((r) => r.unitId))) {
    if (shownCount >= t.maxShown) break;
    if (criteria.some((c) => c.shown && c.unitId === unitId)) continue;
    const best = ranked.find((x) => x.unitId === unitId);
    const used = best ? (perSentence.get(best.quoteSegment) ?? 0) : t.perSentence;
    if (!best || used >= t.perSentence) continue;
    shownCount++;
    perSentence.set(best.quoteSegment, used + 1);
    const listed = criteria.findIndex((c) => c.id === index.targets[best.target]?.id);
    const claim = { ...criterionOf(index, text, best), shown: true };
    if (listed >= 0) criteria[listed] = claim;
    else criteria.push(claim);
  }

  if (focus !== "knowledge") knowledge.push(...chooseKnowledge(index, text, p, t, chosenSet, perSentence));
  return { units, criteria, knowledge, situations, ranges };
}

/** A criterion of the ranking as the card lists it (not yet shown). */
function criterionOf(
  index: ScorerIndex,
  text: AnalysedText,
  x: Predictions["targets"][number],
): CriterionSuggestion {
  const target = index.targets[x.target];
  return {
    id: target?.id ?? "",
    unitId: x.unitId,
    text: target?.text ?? "",
    score: round(x.p),
    support: supportOf(text, x.quoteSegment),
    shown: false,
  };
}

/**
 * The knowledge items the text shows, likeliest first. A discussion or oral questioning (focus "knowledge")
 * is there to show understanding, so it is read with a lower threshold, a longer list, and first (its
 * items take the sentences before the criteria do).
 */
function chooseKnowledge(
  index: ScorerIndex,
  text: AnalysedText,
  p: Predictions,
  t: Thresholds,
  chosenSet: ReadonlySet<string>,
  perSentence: Map<number, number>,
  focus?: "knowledge",
): KnowledgeSuggestion[] {
  const threshold = focus === "knowledge" ? Math.min(t.knowledge, t.knowledgeFocus) : t.knowledge;
  const max = focus === "knowledge" ? t.maxKnowledgeFocus : t.maxKnowledge;
  const knowledge: KnowledgeSuggestion[] = [];
  const knowledgeRanked = p.targets
    .filter((x) => x.kind === "knowledge" && chosenSet.has(x.unitId) && x.p >= threshold)
    .sort((a, b) => b.p - a.p || a.target - b.target);
  for (const x of knowledgeRanked) {
    if (knowledge.length >= max) break;
    const used = perSentence.get(x.bestSegment) ?? 0;
    if (used >= t.perSentence) continue;
    perSentence.set(x.bestSegment, used + 1);
    const target = index.targets[x.target];
    const item = index.catalogue.knowledgeItem(target?.id ?? "");
    knowledge.push({
      id: target?.id ?? "",
      unitId: x.unitId,
      text: target?.text ?? "",
      score: round(x.p),
      support: supportOf(text, x.bestSegment),
      guideSections: item?.item.guideSections ?? [],
      shown: true,
    });
  }
  return knowledge;
}

export interface Decision {
  isEvidence: boolean;
  /** Why not, for people, when it is not evidence. */
  reason?: string;
  parts: Assembled;
}

/** What a text that tells of no service (a rant, the news, someone else's deed) gets back. */
export const NOT_EVIDENCE_REASON = `This does not read as an account of something you did for a customer, so there is nothing to map yet. ${ACCOUNT_ASK}`;

const EMPTY: Assembled = { units: [], criteria: [], knowledge: [], situations: [], ranges: [] };

/** The one decision the card, `shiftnote map`, the evaluation and the cross-validation all use. */
export function decide(
  index: ScorerIndex,
  text: AnalysedText,
  p: Predictions,
  t: Thresholds,
  focus?: "knowledge",
): Decision {
  if (p.notEvidence >= t.notEvidence || !p.units.size)
    return { isEvidence: false, reason: NOT_EVIDENCE_REASON, parts: EMPTY };
  return { isEvidence: true, parts: assemble(index, text, p, t, focus) };
}
