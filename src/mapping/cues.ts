// Situation cues in a text: catalogue cue word sequences matched as written, plain or negated, and whether the candidate is the one doing a customer's act.
import type { AnalysedText } from "./text.ts";

/**
 * Situations that are something the customer does: a catalogue cue right after "I" or "we" ("I asked
 * if she was all right") is the candidate doing it, and does not count.
 */
export const CUSTOMER_ACTS = new Set(["customer_asked"]);
const FIRST = new Set(["i", "we"]);
const OTHERS = new Set([
  "he",
  "she",
  "they",
  "you",
  "customer",
  "customers",
  "client",
  "caller",
  "guest",
  "member",
]);

/** Whether the nearest subject up to twelve words before token `at` is "I" or "we" (a sentence break ends the look-back). */
function firstPersonBefore(tokens: AnalysedText["analysis"]["tokens"], at: number): boolean {
  let words = 0;
  for (let i = at - 1; i >= 0 && words < 12; i--) {
    const t = tokens[i];
    if (!t) return false;
    if (!t.word) {
      if (/[.!?;:"\u201C\u201D]/.test(t.value)) return false;
      continue;
    }
    words++;
    const v = t.value.toLowerCase();
    if (FIRST.has(v)) return true;
    if (OTHERS.has(v)) return false;
  }
  return false;
}

/** Words that say what usually happens, not what happened ("normally quiet, but that day…"): a cue right after one is read as negated. */
const HABITUAL = new Set(["normally", "usually", "typically", "generally"]);

/** Whether one of the three words before token `at` (in the same sentence) is a habitual word. */
function habitualBefore(tokens: AnalysedText["analysis"]["tokens"], at: number): boolean {
  let words = 0;
  for (let i = at - 1; i >= 0 && words < 3; i--) {
    const t = tokens[i];
    if (!t) return false;
    if (!t.word) {
      if (/[.!?;]/.test(t.value)) return false;
      continue;
    }
    words++;
    if (HABITUAL.has(t.value.toLowerCase())) return true;
  }
  return false;
}

/** Words a multi-word cue may have between two of its words ("the card machine, which had been playing up all week, froze"). */
export const CUE_GAP = 8;

/** Whether a sentence break lies between tokens `from` and `to` of the analysis. */
function breakBetween(all: AnalysedText["analysis"]["tokens"], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) {
    const t = all[k];
    if (t && !t.word && /[.!?;]/.test(t.value)) return true;
  }
  return false;
}

/**
 * Counts catalogue cue matches in the text, plain and negated: a cue's words in order, each within
 * CUE_GAP words of the one before and in the same sentence (a one-word cue as written).
 */
export function cueMatches(
  all: AnalysedText["analysis"]["tokens"],
  positions: readonly number[],
  cues: string[][],
  customerAct = false,
): [number, number] {
  const tokens = positions.map((i) => all[i] as (typeof all)[number]);
  let plain = 0;
  let negated = 0;
  for (const cue of cues) {
    if (!cue.length) continue;
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i];
      if (!first || first.value.toLowerCase() !== cue[0]) continue;
      let neg = Boolean(first.negated);
      let at = i;
      let ok = true;
      for (let j = 1; j < cue.length && ok; j++) {
        ok = false;
        // The next word of the cue follows at once, or within the gap in the same sentence.
        for (let k = at + 1; k < Math.min(tokens.length, at + 2 + CUE_GAP); k++) {
          const t = tokens[k];
          if (!t) break;
          if (k > at + 1 && breakBetween(all, positions[at] as number, positions[k] as number)) break;
          if (t.value.toLowerCase() === cue[j]) {
            if (t.negated) neg = true;
            at = k;
            ok = true;
            break;
          }
        }
      }
      if (!ok) continue;
      if (customerAct && firstPersonBefore(all, positions[i] as number)) continue;
      if (habitualBefore(all, positions[i] as number)) neg = true;
      if (neg) negated++;
      else plain++;
    }
  }
  return [plain, negated];
}
