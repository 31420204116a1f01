// The learned scorer: features of a text against the candidate units' targets, and the probabilities the trained models give them.

import { criterionScoreTable } from "./criterion-classifier.ts";
import { CUSTOMER_ACTS, findCues, readsAsTestimony } from "./cues.ts";
import {
  clampLogit,
  evidenceTable,
  neighbours,
  type SentenceModels,
  sentenceNeighbours,
  sigmoid,
} from "./features.ts";
import { type LogisticModel, linear, logit } from "./logistic.ts";
import { PUBLIC_PEOPLE } from "./people.ts";
import type { ScorerIndex, View } from "./scorer-index.ts";
import { float64s, int32s, uint8s } from "./scratch.ts";
import { actSegments, servedFeatures } from "./served.ts";
import { type SituationBasis, situationExtras, situationPriors } from "./situations.ts";
import type { AnalysedText } from "./text.ts";
import { margin, type TextModel } from "./trees.ts";
import { unitClassifierScores } from "./unit-classifier.ts";
import { dot } from "./vectors.ts";

export { CUSTOMER_ACTS };

export interface TargetFeatures {
  target: number;
  unitId: string;
  kind: "criterion" | "knowledge";
  /** Without the unit probability, which is appended once the unit model has run. */
  x: number[];
  bestSegment: number;
  /** What the card quotes for it: a criterion's best sentence among those where the candidate acts. */
  quoteSegment: number;
}

/**
 * The candidate units' targets' features as a table, one row a target (TargetFeatures' fields as columns,
 * the first `count` entries of each): no object and no array a target.
 */
export interface TargetRows {
  count: number;
  /** The target's position in the index's targets. */
  target: Int32Array;
  /** Its unit's place in TextFeatures.units. */
  unit: Int32Array;
  /** 1 for a knowledge item, 0 for a criterion. */
  knowledge: Uint8Array;
  bestSegment: Int32Array;
  quoteSegment: Int32Array;
  /** The features, TARGET_FEATURES a row, row after row. */
  x: Float64Array;
}

export interface SituationFeatures {
  target: number;
  situation: string;
  x: number[];
  bestSegment: number;
  /** The segment where its earliest cue (not negated) is, the sentence to quote for it; -1 without one. */
  cueSegment: number;
}

export interface TextFeatures {
  candidates: string[];
  units: Array<{ unitId: string; x: number[] }>;
  targets: TargetRows;
  situations: SituationFeatures[];
  notEvidence: number[];
  /** The text's content lemmas, for the not-evidence word weights. */
  terms: string[];
  /** Who did what in the text ("writer:pay", "other:explain", "my:car"; src/mapping/served.ts), for the role weights. */
  roles: string[];
}

export interface Models {
  sentence: SentenceModels;
  /** The unit and criterion models may carry boosted trees on top of their logistic logit (src/mapping/trees.ts). */
  unit: TextModel;
  criterion: TextModel;
  knowledge: LogisticModel;
  situation: LogisticModel;
  notEvidence: LogisticModel;
  /** Naive Bayes log-odds of each lemma for not-evidence against accounts (fitted with the gate). */
  notEvidenceWords: Record<string, number>;
  /** Naive Bayes log-odds of each role term ("writer:pay", "my:car") for not-evidence, fitted the same way. */
  notEvidenceRoles: Record<string, number>;
}

const FIRST_PERSON = new Set(["i", "me", "my", "we", "us", "our", "myself", "i'm", "i've", "i'd"]);
const THIRD = new Set(["he", "she", "they", "colleague", "manager", "boss"]);
const OBJECTS = new Set(["her", "him", "them", "his", "their"]);

/** How many features a target's row has (TargetFeatures.x), before the unit probability is appended. */
export const TARGET_FEATURES = 22;

/** Share of the top three values' mean, or the default when there are none. */
function topMean(values: number[], k: number, empty: number): number {
  if (!values.length) return empty;
  const sorted = [...values].sort((a, b) => b - a).slice(0, k);
  return sorted.reduce((a, b) => a + b, 0) / sorted.length;
}

/** How many of the values (sorted highest first) exceed v. */
function higherCount(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) > v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The columns textFeatures reuses (its `reuse`), grown as needed. */
const rowBuffers = {
  target: int32s(),
  unit: int32s(),
  knowledge: uint8s(),
  bestSegment: int32s(),
  quoteSegment: int32s(),
  x: float64s(),
};

