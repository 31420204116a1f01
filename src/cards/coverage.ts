// The progress card: per unit, what is assessed, claimed and missing, and what to aim for next.

import type { KnownBlock } from "@slack/types";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { englishList, guideList, plural, progressBar, shortRef } from "./text.ts";
import type { CoverageCounts, CoverageUnitView, CoverageView } from "./views.ts";

const missing = (c: CoverageCounts): number => Math.max(0, c.total - c.assessed - c.claimed);

/** "●●●◐○○○○○○ 3 assessed, 1 waiting, 6 to go (of 10)". */
function countsLine(c: CoverageCounts): string {
  if (c.total === 0) return "none in this unit";
  const parts = [`${c.assessed} assessed`];
  if (c.claimed > 0) parts.push(`${c.claimed} waiting`);
  const left = missing(c);
  parts.push(left === 0 ? "all covered" : `${left} to go`);
  return `${progressBar(c.total, c.assessed, c.claimed)} ${parts.join(", ")} (of ${c.total})`;
}

/** "6 criteria, 5 knowledge items and 3 situations": what is still to do, counted; empty when nothing is. */
export function toGoWords(parts: { criteria: number; knowledge?: number; ranges: number }): string {
  const words = [
    parts.criteria > 0 ? plural(parts.criteria, "criterion", "criteria") : "",
    parts.knowledge ? plural(parts.knowledge, "knowledge item") : "",
    parts.ranges > 0 ? plural(parts.ranges, "situation") : "",
  ].filter(Boolean);
  return englishList(words);
}

const unitToGo = (unit: CoverageUnitView) =>
  toGoWords({
    criteria: missing(unit.criteria),
    ranges: missing(unit.ranges),
    ...(unit.knowledge ? { knowledge: missing(unit.knowledge) } : {}),
  });

/** "205: 6 criteria and 2 situations to go. Aim next for a quiet period (ER4c) and an unhappy customer (ER5b)." */
export function nextWords(unit: CoverageUnitView): string {
  const toGo = unitToGo(unit);
  if (unit.next.length === 0) {
    if (toGo) return `${unit.unitId}: ${toGo} to go; keep sending accounts for this unit.`;
    return unit.criteria.claimed + unit.ranges.claimed > 0
      ? `${unit.unitId}: everything is claimed; your assessor is checking it.`
      : `${unit.unitId}: complete.`;
  }
  const aims = englishList(unit.next.slice(0, 2).map((n) => `${n.words} (${shortRef(n.id)})`));
  return `${unit.unitId}: ${toGo || "a little"} to go. Aim next for ${aims}.`;
}

/** The whole plan's count of what is left: "14 criteria and 5 knowledge items to go". */
export function planToGo(view: CoverageView): string {
  const sum = (pick: (u: CoverageUnitView) => CoverageCounts | undefined) =>
    view.units.reduce((n, u) => {
      const counts = pick(u);
      return n + (counts ? missing(counts) : 0);
    }, 0);
  const words = toGoWords({
    criteria: sum((u) => u.criteria),
    knowledge: sum((u) => u.knowledge),
    ranges: sum((u) => u.ranges),
  });
  return words ? `${words} to go` : "Everything on your plan is covered";
}

/**
 * What to aim for next across the plan: the unit furthest along (the largest share covered, then the fewest left),
 * and the first thing it needs. With nothing covered anywhere, the smallest unit is named as a place to start.
 */
export function aimNext(view: CoverageView): string | undefined {
  const open = view.units
    .map((u) => {
      const total = u.criteria.total + u.ranges.total;
      const left = missing(u.criteria) + missing(u.ranges);
      return { u, left, share: total > 0 ? (total - left) / total : 0 };
    })
    .filter((x) => x.left > 0 && x.u.next.length > 0)
    .sort((a, b) => b.share - a.share || a.left - b.left);
  const best = open[0];
  const first = best?.u.next[0];
  if (!best || !first) return undefined;
  const why =
    best.share > 0
      ? "the unit nearest completion"
      : `a good unit to start with (${plural(best.left, "thing")} to cover)`;
  return `Aim next for ${best.u.unitId} ${best.u.title}, ${why}: ${first.words} (${shortRef(first.id)}).`;
}

