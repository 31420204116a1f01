// Detects the situations of an account once (busy, quiet, let down, unhappy customer…), with negation, contrast and opposites.
import type { Catalogue } from "../standards/catalogue.ts";
import type { MapperIndex, PhraseTarget } from "./mapper-index.ts";
import type { Analysis, Segment } from "./nlp.ts";
import type { PhraseHit, Stream } from "./phrases.ts";
import type { DetectedSituation, SupportingSentence } from "./types.ts";

export interface SituationTuning {
  /** Score a situation needs to count as detected. */
  threshold: number;
  /** Weight of a one-word cue ("busy") and of each further word of a longer cue. */
  singleWord: number;
  perExtraWord: number;
  /** A negated cue of a situation that has an opposite votes for the opposite with this weight. */
  negatedToOpposite: number;
}

export const DEFAULT_SITUATION_TUNING: SituationTuning = {
  threshold: 1,
  singleWord: 0.75,
  perExtraWord: 0.5,
  negatedToOpposite: 0.75,
};

/** Situations that are something the customer does: a first-person subject right before the cue is not one. */
const CUSTOMER_ACTS = new Set(["customer_asked"]);
const FIRST_PERSON = new Set(["i", "we"]);

const OTHER_SUBJECT = new Set([
  "he",
  "she",
  "they",
  "you",
  "customer",
  "customers",
  "client",
  "caller",
  "member",
  "guest",
]);
/** Words skipped between a subject and its verb. */
const PASS_OVER = new Set([
  "also",
  "then",
  "just",
  "and",
  "so",
  "had",
  "have",
  "has",
  "'d",
  "'ve",
  "always",
  "rightly",
  "even",
]);

/**
 * Whether the subject of the verb at token `first` is "I" or "we": the nearest subject word up to
 * eight words back in the segment ("I said hello, told her my name and asked" is the candidate asking;
 * "and he asked about the chicken" is the customer). With no subject in reach, not first person.
 */
function firstPersonBefore(analysis: Analysis, first: number, segment: Segment): boolean {
  let words = 0;
  for (let i = first - 1; i >= segment.from && words < 8; i--) {
    const t = analysis.tokens[i];
    if (!t) return false;
    if (!t.word) {
      // A sentence break or a quote ends the look-back; commas and dashes do not.
      if (/[.!?;:"'\u2018\u2019\u201C\u201D]/.test(t.value)) return false;
      continue;
    }
    const lower = t.value.toLowerCase();
    if (words === 0 && PASS_OVER.has(lower)) continue;
    words++;
    if (FIRST_PERSON.has(lower)) return true;
    if (OTHER_SUBJECT.has(lower)) return false;
  }
  return false;
}

interface Vote {
  score: number;
  /** Where the strongest cue is, for the supporting sentence and for ordering opposites. */
  best: number;
  bestToken: number;
  segment: number;
}

function supportOf(analysis: Analysis, segment: Segment): SupportingSentence {
  return { text: analysis.text.slice(segment.start, segment.end), start: segment.start, end: segment.end };
}

/**
 * Scores each situation from its cue phrases. A negated cue ("it wasn't busy") does not count for
 * its situation and counts for the opposite one; when both of two opposites are found the stronger
 * stands (the later on a tie: "quiet at first, then rammed" reads as the account's point).
 */
export function detectSituations(
  index: MapperIndex,
  analysis: Analysis,
  stream: Stream,
  tuning: SituationTuning = DEFAULT_SITUATION_TUNING,
): DetectedSituation[] {
  const catalogue: Catalogue = index.catalogue;
  const hits = index.situationCues.find(analysis, stream);
  const votes = new Map<string, Vote>();
  const vote = (id: string, weight: number, hit: PhraseHit<PhraseTarget>) => {
    const v = votes.get(id) ?? { score: 0, best: 0, bestToken: hit.first, segment: hit.segment };
    v.score += weight;
    if (weight > v.best || (weight === v.best && hit.first > v.bestToken)) {
      v.best = weight;
      v.bestToken = hit.first;
      v.segment = hit.segment;
    }
    votes.set(id, v);
  };
  const seen = new Set<string>();
  for (const hit of longestHits(hits)) {
    const target = hit.phrase.target;
    if (target.kind !== "situation") continue;
    // "I asked if she was all right" is the candidate asking, not the customer's request.
    if (
      CUSTOMER_ACTS.has(target.id) &&
      firstPersonBefore(analysis, hit.first, analysis.segments[hit.segment] as Segment)
    )
      continue;
    // Several cues can compile to the same words ("she asked", "he asked"): one vote per place.
    const place = `${target.id}|${hit.phrase.pattern.join(" ")}|${hit.first}`;
    if (seen.has(place)) continue;
    seen.add(place);
    const weight = tuning.singleWord + tuning.perExtraWord * (hit.phrase.pattern.length - 1);
    if (!hit.negated) {
      vote(target.id, weight, hit);
      continue;
    }
    const opposite = catalogue.situations.get(target.id)?.opposite;
    if (opposite) vote(opposite, tuning.negatedToOpposite * weight, hit);
  }
  // Opposites exclude each other; the scores decide ("it wasn't busy" then "the rush started").
  for (const [id, v] of votes) {
    const opposite = catalogue.situations.get(id)?.opposite;
    const other = opposite ? votes.get(opposite) : undefined;
    if (!other) continue;
    const wins = v.score > other.score || (v.score === other.score && v.bestToken > other.bestToken);
    if (!wins) v.score = -1;
  }
  const out: DetectedSituation[] = [];
  for (const [id, v] of votes) {
    if (v.score < tuning.threshold) continue;
    const situation = catalogue.situations.get(id);
    if (!situation) continue;
    out.push({
      id,
      label: situation.label,
      score: Math.round(v.score * 100) / 100,
      support: supportOf(analysis, analysis.segments[v.segment] as Segment),
    });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Drops hits that lie inside a longer hit for the same target ("quiet" inside "dead quiet"). */
function longestHits(hits: PhraseHit<PhraseTarget>[]): PhraseHit<PhraseTarget>[] {
  const key = (h: PhraseHit<PhraseTarget>) =>
    h.phrase.target.kind === "situation" ? h.phrase.target.id : `${h.phrase.target.kind}`;
  return hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o !== h &&
          key(o) === key(h) &&
          o.first <= h.first &&
          o.last >= h.last &&
          o.last - o.first > h.last - h.first,
      ),
  );
}
