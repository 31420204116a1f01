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

/** "205: still needs a quiet period (ER4c) and an unhappy customer (ER5b)", or that the unit is complete. */
export function nextWords(unit: CoverageUnitView): string {
  if (unit.next.length === 0) {
    const done = missing(unit.criteria) === 0 && missing(unit.ranges) === 0;
    if (!done) return `${unit.unitId}: keep sending accounts for this unit.`;
    return unit.criteria.claimed + unit.ranges.claimed > 0
      ? `${unit.unitId}: everything is claimed; your assessor is checking it.`
      : `${unit.unitId}: complete.`;
  }
  return `${unit.unitId}: still needs ${englishList(
    unit.next.map((n) => `${n.words} (${shortRef(n.id)})`),
    3,
  )}.`;
}

const LEGEND = "● assessed · ◐ waiting for your assessor · ○ still to do";

function summary(view: CoverageView): string {
  const parts = [view.qualification ?? "Your qualification", plural(view.units.length, "unit")];
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
  for (const unit of view.units.slice(0, limits.units)) {
    const items: ac.Element[] = [
      ac.heading(`${unit.unitId} ${unit.title}`, "default"),
      ac.facts([
        ["Criteria", countsLine(unit.criteria)],
        ["Situations", countsLine(unit.ranges)],
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
  return ac.card(body);
}

/** Block Kit of a candidate's progress. */
export function coverageBlocks(view: CoverageView): KnownBlock[] {
  const head: KnownBlock[] = [
    sk.header(`Progress for ${view.candidateName}`),
    sk.context(sk.esc(summary(view))),
  ];
  if (view.units.length === 0)
    head.push(sk.section("You have no units on your plan yet. Ask your assessor to add them."));
  const body = view.units.map((unit): KnownBlock[] => {
    const lines = [
      `*${sk.esc(`${unit.unitId} ${unit.title}`)}*`,
      `Criteria: ${countsLine(unit.criteria)}`,
      `Situations: ${countsLine(unit.ranges)}`,
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