/** An empty table with room for n rows: new columns, or the reused ones. */
function targetRows(n: number, reuse: boolean): TargetRows {
  const b = rowBuffers;
  return {
    count: 0,
    target: reuse ? b.target.take(n) : new Int32Array(n),
    unit: reuse ? b.unit.take(n) : new Int32Array(n),
    knowledge: reuse ? b.knowledge.take(n) : new Uint8Array(n),
    bestSegment: reuse ? b.bestSegment.take(n) : new Int32Array(n),
    quoteSegment: reuse ? b.quoteSegment.take(n) : new Int32Array(n),
    x: reuse ? b.x.take(n * TARGET_FEATURES) : new Float64Array(n * TARGET_FEATURES),
  };
}

/** The target rows of a text's features as one object each (for training, which keeps them). */
export function targetFeatures(features: TextFeatures): TargetFeatures[] {
  const rows = features.targets;
  const out: TargetFeatures[] = [];
  for (let r = 0; r < rows.count; r++)
    out.push({
      target: rows.target[r] as number,
      unitId: features.units[rows.unit[r] as number]?.unitId ?? "",
      kind: rows.knowledge[r] ? "knowledge" : "criterion",
      x: Array.from(rows.x.subarray(r * TARGET_FEATURES, (r + 1) * TARGET_FEATURES)),
      bestSegment: rows.bestSegment[r] as number,
      quoteSegment: rows.quoteSegment[r] as number,
    });
  return out;
}

