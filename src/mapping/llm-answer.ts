// The LLM mapper's answer: its zod schema, and the checks that keep only ids we offered and quotes that are in the text.
import { z } from "zod";
import type { CandidateSet } from "./llm-candidates.ts";
import { placeholderFor } from "./privacy.ts";
import type {
  CriterionSuggestion,
  KnowledgeSuggestion,
  MappingResult,
  PrivacyReport,
  RangeSuggestion,
  SupportingSentence,
  UnitSuggestion,
} from "./types.ts";

const pick = z.object({
  id: z.string(),
  quote: z.string(),
  confidence: z.number(),
});

/** What the model must return (sent as a strict JSON schema, and checked again here). */
export const llmAnswerSchema = z.object({
  isEvidence: z.boolean(),
  criteria: z.array(pick),
  knowledge: z.array(pick),
  ranges: z.array(pick),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

/** Longest list taken from the answer, whatever the model sends. */
const MAX_PICKS = 25;

// --- quotes --------------------------------------------------------------------------------------

const FOLD: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201B": "'",
  "\u2032": "'",
  "`": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2033": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2011": "-",
  "\u2026": "...",
};

/** Lower case, one kind of quote and dash, single spaces; `at[i]` is the original index of `text[i]`. */
function normalise(text: string): { text: string; at: number[] } {
  let out = "";
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/u.test(ch)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += " ";
      at.push(i);
      space = false;
    }
    for (const c of FOLD[ch] ?? ch.toLowerCase()) {
      out += c;
      at.push(i);
    }
  }
  return { text: out, at };
}

/** The quote as the model wrote it, less the quotation marks, ellipses and end punctuation models add. */
function cleanQuote(quote: string): string {
  return normalise(quote)
    .text.replace(/^(?:["'\s]|\.\.\.)+/u, "")
    .replace(/(?:["'\s.,;:!?]|\.\.\.)+$/u, "");
}

/** Where a quote is in `text`, ignoring case, spacing and typographic quotes; null when it is not there. */
export function findQuote(text: string, quote: string): { start: number; end: number } | null {
  const wanted = cleanQuote(quote);
  if (wanted.replace(/[^\p{L}\p{N}]/gu, "").length < 4) return null;
  const hay = normalise(text);
  const i = hay.text.indexOf(wanted);
  if (i < 0) return null;
  return { start: hay.at[i] as number, end: (hay.at[i + wanted.length - 1] as number) + 1 };
}

/** Maps an offset in the redacted text back to the original: inside a placeholder, to the span's edge. */
function toOriginal(privacy: PrivacyReport, offset: number, edge: "start" | "end"): number {
  let delta = 0;
  for (const span of privacy.found) {
    const from = span.start + delta;
    const to = from + placeholderFor(span).length;
    if (offset < from) break;
    if (offset < to || (edge === "end" && offset === to)) return edge === "start" ? span.start : span.end;
    delta += to - from - (span.end - span.start);
  }
  return offset - delta;
}

/** The supporting passage for a quote, found in the original text or in the redacted text the model saw. */
export function supportFor(text: string, privacy: PrivacyReport, quote: string): SupportingSentence | null {
  let found = findQuote(text, quote);
  if (!found && privacy.found.length) {
    const inRedacted = findQuote(privacy.redacted, quote);
    if (inRedacted)
      found = {
        start: toOriginal(privacy, inRedacted.start, "start"),
        end: toOriginal(privacy, inRedacted.end, "end"),
      };
  }
  return found ? { text: text.slice(found.start, found.end), start: found.start, end: found.end } : null;
}

// --- the answer ----------------------------------------------------------------------------------

/** What was thrown away, so the caller can tell how far the model was off. */
export interface Dropped {
  unknownIds: string[];
  invented: string[];
}

const clamp = (x: number) => Math.round(Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0)) * 1000) / 1000;

/**
 * Turns a validated answer into a mapping result. Ids not offered are dropped. A quote that is not in the
 * text is dropped: the suggestion keeps the offline mapper's supporting sentence if it had one, and is
 * dropped otherwise, so every suggestion still points at words the candidate wrote.
 */
export function applyAnswer(
  answer: LlmAnswer,
  text: string,
  candidates: CandidateSet,
  offline: MappingResult,
  unitTitle: (unitId: string) => string,
): { result: Omit<MappingResult, "elapsedMs">; dropped: Dropped } {
  const dropped: Dropped = { unknownIds: [], invented: [] };
  const offlineSupport = new Map<string, SupportingSentence>();
  for (const s of [...offline.criteria, ...offline.knowledge, ...offline.ranges])
    offlineSupport.set(s.id, s.support);

  function accept<C extends { id: string }>(picks: LlmAnswer["criteria"], offered: Map<string, C>) {
    const kept: Array<{ candidate: C; score: number; support: SupportingSentence }> = [];
    const seen = new Set<string>();
    for (const p of picks.slice(0, MAX_PICKS)) {
      const candidate = offered.get(p.id.trim());
      if (!candidate) {
        dropped.unknownIds.push(p.id);
        continue;
      }
      if (seen.has(candidate.id)) continue;
      seen.add(candidate.id);
      let support = supportFor(text, offline.privacy, p.quote);
      if (!support) {
        dropped.invented.push(p.quote);
        support = offlineSupport.get(candidate.id) ?? null;
        if (!support) continue;
      }
      kept.push({ candidate, score: clamp(p.confidence), support });
    }
    // The model's order breaks ties in its confidence.
    return kept.map((k, i) => ({ ...k, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  }

  const criteria: CriterionSuggestion[] = accept(answer.criteria, candidates.criteria).map(
    ({ candidate, score, support }) => ({
      id: candidate.id,
      unitId: candidate.unitId,
      text: candidate.text,
      score,
      support,
    }),
  );
  const knowledge: KnowledgeSuggestion[] = accept(answer.knowledge, candidates.knowledge).map(
    ({ candidate, score, support }) => ({
      id: candidate.id,
      unitId: candidate.unitId,
      text: candidate.text,
      score,
      support,
      guideSections: candidate.guideSections,
    }),
  );

  // A unit is suggested when the model confirmed one of its criteria or knowledge items.
  const units = new Map<string, UnitSuggestion>();
  for (const s of [...criteria, ...knowledge]) {
    const before = units.get(s.unitId);
    if (!before || s.score > before.score)
      units.set(s.unitId, {
        unitId: s.unitId,
        title: unitTitle(s.unitId),
        score: s.score,
        support: s.support,
      });
  }
  // Ranges only of units the text evidences.
  const ranges: RangeSuggestion[] = accept(answer.ranges, candidates.ranges)
    .filter(({ candidate }) => units.has(candidate.unitId))
    .map(({ candidate, score, support }) => ({
      id: candidate.id,
      unitId: candidate.unitId,
      text: candidate.text,
      situation: candidate.situation,
      score,
      support,
    }));

  const isEvidence = answer.isEvidence && units.size > 0;
  const result: Omit<MappingResult, "elapsedMs"> = {
    isEvidence,
    mapper: "llm",
    units: isEvidence ? [...units.values()].sort((a, b) => b.score - a.score) : [],
    criteria: isEvidence ? criteria : [],
    knowledge: isEvidence ? knowledge : [],
    ranges: isEvidence ? ranges : [],
    situations: isEvidence ? offline.situations : [],
    privacy: offline.privacy,
  };
  if (!answer.isEvidence)
    result.reason = "The language model judged that this text is not an account of your work.";
  return { result, dropped };
}
