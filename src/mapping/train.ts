// Trains the learned scorer from the corpus: analyses it, fits the sentence and text models, cross-validates and writes the model file.
import { createHash } from "node:crypto";
import type { Catalogue } from "../standards/catalogue.ts";
import type { Corpus, CorpusAccount } from "./corpus.ts";
import { criterionClassifiers, storedCriterionClassifier } from "./criterion-classifier.ts";
import { cueLemmaEntries } from "./cues.ts";
import { type SentenceModels, sentenceFeatures } from "./features.ts";
import { concatBytes, quantiseRows } from "./int8.ts";
import { fitLogistic } from "./logistic.ts";
import { MODEL_FORMAT, type Model } from "./model.ts";
import { random } from "./random.ts";
import { textFeatures } from "./scorer.ts";
import {
  type AccountRef,
  buildScorerIndex,
  buildTargets,
  type Example,
  type ScorerIndex,
  type StoredReadings,
  type TargetKind,
} from "./scorer-index.ts";
import { serviceActs } from "./served.ts";
import { composeAccounts } from "./synthetic.ts";
import { analyseText } from "./text.ts";
import { type CvGroup, crossValidate, type Fitted, fitTextModels, type LabelledText } from "./train-cv.ts";
import { storedUnitClassifier, unitClassifiers } from "./unit-classifier.ts";
import type { WordVectors } from "./vectors.ts";

export interface Stage {
  tick(by?: number): void;
  stop(): void;
}

export interface TrainOptions {
  seed: number;
  /** Featurise each account without its own workplace's example sentences too. */
  excludeWorkplaceExamples?: boolean;
  /** Accounts composed from the example sentences, added to the written ones (register "synthetic"). */
  synthetic?: number;
  /**
   * Cross-validate by register honestly (default): each held-out register's accounts are featurised by
   * sentence models fitted without that register's example sentences, against the examples and accounts of
   * the other registers only, so the thresholds are chosen on what an unseen register would get.
   */
  honestRegisters?: boolean;
  /** Starts a progress display for a stage of `total` steps. */
  stage?: (label: string, total: number) => Stage;
}

const quiet: Stage = { tick() {}, stop() {} };

/** The catalogue's readings for the model file, with the service acts and the cues' lemmas that training read. */
function storedReadings(readings: StoredReadings, index: ScorerIndex): StoredReadings {
  return { ...readings, acts: [...serviceActs(index)].sort(), cueLemmas: cueLemmaEntries() };
}

/** Segments shorter than this many words are too thin to be a neighbour's sentence. */
const NEIGHBOUR_SEGMENT_WORDS = 4;

/** An account's segment vectors (those of at least NEIGHBOUR_SEGMENT_WORDS words), one after another. */
function segmentRows(text: ReturnType<typeof analyseText>): Float32Array {
  const kept = text.segments.filter((g) => g.words.length >= NEIGHBOUR_SEGMENT_WORDS);
  const dims = text.vector.length;
  const out = new Float32Array(kept.length * dims);
  kept.forEach((g, i) => {
    out.set(g.vector, i * dims);
  });
  return out;
}

/** Units a training account is mapped against: its plan's known units, or its level's. */
export function candidatesFor(catalogue: Catalogue, level: number, registered: readonly string[]): string[] {
  const known = registered.filter((u) => catalogue.unit(u));
  if (known.length) return [...new Set(known)];
  return catalogue.unitsForLevel(level).map((u) => u.id);
}

function situationsOf(catalogue: Catalogue, ranges: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const r of ranges) {
    const ref = catalogue.range(r);
    if (ref) out.add(ref.range.situation);
  }
  return out;
}

/**
 * Fits one sentence model per kind of target on the example sentences, each featurised without its own
 * workplace's examples; with `without`, leaving one register's examples out altogether (honest CV).
 */