/** Every feature of a text: targets and situations of the candidate units, the units, and the gate. */
export function textFeatures(
  index: ScorerIndex,
  view: View,
  text: AnalysedText,
  candidates: readonly string[],
  sentence: SentenceModels,
  /** Written by someone who watched the candidate (MapOptions `writer: "observer"`). */
  observed = false,
  /**
   * Write the target rows into buffers the next such call writes over, for a caller done with the features
   * by then (mapWith): otherwise every text's rows are new arrays, which V8 allocated straight into the old
   * generation, where they stayed until a full collection.
   */
  reuse = false,
): TextFeatures {
  const units = candidates.map((u) => index.units.get(u)).filter((u) => u !== undefined);
  const targetIds = units.flatMap((u) => [...u.criteria, ...u.knowledge]);
  // Only the situations of the candidate units' ranges matter (a Level 1 plan has none).
  const applicable = new Set(units.flatMap((u) => [...u.situations]));
  const situationIds = index.situationTargets.filter((t) =>
    applicable.has((index.targets[t]?.id ?? "").replace(/^situation:/, "")),
  );
  // Who did what (the gate's features, below), and so which sentences a claim may quote.
  const who = servedFeatures(index, text.analysis, observed);
  const quotable = actSegments(
    text.segments.map((g) => g.segment),
    who.acts,
  );
  // Every target's evidence as columns (valid while this text's features are made), looked up by target.
  const evidence = evidenceTable(index, view, text, [...targetIds, ...situationIds], sentence, quotable);
  const { position } = evidence;
  const bestOf = (t: number) => {
    const j = position[t] as number;
    return j >= 0 ? (evidence.best[j] as number) : -20;
  };
  const voteOf = (t: number) => {
    const j = position[t] as number;
    return j >= 0 ? (evidence.vote[j] as number) : 0;
  };
  const voteCosOf = (t: number) => {
    const j = position[t] as number;
    return j >= 0 ? (evidence.voteCos[j] as number) : 0;
  };
  const evidenceNeighbours = neighbours(index, view, text, true);
  const allNeighbours = neighbours(index, view, text, false);
  const sentenceVotes = sentenceNeighbours(view, text, evidenceNeighbours);
  const accounts = index.accounts;
  // Each label's share among the nearest accounts and among the sentences' nearest, found once per kind.
  const none: ReadonlySet<string> = new Set();
  const unitsOf = (a: number) => accounts[a]?.units ?? none;
  const targetsOf = (a: number) => accounts[a]?.targets ?? none;
  const nearUnits = evidenceNeighbours.shares(unitsOf);
  const nearTargets = evidenceNeighbours.shares(targetsOf);
  const nearSituations = evidenceNeighbours.shares((a) => accounts[a]?.situations ?? none);
  const sentenceUnits = sentenceVotes.shares(unitsOf);
  const sentenceTargets = sentenceVotes.shares(targetsOf);

  const criterionBest = units.flatMap((u) => u.criteria.map((c) => bestOf(c)));
  const bestCriterion = Math.max(-20, ...criterionBest);
  const unitQuery = new Map<string, number>();
  for (const t of text.terms) unitQuery.set(t, (unitQuery.get(t) ?? 0) + 1);
  const unitBm25 = index.unitDocs.score(unitQuery);
  const unitScores = units.map((u) => unitBm25[index.unitPosition.get(u.id) ?? -1] ?? 0);
  const maxUnitBm25 = Math.max(1e-9, ...unitScores);
  const centroid = units.map((u) => {
    const c = view.unitCentroids.get(u.id);
    return c ? dot(text.vector, c) : 0;
  });
  const bestCentroid = Math.max(0, ...centroid);
  const unitBest = units.map((u) => Math.max(-20, ...u.criteria.map((c) => bestOf(c))));
  const topUnitBest = Math.max(-20, ...unitBest);

  // Per-unit evidence against the best candidate unit's: a unit wins by fitting better than the others.
  const unitShares = units.map((u) => nearUnits.get(u.id) ?? 0);
  const topShare = Math.max(0, ...unitShares);
  const unitMass = units.map((u) => Math.log1p(u.criteria.reduce((a, c) => a + sigmoid(bestOf(c)), 0)));
  const topMass = Math.max(0, ...unitMass);
  // Sentence votes: the share of the text's sentences that show this unit's criteria best of all.
  const unitVote = units.map((u) => u.criteria.reduce((a, c) => a + voteOf(c), 0));
  const unitVoteCos = units.map((u) => u.criteria.reduce((a, c) => a + voteCosOf(c), 0));
  // Sentence-level neighbours: the share of the text's sentences whose nearest corpus sentences are in accounts with the unit.
  const unitSentenceShare = units.map((u) => sentenceUnits.get(u.id) ?? 0);
  const topSentenceShare = Math.max(0, ...unitSentenceShare);
  const topVote = Math.max(0, ...unitVote);
  const topVoteCos = Math.max(0, ...unitVoteCos);
  const classified = unitClassifierScores(
    index,
    view,
    text,
    units.map((u) => u.id),
  );
  const unitRows = units.map((u, i) => {
    const zs = u.criteria.map((c) => bestOf(c));
    const share = unitShares[i] as number;
    return {
      unitId: u.id,
      x: [
        clampLogit(unitBest[i] as number),
        clampLogit(topMean(zs, 3, -20)),
        clampLogit((unitBest[i] as number) - topUnitBest),
        share,
        (unitScores[i] as number) / maxUnitBm25,
        (centroid[i] as number) - bestCentroid,
        logit(view.unitPriors.get(u.id) ?? 0.3),
        Math.log(candidates.length + 1) / 3,
        Math.log1p(zs.reduce((a, z) => a + sigmoid(z), 0)),
        zs.filter((z) => z > 0).length / Math.max(1, zs.length),
        share - topShare,
        (unitMass[i] as number) - topMass,
        Math.log1p(zs.length) / 3,
        sigmoid(unitBest[i] as number) * share,
        unitVote[i] as number,
        unitVoteCos[i] as number,
        (unitVote[i] as number) - topVote,
        (unitVoteCos[i] as number) - topVoteCos,
        unitSentenceShare[i] as number,
        (unitSentenceShare[i] as number) - topSentenceShare,
        classified.whole[i] as number,
        classified.margin[i] as number,
        classified.sentences[i] as number,
        classified.sentencesMargin[i] as number,
      ],
    };
  });

  // Every candidate criterion's best sentence logit, highest first: a criterion's place among all the
  // account's candidates, whatever their unit.
  const allBest = [...criterionBest].sort((a, b) => b - a);
  // Which of its unit's targets the text's words say, by the per-unit classifier (src/mapping/criterion-classifier.ts).
  const lexical = criterionScoreTable(
    index,
    view,
    text,
    units.map((u) => u.id),
  );
  const targets = targetRows(
    units.reduce((n, u) => n + u.criteria.length + u.knowledge.length, 0),
    reuse,
  );
  units.forEach((u, ui) => {
    const unitPrior = view.unitPriors.get(u.id) ?? 0.3;
    const unitShare = unitShares[ui] as number;
    const own = unitBest[ui] as number;
    const ownZs = u.criteria.map((c) => bestOf(c));
    for (const t of [...u.criteria, ...u.knowledge]) {
      const j = position[t] as number;
      const best = evidence.best[j] as number;
      const vote = evidence.vote[j] as number;
      const target = index.targets[t];
      if (!target) continue;
      const r = targets.count++;
      const x = targets.x;
      const at = r * TARGET_FEATURES;
      x[at] = clampLogit(best);
      x[at + 1] = sigmoid(evidence.second[j] as number);
      x[at + 2] = Math.log1p(evidence.strongSegments[j] as number);
      x[at + 3] = clampLogit(best - bestCriterion);
      x[at + 4] = nearTargets.get(target.id) ?? 0;
      x[at + 5] = unitShare;
      x[at + 6] = dot(text.vector, target.vector);
      x[at + 7] = logit(view.targetPriors.get(target.id) ?? 0.02);
      x[at + 8] = Math.log1p(evidence.mass[j] as number);
      // Within its unit: how this criterion stands against the unit's best, and its rank there.
      x[at + 9] = clampLogit(best - own);
      let better = 0;
      for (const z of ownZs) if (z > best) better++;
      x[at + 10] = Math.log1p(better);
      x[at + 11] = sigmoid(best) * unitShare;
      // How much of the text's sentences vote for it, and its sentence-level neighbour share.
      x[at + 12] = vote;
      x[at + 13] = evidence.voteCos[j] as number;
      x[at + 14] = vote * unitShare;
      x[at + 15] = sentenceTargets.get(target.id) ?? 0;
      // Relative to the account's other candidates and to its unit: how many criteria of any candidate
      // unit have a better sentence, and how often it is shown when its unit is (its prior over the unit's).
      x[at + 16] = Math.log1p(higherCount(allBest, best));
      x[at + 17] = logit(Math.min(0.99, (view.targetPriors.get(target.id) ?? 0.02) / unitPrior));
      // Among its unit's targets by the text's words: the whole text, its logit against the unit's
      // best, its best sentence and its mean over the sentences.
      x[at + 18] = lexical.whole[t] as number;
      x[at + 19] = lexical.margin[t] as number;
      x[at + 20] = lexical.bestSentence[t] as number;
      x[at + 21] = lexical.sentences[t] as number;
      targets.target[r] = t;
      targets.unit[r] = ui;
      targets.knowledge[r] = target.kind === "knowledge" ? 1 : 0;
      targets.bestSegment[r] = evidence.bestSegment[j] as number;
      targets.quoteSegment[r] =
        target.kind !== "knowledge" && (evidence.quoteSegment[j] as number) >= 0
          ? (evidence.quoteSegment[j] as number)
          : (evidence.bestSegment[j] as number);
    }
  });

  const wordPositions: number[] = [];
  text.analysis.tokens.forEach((t, i) => {
    if (t.word) wordPositions.push(i);
  });
  const testimony = readsAsTestimony(text.analysis.tokens);
  const bases = new Map<string, SituationBasis>();
  const situationRows = situationIds.map((t) => {
    const j = position[t] as number;
    const target = index.targets[t];
    const id = (target?.id ?? "").replace(/^situation:/, "");
    const cues = target?.cues ?? [];
    const { plain, negated } = findCues(text.analysis.tokens, wordPositions, cues, CUSTOMER_ACTS.has(id));
    // By lemma and person: its counts and the sentence to quote, from one pass.
    const read = findCues(text.analysis.tokens, wordPositions, cues, CUSTOMER_ACTS.has(id), {
      lemmas: true,
      person: testimony,
    });
    const flexible: [number, number] = [read.plain, read.negated];
    bases.set(id, { situation: id, best: clampLogit(evidence.best[j] as number), flexible });
    const at = read.first;
    const cueSegment =
      at === undefined ? -1 : text.segments.findIndex((g) => at >= g.segment.start && at < g.segment.end);
    return { t, j, id, plain, negated, cueSegment };
  });
  const priors = situationPriors(index, view);
  const situations: SituationFeatures[] = situationRows.map(({ t, j, id, plain, negated, cueSegment }) => {
    return {
      target: t,
      situation: id,
      x: [
        clampLogit(evidence.best[j] as number),
        sigmoid(evidence.second[j] as number),
        Math.log1p(evidence.strongSegments[j] as number),
        nearSituations.get(id) ?? 0,
        Math.log1p(plain),
        Math.log1p(negated),
        clampLogit(evidence.bestPlain[j] as number),
        sigmoid(evidence.best[j] as number) * (nearSituations.get(id) ?? 0),
        ...situationExtras(bases.get(id) as SituationBasis, bases, index.catalogue, priors),
      ],
      bestSegment: evidence.bestSegment[j] as number,
      cueSegment,
    };
  });

  const words = text.analysis.tokens.filter((t) => t.word);
  const n = Math.max(1, words.length);
  let first = 0;
  let people = 0;
  let past = 0;
  for (const t of words) {
    const v = t.value.toLowerCase();
    if (FIRST_PERSON.has(v)) first++;
    if (PUBLIC_PEOPLE.has(t.lemma)) people++;
    if ((t.pos === "VERB" || t.pos === "AUX") && v !== t.lemma && !v.endsWith("ing")) past++;
  }
  const questions = (text.analysis.text.match(/\?/g) ?? []).length;
  // "I explained", "we offered": the writer acting (a rant has "I" too, but with fewer acts on someone).
  // "I showed her", "we refunded the customer": the writer acting on someone (a service act), and not negated.
  let acts = 0;
  let served = 0;
  let others = 0;
  const tokens = text.analysis.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const v = tokens[i]?.value.toLowerCase() ?? "";
    if (THIRD.has(v)) others++;
    if (v !== "i" && v !== "we") continue;
    for (let j = i + 1; j < Math.min(tokens.length, i + 4); j++) {
      const t = tokens[j];
      if (t?.pos === "VERB" && t.lemma !== "be" && t.lemma !== "have") {
        acts++;
        if (!t.negated)
          for (let k = j + 1; k < Math.min(tokens.length, j + 7); k++) {
            const o = tokens[k];
            if (o && (PUBLIC_PEOPLE.has(o.lemma) || OBJECTS.has(o.value.toLowerCase()))) {
              served++;
              break;
            }
          }
        break;
      }
    }
  }
  const negatedShare = text.segments.filter((g) => g.negated).length / Math.max(1, text.segments.length);
  // Every gate feature is a share or a mean, not a count: a rant told at length is still a rant, and a
  // long text must not pass for evidence by its length alone.
  const segments = Math.max(1, text.segments.length);
  const sentenceShare = (zs: number[]) => zs.filter((z) => z > 0).length / Math.max(1, zs.length);
  const notEvidence = [
    first / n,
    (10 * people) / n,
    past / n,
    questions / segments,
    clampLogit(bestCriterion) / 5,
    clampLogit(topMean(criterionBest, 3, -20)) / 5,
    sentenceShare(criterionBest),
    allNeighbours.share((a) => accounts[a]?.notEvidence ?? false),
    acts / segments,
    served / segments,
    (10 * others) / n,
    negatedShare,
    // Who did the service acts: the writer, someone else, or someone serving the writer (src/mapping/served.ts).
    ...who.x,
  ];
  return {
    candidates: [...candidates],
    units: unitRows,
    targets,
    situations,
    notEvidence,
    terms: text.terms,
    roles: who.roles,
  };
}

