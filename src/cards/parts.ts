// Pieces several cards share: the account, a claim's title, a witness testimony, a unit list.

import type { KnownBlock, SectionBlock } from "@slack/types";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { formatWhen, quote, shortRef, truncate } from "./text.ts";
import type { ApprovalClaimView, ClaimLineView, TestimonyView, UnitTitleView } from "./views.ts";

/** "205.1.2 Greet customers…", or for a range "During a busy period (205 ER4b)". */
export function claimTitle(claim: ClaimLineView): string {
  if (claim.kind !== "range") return `${claim.ref} ${claim.text}`;
  const words = claim.text.charAt(0).toUpperCase() + claim.text.slice(1);
  return `${words} (${claim.unitId} ${shortRef(claim.ref)})`;
}

export const unitsLine = (units: UnitTitleView[]): string =>
  units.length === 1 && units[0]
    ? `Unit ${units[0].unitId} ${units[0].title}`
    : `Units ${units.map((u) => u.unitId).join(", ")}`;

/** The account in a shaded box, cut politely past `max` characters. */
export function accountElement(text: string, max: number): ac.Container {
  const shown = truncate(text, max);
  const items: ac.Element[] = [ac.userText(shown)];
  if (shown !== text.trim())
    items.push(ac.subtle(`Shortened here: the full account has ${text.trim().length} characters.`));
  return ac.container(items, { style: "emphasis", spacing: "small" });
}

export function accountBlocks(text: string, max: number): KnownBlock[] {
  const shown = truncate(text, max);
  const blocks: KnownBlock[] = [sk.quoteBlock(shown, max)];
  if (shown !== text.trim())
    blocks.push(sk.context(`Shortened here: the full account has ${text.trim().length} characters.`));
  return blocks;
}

const testimonyByline = (t: TestimonyView): string =>
  `${t.witnessName}, ${t.relationship} · ${formatWhen(t.givenAt)}`;

export function testimonyElement(t: TestimonyView, max = 1200): ac.Container {
  return ac.container(
    [
      ac.text(`Witness testimony from ${t.witnessName}`, { weight: "bolder" }),
      ac.facts([
        ["Relationship", t.relationship],
        ["Witness status", t.statusCategory],
        ["Given", formatWhen(t.givenAt)],
      ]),
      ac.userText(truncate(t.text, max)),
    ],
    { style: "accent", spacing: "medium" },
  );
}

export function testimonyBlocks(t: TestimonyView, max = 1200): KnownBlock[] {
  return [
    sk.section(
      `*Witness testimony from ${sk.esc(t.witnessName)}*\n${sk.esc(`Witness status: ${t.statusCategory}`)}`,
    ),
    sk.quoteBlock(truncate(t.text, max)),
    sk.context(sk.esc(testimonyByline(t))),
  ];
}

/** Claims in catalogue order of their units, as `[unit, claims]` pairs. */
export function byUnit<T extends ClaimLineView>(claims: T[], units: UnitTitleView[]): [UnitTitleView, T[]][] {
  const order = new Map(units.map((u, n) => [u.unitId, n]));
  const groups = new Map<string, T[]>();
  for (const claim of claims) groups.set(claim.unitId, [...(groups.get(claim.unitId) ?? []), claim]);
  return [...groups.entries()]
    .sort(([a], [b]) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || a.localeCompare(b))
    .map(([unitId, list]) => [units.find((u) => u.unitId === unitId) ?? { unitId, title: "" }, list]);
}

export const unitHeading = (u: UnitTitleView): string =>
  u.title ? `${u.unitId} ${u.title}` : `Unit ${u.unitId}`;

const OUTCOME = {
  accepted: { mark: "✓", words: "Accepted", color: "good", emoji: ":white_check_mark:" },
  rejected: { mark: "✗", words: "Not accepted", color: "attention", emoji: ":x:" },
  pending: { mark: "–", words: "Not decided", color: "default", emoji: ":white_circle:" },
} as const;

/** A decided claim: outcome, title, sentence and the assessor's comment on it. */
export function claimOutcomeElements(claim: ApprovalClaimView, max = 300): ac.Element[] {
  const o = OUTCOME[claim.decision];
  const items: ac.Element[] = [
    ac.text(`${o.mark} ${o.words}: ${claimTitle(claim)}`, {
      size: "small",
      color: o.color,
      spacing: "small",
    }),
    ac.quoted(quote(claim.support, max)),
  ];
  if (claim.comment) items.push(ac.subtle(`Comment: ${truncate(claim.comment, max * 2)}`));
  return items;
}

export function claimOutcomeBlock(claim: ApprovalClaimView): SectionBlock {
  const o = OUTCOME[claim.decision];
  const comment = claim.comment ? `\nComment: ${sk.esc(claim.comment)}` : "";
  return sk.section(
    `${o.emoji} ${o.words}: *${sk.esc(claimTitle(claim))}*\n_${sk.esc(quote(claim.support, 600))}_${comment}`,
  );
}