function fitSentenceModels(
  index: ReturnType<typeof buildScorerIndex>,
  analysed: Array<{ negated: boolean; words: string[]; register: string }>,
  seed: number,
  stage: Stage,
  without?: string,
): SentenceModels {
  const rng = random(seed);
  const rows: Record<TargetKind, number[][]> = { criterion: [], knowledge: [], situation: [] };
  const labels: Record<TargetKind, number[]> = { criterion: [], knowledge: [], situation: [] };
  const byKind: Record<TargetKind, number[]> = { criterion: [], knowledge: [], situation: [] };
  index.targets.forEach((t, i) => {
    byKind[t.kind].push(i);
  });
  const unitsByLevel = new Map<number, string[]>();
  for (const u of index.catalogue.units.values())
    if ((index.units.get(u.id)?.criteria.length ?? 0) > 0)
      unitsByLevel.set(u.level, [...(unitsByLevel.get(u.level) ?? []), u.id]);
  index.examples.forEach((e, i) => {
    stage.tick();
    const target = index.targets[e.target];
    if (!target) return;
    if (without !== undefined && analysed[i]?.register === without) return;
    // The candidates a plan would give: the example's own unit and four others of its level (every
    // situation for a situation), so the "against the best" features see what they see at run time.
    let candidates: number[];
    if (target.kind === "situation") candidates = byKind.situation;
    else {
      const level = index.catalogue.unit(target.unitId)?.level ?? 2;
      const others = unitsByLevel.get(level) ?? [];
      const plan = new Set([target.unitId]);
      for (let k = 0; k < 8 && plan.size < Math.min(5, others.length); k++)
        plan.add(others[Math.floor(rng() * others.length)] as string);
      const key = target.kind === "knowledge" ? "knowledge" : "criteria";
      candidates = [...plan].flatMap((u) => index.units.get(u)?.[key] ?? []);
    }
    const chosen = new Set<number>([e.target, ...candidates]);
    const targets = [...chosen];
    const allowed = new Uint8Array(index.targets.length);
    for (const t of targets) allowed[t] = 1;
    const a = analysed[i] as { negated: boolean; words: string[] };
    const view =
      without === undefined
        ? index.view(e.workplace)
        : index.viewWithout(
            `sentences|${without}|${e.workplace}`,
            (k) => analysed[k]?.register === without || index.examples[k]?.workplace === e.workplace,
            () => false,
          );
    const x = sentenceFeatures(
      index,
      view,
      { terms: e.terms, vector: e.vector, negated: a.negated, words: a.words },
      targets,
      allowed,
    );
    targets.forEach((t, j) => {
      rows[target.kind].push(x[j] as number[]);
      labels[target.kind].push(t === e.target && e.positive ? 1 : 0);
    });
  });
  const fitKind = (kind: TargetKind) =>
    rows[kind].length ? fitLogistic(rows[kind], labels[kind], { l2: 1 }) : { weights: [0] };
  return {
    criterion: fitKind("criterion"),
    knowledge: fitKind("knowledge"),
    situation: fitKind("situation"),
  };
}

export interface TrainResult {
  model: Model;
  /** Printable cross-validation tables. */
  report: string;
  /** The featurised training texts (for diagnostics; not stored). */
  labelled: LabelledText[];
  index: ReturnType<typeof buildScorerIndex>;
}