export interface Predictions {
  notEvidence: number;
  units: Map<string, number>;
  targets: TargetPrediction[];
  /** `sentence`: how well the situation's best sentence alone shows it (the sentence model). */
  situations: Array<{
    situation: string;
    p: number;
    sentence: number;
    bestSegment: number;
    /** The segment of its earliest cue that is not negated (-1: none): what the card quotes for it. */
    cueSegment: number;
    /** Catalogue cues found as written, and found only inside a negation ("it wasn't busy"). */
    cues: number;
    negatedCues: number;
  }>;
}

/** The mean log-odds of a text's terms. */
function meanOdds(terms: readonly string[], odds: Record<string, number>): number {
  let sum = 0;
  for (const t of terms) sum += odds[t] ?? 0;
  return sum / Math.max(1, terms.length);
}

/** The not-evidence features with the text's mean word log-odds and mean role log-odds appended. */
export function gateFeatures(
  features: TextFeatures,
  words: Record<string, number>,
  roles: Record<string, number>,
): number[] {
  return [...features.notEvidence, meanOdds(features.terms, words), meanOdds(features.roles, roles)];
}

/** Naive Bayes log-odds per lemma (add-one smoothing; lemmas seen in fewer than three texts are left out). */
export function fitWordOdds(
  texts: ReadonlyArray<{ terms: readonly string[]; positive: boolean }>,
): Record<string, number> {
  const pos = new Map<string, number>();
  const neg = new Map<string, number>();
  const df = new Map<string, number>();
  let nPos = 0;
  let nNeg = 0;
  for (const t of texts) {
    const seen = new Set(t.terms);
    for (const w of seen) {
      df.set(w, (df.get(w) ?? 0) + 1);
      const m = t.positive ? pos : neg;
      m.set(w, (m.get(w) ?? 0) + 1);
    }
    if (t.positive) nPos++;
    else nNeg++;
  }
  const out: Record<string, number> = {};
  for (const w of [...df.keys()].sort()) {
    if ((df.get(w) ?? 0) < 3) continue;
    const odds =
      Math.log(((pos.get(w) ?? 0) + 1) / (nPos + 2)) - Math.log(((neg.get(w) ?? 0) + 1) / (nNeg + 2));
    out[w] = Math.round(odds * 1000) / 1000;
  }
  return out;
}