/** "E2 was referred back to you: type E2 to open it and change it." */
function referredWords(view: CoverageView): string | undefined {
  const refs = view.referred ?? [];
  if (refs.length === 0) return undefined;
  return `${englishList(refs)} ${refs.length === 1 ? "was" : "were"} referred back to you: type ${refs[0]} to open it and change it.`;
}

const LEGEND = "● assessed · ◐ waiting for your assessor · ○ still to do";

function summary(view: CoverageView): string {
  const parts = [
    view.qualification ?? "Your qualification",
    plural(view.units.length, "unit"),
    planToGo(view),
  ];
  if (view.waiting && view.waiting > 0)
    parts.push(`${plural(view.waiting, "piece")} of evidence waiting for your assessor`);
  return parts.join(" · ");
}

/** By density: units shown and guide sections per unit. */
const LIMITS = [
  { units: 30, guides: 6 },
  { units: 20, guides: 3 },
  { units: 12, guides: 2 },
  { units: 8, guides: 0 },
] as const;

/** Adaptive Card of a candidate's progress. */
export function coverageCard(view: CoverageView): ac.AdaptiveCard {
  return ac.fitCard((density) => buildCard(view, LIMITS[density]));
}

function buildCard(view: CoverageView, limits: (typeof LIMITS)[number]): ac.AdaptiveCard {
  const body: ac.Element[] = [ac.heading(`Progress for ${view.candidateName}`), ac.subtle(summary(view))];
  if (view.units.length === 0)
    body.push(ac.text("You have no units on your plan yet. Ask your assessor to add them."));
  for (const line of [referredWords(view), aimNext(view)])
    if (line) body.push(ac.text(line, { weight: "bolder", spacing: "small" }));
  for (const unit of view.units.slice(0, limits.units)) {
    const items: ac.Element[] = [
      ac.heading(`${unit.unitId} ${unit.title}`, "default"),
      ac.facts([
        ["Criteria", countsLine(unit.criteria)],
        ["Situations", countsLine(unit.ranges)],
        ...(unit.knowledge ? [["Knowledge", countsLine(unit.knowledge)] as [string, string]] : []),
      ]),
      ac.text(nextWords(unit), { spacing: "small" }),
    ];
    const guides = unit.guideSections.slice(0, limits.guides);
    if (guides.length > 0) items.push(ac.subtle(`To read: Best Practice Guide ${guideList(guides)}`));
    body.push(ac.container(items, { separator: true, spacing: "medium" }));
  }
  const hidden = view.units.length - limits.units;
  if (hidden > 0) body.push(ac.subtle(`…and ${plural(hidden, "more unit")}.`, { spacing: "medium" }));
  if (view.units.length > 0) body.push(ac.subtle(LEGEND, { spacing: "medium" }));
  return ac.card(body, view.link ? [ac.openUrl(view.link.label, view.link.url)] : []);
}

/** Block Kit of a candidate's progress. */
export function coverageBlocks(view: CoverageView): KnownBlock[] {
  const head: KnownBlock[] = [
    sk.header(`Progress for ${view.candidateName}`),
    sk.context(sk.esc(summary(view))),
  ];
  if (view.units.length === 0)
    head.push(sk.section("You have no units on your plan yet. Ask your assessor to add them."));
  const aims = [referredWords(view), aimNext(view)].filter((l): l is string => Boolean(l));
  if (aims.length > 0) head.push(sk.section(aims.map((l) => `*${sk.esc(l)}*`).join("\n")));
  if (view.link) head.push(sk.actions([sk.linkButton(view.link.label, view.link.url)]));
  const body = view.units.map((unit): KnownBlock[] => {
    const lines = [
      `*${sk.esc(`${unit.unitId} ${unit.title}`)}*`,
      `Criteria: ${countsLine(unit.criteria)}`,
      `Situations: ${countsLine(unit.ranges)}`,
      ...(unit.knowledge ? [`Knowledge: ${countsLine(unit.knowledge)}`] : []),
      sk.esc(nextWords(unit)),
    ];
    const blocks: KnownBlock[] = [sk.section(lines.join("\n"))];
    if (unit.guideSections.length > 0) {
      blocks.push(sk.context(sk.esc(`To read: Best Practice Guide ${guideList(unit.guideSections)}`)));
    }
    return blocks;
  });
  const tail: KnownBlock[] = view.units.length > 0 ? [sk.context(LEGEND)] : [];
  return sk.fitBlocks(head, body, tail, (n) => `…and ${plural(n, "more unit")}.`);
}