/** The whole training run. Deterministic: the same corpus, catalogue, vectors and seed give the same model. */
export function train(
  catalogue: Catalogue,
  vectors: WordVectors | null,
  corpus: Corpus,
  options: TrainOptions,
): TrainResult {
  const stage = options.stage ?? (() => quiet);
  const hash = createHash("sha256");
  const sentences = [...corpus.sentences].sort((a, b) =>
    `${a.target}\u0000${a.polarity}\u0000${a.text}`.localeCompare(
      `${b.target}\u0000${b.polarity}\u0000${b.text}`,
    ),
  );
  const accountsIn = [
    ...[...corpus.accounts].sort((a, b) => a.id.localeCompare(b.id)),
    ...composeAccounts(catalogue, sentences, options.synthetic ?? 0, options.seed),
  ];
  for (const s of sentences) hash.update(JSON.stringify(s));
  for (const a of accountsIn) hash.update(JSON.stringify(a));

  const probe = buildTargets(catalogue, vectors);
  const examples: Example[] = [];
  const exampleMeta: Array<{ negated: boolean; words: string[]; register: string }> = [];
  let s1 = stage("Analysing example sentences", sentences.length);
  for (const s of sentences) {
    s1.tick();
    const target = probe.targetIndex.get(s.target);
    if (target === undefined) continue;
    const text = analyseText(s.text, vectors);
    examples.push({
      target,
      positive: s.polarity === "pos",
      workplace: s.workplace,
      terms: text.terms,
      vector: text.vector,
    });
    exampleMeta.push({
      negated: text.segments.some((g) => g.negated),
      words: text.segments.flatMap((g) => g.words),
      register: s.register,
    });
  }
  s1.stop();

  s1 = stage("Analysing accounts", accountsIn.length);
  const accounts: AccountRef[] = [];
  const analysedAccounts = accountsIn.map((a: CorpusAccount) => {
    s1.tick();
    const text = analyseText(a.text, vectors);
    const notEvidence = a.kind === "not_evidence";
    accounts.push({
      workplace: a.workplace,
      vector: text.vector,
      notEvidence,
      registered: new Set(a.registered_units),
      units: new Set(notEvidence ? [] : a.gold.units),
      targets: new Set(notEvidence ? [] : [...a.gold.pcs, ...a.gold.knowledge]),
      situations: notEvidence ? new Set() : situationsOf(catalogue, a.gold.ranges),
      segments: segmentRows(text),
    });
    return text;
  });
  s1.stop();

  const index = buildScorerIndex(catalogue, vectors, examples, accounts, probe);
  const accountTerms = analysedAccounts.map((t) => t.terms);
  // The classifiers each view fits for itself (src/mapping/per-view.ts).
  const classifiers = [unitClassifiers, criterionClassifiers];
  for (const c of classifiers) c.prepare(index, accountTerms, options.seed);
  s1 = stage("Fitting sentence models", examples.length);
  const sentence = fitSentenceModels(index, exampleMeta, options.seed, s1);
  s1.stop();

  // The accounts are written apart from the example sentences (none is copied from them), so by default
  // they are featurised against every example, as texts are at run time; their neighbours never include
  // their own workplace's accounts.
  const excludeExamples = options.excludeWorkplaceExamples ?? false;
  const featurise = (ix: ScorerIndex, label: string) => {
    const st = stage(label, accountsIn.length);
    const out: LabelledText[] = accountsIn.map((a, i) => {
      st.tick();
      const text = analysedAccounts[i] as ReturnType<typeof analyseText>;
      const candidates = candidatesFor(catalogue, a.level, a.registered_units);
      const view = ix.view(a.workplace, { examples: excludeExamples });
      const features = textFeatures(ix, view, text, candidates, sentence);
      return { account: a, text, features, situations: (accounts[i] as AccountRef).situations };
    });
    st.stop();
    return out;
  };
  const labelled = featurise(index, "Featurising accounts");
  const fullIndex = index;

  const groups: CvGroup[] = [
    { name: "register", key: (a) => a.register },
    { name: "workplace", key: (a) => a.workplace },
  ];
  const heldOut = new Map<string, LabelledText[]>();
  if (options.honestRegisters ?? true) {
    const registers = [
      ...new Set(accountsIn.filter((a) => a.register !== "synthetic").map((a) => a.register)),
    ].sort();
    const st = stage("Refitting without each register", registers.length);
    const honest = labelled.map((l) => l);
    for (const r of registers) {
      const models = fitSentenceModels(index, exampleMeta, options.seed, quiet, r);
      // One unit classifier for the register, fitted without its examples and accounts.
      const classifierView = index.viewWithout(
        `classifier|${r}`,
        (k) => exampleMeta[k]?.register === r,
        (k) => accountsIn[k]?.register === r,
      );
      labelled.forEach((l, i) => {
        const a = accountsIn[i] as CorpusAccount;
        if (a.register !== r) return;
        const view = index.viewWithout(
          `accounts|${r}|${a.workplace}`,
          (k) => exampleMeta[k]?.register === r,
          (k) => accountsIn[k]?.register === r || accountsIn[k]?.workplace === a.workplace,
        );
        for (const c of classifiers) c.share(index, view, classifierView);
        const candidates = candidatesFor(catalogue, a.level, a.registered_units);
        honest[i] = { ...l, features: textFeatures(index, view, l.text, candidates, models) };
      });
      st.tick();
    }
    st.stop();
    heldOut.set("register", honest);
  }
  s1 = stage("Cross-validating", labelled.length * 2);
  const cv = crossValidate(fullIndex, labelled, groups, s1, heldOut);
  s1.stop();
  const fitted: Fitted = fitTextModels(fullIndex, labelled);

  const dims = fullIndex.examples[0]?.vector.length ?? accounts[0]?.vector.length ?? 100;
  const {
    weights: unitWeights,
    vector: unitVector,
    ...unitClassifier
  } = storedUnitClassifier(fullIndex, fullIndex.view()) ?? {
    weights: new Int8Array(0),
    vector: new Int8Array(0),
  };
  const criterion = storedCriterionClassifier(fullIndex, fullIndex.view());
  const model: Model = {
    file: {
      format: MODEL_FORMAT,
      seed: options.seed,
      corpusHash: hash.digest("hex"),
      counts: {
        sentences: examples.length,
        accounts: accountsIn.filter((a) => a.kind !== "not_evidence").length,
        notEvidence: accountsIn.filter((a) => a.kind === "not_evidence").length,
      },
      dims,
      models: { sentence, ...fitted },
      thresholds: cv.thresholds,
      catalogueReadings: storedReadings(probe.readings, fullIndex),
      examples: fullIndex.examples.map((e) => [
        fullIndex.targets[e.target]?.id ?? "",
        e.positive ? 1 : 0,
        e.workplace,
        e.terms.join(" "),
      ]),
      accounts: accounts.map((a) => ({
        workplace: a.workplace,
        notEvidence: a.notEvidence,
        registered: [...a.registered],
        units: [...a.units],
        targets: [...a.targets],
        situations: [...a.situations],
        segments: a.segments.length / dims,
      })),
      unitClassifier: "units" in unitClassifier ? unitClassifier : undefined,
      criterionClassifier: criterion?.stored,
      crossValidation: cv.figures,
    },
    arrays: {
      exampleVectors: concatBytes(fullIndex.examples.map((e) => quantiseRows(e.vector))),
      accountVectors: concatBytes(accounts.map((a) => quantiseRows(a.vector))),
      // Training's accounts are analysed afresh, so their rows are float (int8 rows come only from a loaded model).
      segmentVectors: concatBytes(accounts.map((a) => quantiseRows(a.segments as Float32Array))),
      unitWeights,
      unitVector,
      criterionRows: criterion?.arrays.rows ?? new Int8Array(0),
      criterionWeights: criterion?.arrays.weights ?? new Int8Array(0),
      criterionVector: criterion?.arrays.vector ?? new Int8Array(0),
    },
  };
  return { model, report: cv.report, labelled, index: fullIndex };
}
