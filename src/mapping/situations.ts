// Where situations and ranges are found and lost: per situation id, precision and recall of the detected situations and of the ranges.
import type { Catalogue } from "../standards/catalogue.ts";
import type { ScorerIndex, View } from "./scorer-index.ts";

/** Counts for one situation: detected situations against the gold ranges' situations, and ranges. */
export interface SituationTally {
  /** Accounts whose gold ranges have this situation. */
  gold: number;
  situationHits: number;
  situationFalse: number;
  rangeGold: number;
  rangeHits: number;
  rangeFalse: number;
}

export type SituationBreakdown = Record<string, SituationTally>;

const empty = (): SituationTally => ({
  gold: 0,
  situationHits: 0,
  situationFalse: 0,
  rangeGold: 0,
  rangeHits: 0,
  rangeFalse: 0,
});

/**
 * Adds one account to the breakdown: `detected` the situation ids the mapper found, `ranges` the range ids
 * it suggested, `goldRanges` the labelled ones. Accounts with no gold range are counted too (their detected
 * situations are false alarms only if some chosen unit has that situation among its ranges, as `detected`
 * already says).
 */
export function tallySituations(
  breakdown: SituationBreakdown,
  catalogue: Catalogue,
  detected: readonly string[],
  ranges: readonly string[],
  goldRanges: readonly string[],
): void {
  const situationOf = (r: string) => catalogue.range(r)?.range.situation ?? "";
  const goldSituations = new Set(goldRanges.map(situationOf).filter(Boolean));
  const found = new Set(detected);
  const at = (s: string) => {
    let t = breakdown[s];
    if (!t) {
      t = empty();
      breakdown[s] = t;
    }
    return t;
  };
  for (const s of goldSituations) {
    at(s).gold++;
    if (found.has(s)) at(s).situationHits++;
  }
  for (const s of found) if (!goldSituations.has(s)) at(s).situationFalse++;
  const gold = new Set(goldRanges);
  const predicted = new Set(ranges);
  for (const r of gold) {
    const s = situationOf(r);
    if (!s) continue;
    at(s).rangeGold++;
    if (predicted.has(r)) at(s).rangeHits++;
  }
  for (const r of predicted) if (!gold.has(r)) at(situationOf(r) || "?").rangeFalse++;
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : "  - ");

/** One line per situation id, sorted: gold count, situation precision and recall, range precision and recall. */
export function formatSituationBreakdown(breakdown: SituationBreakdown, indent = "  "): string[] {
  return Object.keys(breakdown)
    .sort()
    .map((id) => {
      const t = breakdown[id] as SituationTally;
      return `${indent}${id.padEnd(24)} gold=${String(t.gold).padStart(3)} situation p=${ratio(t.situationHits, t.situationHits + t.situationFalse)} r=${ratio(t.situationHits, t.gold)}  ranges gold=${String(t.rangeGold).padStart(3)} p=${ratio(t.rangeHits, t.rangeHits + t.rangeFalse)} r=${ratio(t.rangeHits, t.rangeGold)}`;
    });
}

/** How often a labelled account that evidences a unit with the situation among its ranges has it, per view (smoothed). */
const priorCache = new WeakMap<View, Map<string, number>>();

export function situationPriors(index: ScorerIndex, view: View): Map<string, number> {
  let priors = priorCache.get(view);
  if (priors) return priors;
  const has = new Map<string, number>();
  const could = new Map<string, number>();
  for (const a of view.accounts) {
    const account = index.accounts[a];
    if (!account || account.notEvidence) continue;
    const possible = new Set<string>();
    for (const u of account.units) for (const s of index.units.get(u)?.situations ?? []) possible.add(s);
    for (const s of possible) {
      could.set(s, (could.get(s) ?? 0) + 1);
      if (account.situations.has(s)) has.set(s, (has.get(s) ?? 0) + 1);
    }
  }
  priors = new Map();
  for (const s of index.catalogue.situations.keys())
    priors.set(s, ((has.get(s) ?? 0) + 1) / ((could.get(s) ?? 0) + 4));
  priorCache.set(view, priors);
  return priors;
}

/** What one situation's first features say, for the features that compare it with its opposite. */
export interface SituationBasis {
  situation: string;
  best: number;
  /** Cue matches by lemma (and by person in a testimony), plain and negated. */
  flexible: [number, number];
}

/**
 * The situation features added to the first eight (src/mapping/scorer.ts): cue matches read by lemma and
 * person, plain and negated; the best sentence against the opposite situation's, and the cues against its
 * cues (0 when the situation has no opposite among the candidates); and the logit of the situation's prior.
 */
export function situationExtras(
  basis: SituationBasis,
  all: ReadonlyMap<string, SituationBasis>,
  catalogue: Catalogue,
  priors: ReadonlyMap<string, number>,
): number[] {
  const oppositeId = catalogue.situations.get(basis.situation)?.opposite;
  const other = oppositeId ? all.get(oppositeId) : undefined;
  const [plain, negated] = basis.flexible;
  const prior = priors.get(basis.situation) ?? 0.2;
  return [
    Math.log1p(plain),
    Math.log1p(negated),
    other ? Math.max(-12, Math.min(12, basis.best - other.best)) / 4 : 0,
    other ? Math.log1p(plain) - Math.log1p(other.flexible[0]) : 0,
    Math.log(prior / (1 - prior)),
  ];
}
