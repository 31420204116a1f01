// The mapper's fast scoring loops give exactly what plain loops give, on corpus accounts and odd texts: speed never changes a suggestion.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findCues } from "../../src/mapping/cues.ts";
import {
  eachSentenceFeatures,
  neighbours,
  type SentenceModels,
  sentenceNeighbours,
  type TargetEvidence,
  targetEvidence,
} from "../../src/mapping/features.ts";
import { linear } from "../../src/mapping/logistic.ts";
import { analyse } from "../../src/mapping/nlp.ts";
import { candidateUnits, learnedMapper } from "../../src/mapping/offline.ts";
import { checkPrivacy } from "../../src/mapping/privacy.ts";
import type { ScorerIndex, View } from "../../src/mapping/scorer-index.ts";
import { type AnalysedText, analyseText } from "../../src/mapping/text.ts";
import { dot, normalise, type WordVectors } from "../../src/mapping/vectors.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const catalogue = loadCatalogue();
const mapper = learnedMapper(catalogue);
if (!mapper) throw new Error("The shipped model is missing.");
const { index, models } = mapper;
const view = index.view();

/** Every 21st corpus account (evidence and not), plus texts of odd shapes. */
function texts(): Array<{ text: string; units: string[] }> {
  const out: Array<{ text: string; units: string[] }> = [];
  for (const file of ["p1", "p2a", "p2b", "p2c", "p3", "p4", "p5-long", "not-evidence", "p5-not-evidence"]) {
    const lines = readFileSync(new URL(`../../data/training/accounts/${file}.jsonl`, import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.trim());
    lines.forEach((line, i) => {
      if (i % 21 !== 0) return;
      const a = JSON.parse(line) as { text: string; level?: number; registered_units: string[] };
      out.push({
        text: a.text,
        units: candidateUnits(catalogue, { level: a.level ?? 2, units: a.registered_units }),
      });
    });
  }
  const level2 = candidateUnits(catalogue, { level: 2 });
  for (const text of [
    "I helped a customer find the gluten free bread.",
    "so um yeah i was on the till and um this fella came over proper angry cos his card didnt work and i sorted it",
    "It wasn't busy and I didn't help anyone. Nobody came in. The shop was quiet all day long, honestly.",
    "I explained the returns policy to the customer and refunded her. ".repeat(40),
  ])
    out.push({ text, units: level2 });
  return out;
}

/** The SIF sentence vector as a plain loop over `get` and `weight` makes it. */
function plainSentenceVector(vectors: WordVectors | null, words: readonly string[]): Float32Array {
  const out = new Float32Array(vectors?.dims ?? 100);
  if (!vectors) return out;
  for (const w of words) {
    const v = vectors.get(w);
    if (!v) continue;
    const weight = vectors.weight(w);
    for (let d = 0; d < out.length; d++) out[d] = (out[d] as number) + weight * (v[d] as number);
  }
  return normalise(out);
}

/** One segment against each target, one dot product at a time (the features as first written). */
function plainSentenceRows(
  segment: AnalysedText["segments"][number],
  targets: readonly number[],
  allowed: Uint8Array,
): number[][] {
  const query = new Map<string, number>();
  for (const t of segment.terms) query.set(t, (query.get(t) ?? 0) + 1);
  const bt = index.textDocs.score(query, allowed);
  const be = view.exampleDocs.score(query, allowed);
  const v = segment.vector;
  const bestOf = (m: Float32Array, from: number, to: number) => {
    const all = [0, 0, 0];
    for (let r = from; r < to; r++) all.push(dot(v, m, r * v.length));
    all.sort((a, b) => b - a);
    return {
      max: all[0] as number,
      top3: ((all[0] as number) + (all[1] as number) + (all[2] as number)) / 3,
    };
  };
  const stats = targets.map((t) => ({
    pos: bestOf(view.positiveMatrix, view.positiveStart[t] as number, view.positiveStart[t + 1] as number),
    neg: bestOf(view.negativeMatrix, view.negativeStart[t] as number, view.negativeStart[t + 1] as number)
      .max,
  }));
  const best = new Map<string, number[]>();
  targets.forEach((t, j) => {
    const kind = index.targets[t]?.kind as string;
    const k = best.get(kind) ?? [0, 0, 0];
    best.set(kind, [
      Math.max(k[0] as number, stats[j]?.pos.max as number),
      Math.max(k[1] as number, bt[t] as number),
      Math.max(k[2] as number, be[t] as number),
    ]);
  });
  return targets.map((t, j) => {
    const target = index.targets[t];
    const k = best.get(target?.kind as string) as number[];
    const m = stats[j]?.pos.max as number;
    const nm = stats[j]?.neg as number;
    const neg = segment.negated ? 1 : 0;
    return [
      Math.log1p(bt[t] as number),
      Math.log1p(be[t] as number),
      target ? dot(v, target.vector) : 0,
      m,
      stats[j]?.pos.top3 as number,
      nm,
      m - nm,
      neg,
      neg * m,
      (view.positiveStart[t + 1] as number) > (view.positiveStart[t] as number) ? 1 : 0,
      Math.log1p(segment.words.length) / 3,
      m - (k[0] as number),
      (k[1] as number) > 0 ? (bt[t] as number) / (k[1] as number) - 1 : -1,
      (k[2] as number) > 0 ? (be[t] as number) / (k[2] as number) - 1 : -1,
    ];
  });
}

/** Target evidence from the plain rows: per segment, then per target, then the votes (as first written). */
function plainTargetEvidence(
  text: AnalysedText,
  targets: readonly number[],
  sm: SentenceModels,
): TargetEvidence[] {
  const allowed = new Uint8Array(index.targets.length);
  for (const t of targets) allowed[t] = 1;
  const kinds = targets.map((t) => index.targets[t]?.kind ?? "criterion");
  const out = targets.map((target) => ({
    target,
    best: -20,
    second: -20,
    bestSegment: -1,
    quoteSegment: -1,
    strongSegments: 0,
    bestPlain: -20,
    mass: 0,
    vote: 0,
    voteCos: 0,
  }));
  const strength: Record<string, number> = {};
  text.segments.forEach((segment, s) => {
    const rows = plainSentenceRows(segment, targets, allowed);
    const zs = rows.map((x, j) => linear(sm[kinds[j] as keyof SentenceModels], x));
    const cs = rows.map((x) => (x[9] ? (x[3] as number) : -1));
    zs.forEach((z, j) => {
      const e = out[j] as TargetEvidence;
      if (z > e.best) {
        e.second = e.best;
        e.best = z;
        e.bestSegment = s;
      } else if (z > e.second) e.second = z;
      if (z > 0) e.strongSegments++;
      e.mass += 1 / (1 + Math.exp(-z));
      if (!segment.negated && z > e.bestPlain) e.bestPlain = z;
    });
    for (const kind of ["criterion", "knowledge"]) {
      const js = kinds.flatMap((k, j) => (k === kind ? [j] : []));
      if (!js.length) continue;
      const zMax = Math.max(...js.map((j) => zs[j] as number));
      const cMax = Math.max(...js.map((j) => cs[j] as number));
      const w = 1 / (1 + Math.exp(-zMax));
      strength[kind] = (strength[kind] ?? 0) + w;
      let zSum = 0;
      let cSum = 0;
      for (const j of js) {
        zSum += Math.exp((zs[j] as number) - zMax);
        cSum += Math.exp(25 * ((cs[j] as number) - cMax));
      }
      for (const j of js) {
        const e = out[j] as TargetEvidence;
        e.vote += (w * Math.exp((zs[j] as number) - zMax)) / zSum;
        e.voteCos += (w * Math.exp(25 * ((cs[j] as number) - cMax))) / cSum;
      }
    }
  });
  for (const [j, e] of out.entries()) {
    const total = strength[kinds[j] as string] ?? 0;
    e.vote = total > 0 ? e.vote / total : 0;
    e.voteCos = total > 0 ? e.voteCos / total : 0;
  }
  return out;
}

/** The accounts of the view nearest first, by a full sort of every similarity. */
function plainRanking(text: AnalysedText, evidenceOnly: boolean): number[] {
  return view.accounts
    .filter((a) => !(evidenceOnly && index.accounts[a]?.notEvidence))
    .map((a) => [a, dot(text.vector, (index.accounts[a] as ScorerIndex["accounts"][number]).vector)] as const)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .map(([a]) => a);
}

/** A corpus sentence's vector: a float row as it is, an int8 row as (value ÷ 127) ÷ its norm. */
function rowOf(v: View, r: number): Float32Array {
  const row = v.segmentMatrix.subarray(r * 100, (r + 1) * 100);
  if (row instanceof Float32Array) return row;
  const n = v.segmentNorm?.[r] ?? 1;
  return Float32Array.from(row, (x) => x / 127 / n);
}

/** Each long-enough segment's five nearest pooled corpus sentences vote their accounts, one row at a time. */
function plainSentenceVotes(text: AnalysedText, ranked: readonly number[], v: View): Map<number, number> {
  const votes = new Map<number, number>();
  const pool = ranked.slice(0, 80).filter((a) => (v.segmentTo[a] as number) > (v.segmentFrom[a] as number));
  for (const segment of text.segments) {
    if (segment.words.length < 4 || !pool.length) continue;
    const near: Array<[number, number]> = [];
    for (const a of pool)
      for (let r = v.segmentFrom[a] as number; r < (v.segmentTo[a] as number); r++)
        near.push([dot(segment.vector, rowOf(v, r)), a]);
    // Stable: among equal similarities the earlier row wins, as a running top five keeps it.
    const top = near
      .map((x, i) => [...x, i] as const)
      .sort((x, y) => y[0] - x[0] || x[2] - y[2])
      .slice(0, 5);
    const best = top[0]?.[0] as number;
    const sum = top.reduce((s, [sim]) => s + Math.exp(20 * (sim - best)), 0);
    for (const [sim, a] of top) votes.set(a, (votes.get(a) ?? 0) + Math.exp(20 * (sim - best)) / sum);
  }
  return votes;
}

describe("the fast scoring loops", () => {
  const cases = texts().map(({ text, units }) => {
    const analysed = analyseText(text, index.vectors);
    const us = units.map((u) => index.units.get(u)).filter((u) => u !== undefined);
    const targets = us.flatMap((u) => [...u.criteria, ...u.knowledge]);
    return { analysed, targets: [...targets, ...index.situationTargets] };
  });

  it("make the same sentence vectors as adding each word's vector one by one", () => {
    for (const { analysed } of cases)
      for (const segment of analysed.segments)
        expect([...segment.vector]).toEqual([...plainSentenceVector(index.vectors, segment.words)]);
  });

  it("score every sentence against every target exactly as one dot product at a time does", () => {
    for (const { analysed, targets } of cases.slice(0, 12)) {
      const allowed = new Uint8Array(index.targets.length);
      for (const t of targets) allowed[t] = 1;
      const segment = analysed.segments[0];
      if (!segment) continue;
      const rows: number[][] = [];
      eachSentenceFeatures(index, view, segment, targets, allowed, (_, x) => rows.push([...x]));
      expect(rows).toEqual(plainSentenceRows(segment, targets, allowed));
    }
    for (const { analysed, targets } of cases)
      expect(targetEvidence(index, view, analysed, targets, models.sentence)).toEqual(
        plainTargetEvidence(analysed, targets, models.sentence),
      );
  });

  it("find the same nearest accounts and sentence votes as full sorts do", () => {
    for (const { analysed } of cases) {
      const evidence = neighbours(index, view, analysed, true);
      const all = neighbours(index, view, analysed, false);
      // The nearest accounts in full-sort order: the beginning of it, as far as the votes read.
      const plainEvidence = plainRanking(analysed, true);
      const plainAll = plainRanking(analysed, false);
      expect(evidence.ranked).toEqual(plainEvidence.slice(0, evidence.ranked?.length));
      expect(all.ranked).toEqual(plainAll.slice(0, all.ranked?.length));
      expect(evidence.ranked?.length).toBeGreaterThanOrEqual(Math.min(80, plainEvidence.length));
      expect(all.ranked?.length).toBeGreaterThanOrEqual(Math.min(12, plainAll.length));
      const votes = plainSentenceVotes(analysed, evidence.ranked ?? [], view);
      const voting = analysed.segments.filter((g) => g.words.length >= 4).length;
      const sentences = sentenceNeighbours(view, analysed, evidence);
      for (const unit of ["201", "205", "213", "101"]) {
        const has = (a: number) => index.accounts[a]?.units.has(unit) ?? false;
        let s = 0;
        for (const [a, w] of votes) if (has(a)) s += w;
        expect(sentences.share(has)).toBe(voting ? s / voting : 0);
        // Every label's share at once is each label's share to the bit.
        const units = (a: number) => index.accounts[a]?.units ?? new Set<string>();
        expect(sentences.shares(units).get(unit) ?? 0).toBe(voting ? s / voting : 0);
        expect(evidence.shares(units).get(unit) ?? 0).toBe(evidence.share(has));
      }
    }
  });

  it("find a cue's words across a clause but not across a sentence break, and quote the first found", () => {
    const read = (text: string, cue = [["card", "machine", "froze"]]) => {
      const { tokens } = analyse(text);
      const words = tokens.flatMap((t, i) => (t.word ? [i] : []));
      return findCues(tokens, words, cue, false, { lemmas: true, person: false });
    };
    // A cue's first word found as written in one place and by its lemma in another: both, in text order.
    const packed = "By noon the shop is packed, and on Saturday it was packed again.";
    expect(read(packed, [["was", "packed"]])).toEqual({ plain: 2, negated: 0, first: packed.indexOf("is") });
    const across = "Then the card machine, which was old, froze again. The card machine froze.";
    expect(read(across)).toEqual({ plain: 2, negated: 0, first: across.indexOf("card") });
    expect(read("The card machine was fine. Later the oven froze.")).toEqual({
      plain: 0,
      negated: 0,
      first: undefined,
    });
  });

  it("read a text once for the analysis and the privacy check, finding what separate readings find", () => {
    const text =
      "A man called Dave Smith rang on 07700 900123 about his order. I told him it would come on Friday.";
    const fresh = checkPrivacy(text);
    const analysed = analyse(text);
    // The privacy check now reads the document the analysis read, and the analysis the one it read.
    expect(checkPrivacy(text)).toEqual(fresh);
    expect(fresh.found.map((f) => f.kind)).toEqual(expect.arrayContaining(["name", "phone"]));
    analyse("Something else entirely.");
    expect(analyse(text)).toEqual(analysed);
    checkPrivacy(text);
    expect(analyse(text)).toEqual(analysed);
  });
});
