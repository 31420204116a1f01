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

/** Counts catalogue cue matches (word sequences as written) in the text: plain and negated. */
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
    for (let i = 0; i + cue.length <= tokens.length; i++) {
      let ok = true;
      let neg = false;
      for (let j = 0; j < cue.length; j++) {
        const t = tokens[i + j];
        if (!t || t.value.toLowerCase() !== cue[j]) {
          ok = false;
          break;
        }
        if (t.negated) neg = true;
      }
      if (!ok) continue;
      if (customerAct && firstPersonBefore(all, positions[i] as number)) continue;
      if (neg) negated++;
      else plain++;
    }
  }
  return [plain, negated];
}