/** Appends the unit probability to a target's features. */
export const withUnit = (x: number[], pUnit: number) => [...x, clampLogit(logit(pUnit))];

/**
 * One target's prediction (Predictions["targets"]). A class, not an object literal: V8 tracks where literals
 * are made and, having seen the first texts' predictions outlive a scavenge, allocated every later text's
 * straight into the old generation, where they stayed as garbage until a full collection.
 */
export class TargetPrediction {
  target: number;
  unitId: string;
  kind: "criterion" | "knowledge";
  p: number;
  bestSegment: number;
  /** The sentence the card quotes for it (TargetFeatures.quoteSegment). */
  quoteSegment: number;
  constructor(
    target: number,
    unitId: string,
    kind: "criterion" | "knowledge",
    p: number,
    bestSegment: number,
    quoteSegment: number,
  ) {
    this.target = target;
    this.unitId = unitId;
    this.kind = kind;
    this.p = p;
    this.bestSegment = bestSegment;
    this.quoteSegment = quoteSegment;
  }
}

/** A target's features and its unit probability (withUnit's row), for predict to fill for each target in turn. */
const unitRow = new Float64Array(TARGET_FEATURES + 1);

/** Applies the trained models to a text's features. */
export function predict(features: TextFeatures, models: Omit<Models, "sentence">): Predictions {
  const units = new Map<string, number>();
  for (const u of features.units) units.set(u.unitId, sigmoid(margin(models.unit, u.x)));
  const rows = features.targets;
  // withUnit's values in one row used for every target in turn, not a new array a target.
  const x = unitRow;
  const targets: Predictions["targets"] = [];
  for (let r = 0; r < rows.count; r++) {
    const at = r * TARGET_FEATURES;
    for (let k = 0; k < TARGET_FEATURES; k++) x[k] = rows.x[at + k] as number;
    const unitId = features.units[rows.unit[r] as number]?.unitId ?? "";
    x[TARGET_FEATURES] = clampLogit(logit(units.get(unitId) ?? 0));
    const knowledge = rows.knowledge[r] === 1;
    targets.push(
      new TargetPrediction(
        rows.target[r] as number,
        unitId,
        knowledge ? "knowledge" : "criterion",
        sigmoid(margin(knowledge ? models.knowledge : models.criterion, x)),
        rows.bestSegment[r] as number,
        rows.quoteSegment[r] as number,
      ),
    );
  }
  const situations = features.situations.map((s) => ({
    situation: s.situation,
    p: sigmoid(linear(models.situation, s.x)),
    sentence: sigmoid(s.x[0] as number),
    // The cues as read by lemma and person (the situation features after the first eight).
    cues: Math.round(Math.expm1((s.x[8] ?? s.x[4]) as number)),
    negatedCues: Math.round(Math.expm1((s.x[9] ?? s.x[5]) as number)),
    bestSegment: s.bestSegment,
    cueSegment: s.cueSegment,
  }));
  return {
    notEvidence: sigmoid(
      linear(
        models.notEvidence,
        gateFeatures(features, models.notEvidenceWords, models.notEvidenceRoles ?? {}),
      ),
    ),
    units,
    targets,
    situations,
  };
}
