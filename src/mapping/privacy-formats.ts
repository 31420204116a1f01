// Personal data in fixed formats: emails, phone and card numbers (Luhn), IBANs, account numbers, sort codes, postcodes and street addresses.
import type { PersonalDataSpan } from "./types.ts";

type Kind = PersonalDataSpan["kind"];

export const LETTERS = /^\p{L}[\p{L}'’]*$/u;
export const CAPITALISED = /^\p{Lu}/u;

/** Speech transcripts often have no capitals at all; then case cannot tell a name from a word. */
export function isCased(text: string): boolean {
  return /\p{Lu}/u.test(text.replace(/\bI\b/g, ""));
}

// --- fixed formats -------------------------------------------------------------------------------

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Digits separated by at most one space or dash, not glued to other digits or letters. */
const DIGIT_RUN = /(?<![\p{L}\p{N}])\+?\(?\d(?:(?:[ -]|\)\s?|\s?\()?\d){8,22}(?![\p{L}\p{N}])/gu;

// UK postcode: outward code, then the inward code whose letters never include C, I, K, M, O or V.
const POSTCODE = /(?<![\p{L}\p{N}])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/giu;

export const STREET_TYPES =
  "road|rd|street|st|avenue|ave|lane|ln|close|drive|way|crescent|court|place|grove|gardens|terrace|hill|park|row|walk|square|mews|rise|parade|green|view|crossway|boulevard";
// A house number, one to three words of street name, then a street type ("12 Acacia Avenue", "4a Mill Lane").
// Optionally introduced by "Flat 3," or "Unit 2,".
const ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:flat|apartment|unit)\s+\d{1,4}[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+((?:[\p{L}'’-]+\s+){1,3})(?:${STREET_TYPES})\.?(?![\p{L}\p{N}])`,
  "giu",
);

// "account number 12345678", "acc no: AB123456", "membership number 4455 6677", "sort code 20-00-00".
const ACCOUNT_CUE =
  /\b(?:(?:bank\s+|customer\s+|membership\s+|loyalty(?:\s+card)?\s+|policy\s+)?account|membership|loyalty\s+card|customer|policy|acc|a\/c)\s*(?:number|num|no\.?|#)\s*(?:is|was|of)?\s*:?\s*([A-Z]{0,3}\d(?:[ -]?\d){5,13})(?![\p{L}\p{N}])/giu;
// An IBAN (GB33 BUKB 2020 1555 5555 55), confirmed by its mod-97 check digits.
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;
// A street named without a house number, where the text says someone lives there or something goes there.
const NAMED_STREET = new RegExp(
  String.raw`\b(?:lives?|living|address(?:\s+(?:is|was))?|deliver(?:ed|y)?\s+to|sent\s+to|moved\s+to)\s+(?:(?:up|down|over|round)\s+)?(?:(?:on|at|in|to)\s+)?((?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:${STREET_TYPES.replace(/\b\w/g, (c) => c.toUpperCase())})\b)`,
  "gu",
);
const SORT_CODE = /\bsort\s*code\s*(?:is|was|of)?\s*:?\s*(\d{2}[ -]?\d{2}[ -]?\d{2})(?![\p{L}\p{N}])/giu;

function ibanValid(raw: string): boolean {
  const compact = raw.replace(/ /g, "");
  if (compact.length < 15 || compact.length > 34) return false;
  let rest = 0;
  for (const ch of compact.slice(4) + compact.slice(0, 4)) {
    const value = ch >= "A" ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = (rest * (value > 9 ? 100 : 10) + value) % 97;
  }
  return rest === 1;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** UK phone numbers in national (07700 900123, 020 7946 0018) or international (+44 7700 900123) form. */
function phoneDigits(raw: string): boolean {
  const digits = raw.replace(/\D/g, "");
  let national: string;
  if (raw.startsWith("+")) {
    if (!digits.startsWith("44")) return false;
    national = `0${digits.slice(2).replace(/^0/, "")}`;
  } else if (digits.startsWith("0044")) national = `0${digits.slice(4).replace(/^0/, "")}`;
  else national = digits;
  if (!/^0[12378]/.test(national)) return false;
  if (/^07/.test(national)) return national.length === 11;
  return national.length === 10 || national.length === 11;
}

export function fixedFormatSpans(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  const add = (kind: Kind, start: number, value: string) => {
    // Trim separators a pattern may have taken at its edges.
    const lead = value.length - value.trimStart().length;
    const trimmed = value.trim().replace(/[.,;:]+$/, "");
    spans.push({ kind, text: trimmed, start: start + lead, end: start + lead + trimmed.length });
  };
  for (const m of text.matchAll(EMAIL)) add("email", m.index, m[0]);
  for (const m of text.matchAll(DIGIT_RUN)) {
    const digits = m[0].replace(/\D/g, "");
    // A number the text calls a card number is one, whatever its checksum.
    const labelled = /card\s*(?:number|num|no\.?)\s*(?:is|was)?\s*:?\s*$/i.test(
      text.slice(Math.max(0, m.index - 24), m.index),
    );
    if (!m[0].startsWith("+") && digits.length >= 13 && digits.length <= 19 && (luhn(digits) || labelled))
      add("card_number", m.index, m[0]);
    else if (phoneDigits(m[0])) add("phone", m.index, m[0]);
  }
  for (const m of text.matchAll(ACCOUNT_CUE)) {
    const value = m[1] as string;
    add("account_number", m.index + m[0].length - value.length, value);
  }
  for (const m of text.matchAll(IBAN)) if (ibanValid(m[0])) add("account_number", m.index, m[0]);
  for (const m of text.matchAll(SORT_CODE)) {
    const value = m[1] as string;
    add("account_number", m.index + m[0].length - value.length, value);
  }
  for (const m of text.matchAll(POSTCODE)) add("postcode", m.index, m[0]);
  const cased = isCased(text);
  for (const m of text.matchAll(ADDRESS)) {
    const words = (m[1] as string).trim().split(/\s+/);
    // Written text capitalises a street name; in a transcript, rule out "2 hours close to …".
    if (
      cased
        ? !words.every((w) => CAPITALISED.test(w))
        : words.some((w) => NOT_STREET_WORDS.has(w.toLowerCase()))
    )
      continue;
    add("address", m.index, m[0]);
  }
  for (const m of text.matchAll(NAMED_STREET)) {
    const value = m[1] as string;
    add("address", m.index + m[0].length - value.length, value);
  }
  return spans;
}

const NOT_STREET_WORDS = new Set(
  "minutes mins hours hrs days weeks months years people customers items pounds quid times seconds the a an and or but to of in on at for with was were is i we she he they it my her his their our then so".split(
    " ",
  ),
);
