// Wording helpers shared by both renderers: polite truncation, English lists, dates, references and bars.

import type { GuideSectionView, PersonalDataKind } from "./views.ts";

/** Cuts `text` to at most `max` characters at a word boundary, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  if (max <= 1) return "…".slice(0, max);
  const cut = clean.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${base.replace(/[\s,;:.–-]+$/, "")}…`;
}

/** "a", "a and b", "a, b and c"; past `max` items, "a, b, c and 2 more". */
export function englishList(items: string[], max = Number.POSITIVE_INFINITY): string {
  const shown = items.length > max ? items.slice(0, max) : items;
  const rest = items.length - shown.length;
  const parts = rest > 0 ? [...shown, `${rest} more`] : shown;
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Sat 14 Dec 2025, 14:05" in UK time: the one formatter, on the ground floor. */
export { formatWhen } from "../core/dates.ts";

/** `205.ER4.b` → "ER4b", the short form printed on the recording forms; other ids as they are. */
export function shortRef(id: string): string {
  const match = /\.ER(\d+)\.([a-z])$/.exec(id);
  return match ? `ER${match[1]}${match[2]}` : id;
}

export const quote = (sentence: string, max = 300): string => `“${truncate(sentence, max)}”`;

export const guideList = (sections: GuideSectionView[]): string =>
  englishList(sections.map((s) => `${s.id} ${s.title}`));

/** A small text bar: assessed ●, claimed ◐, missing ○ (10 cells). */
export function progressBar(total: number, assessed: number, claimed: number, cells = 10): string {
  if (total <= 0) return "";
  const a = Math.round((Math.min(assessed, total) / total) * cells);
  const c = Math.min(cells - a, Math.round((Math.min(claimed, total - assessed) / total) * cells));
  return "●".repeat(a) + "◐".repeat(c) + "○".repeat(cells - a - c);
}

const PERSONAL: Record<PersonalDataKind, string> = {
  name: "a name",
  phone: "a phone number",
  email: "an email address",
  address: "an address",
  postcode: "a postcode",
  card_number: "a card number",
  account_number: "an account number",
};

/** "a name and a phone number", each kind once. */
export const personalDataWords = (kinds: PersonalDataKind[]): string =>
  englishList([...new Set(kinds)].map((k) => PERSONAL[k]));

export const sourceWords = (source: "typed" | "voice" | "witness"): string =>
  source === "voice" ? "Voice note" : source === "witness" ? "Witness account" : "Written account";

/** "Alex Green" → "Alex": friendlier in running text. */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;
