// Gaps in plain words ("205: still needs a quiet period (ER4c) and an unhappy customer (ER5b)") and what to read.
import type { Catalogue } from "../standards/catalogue.ts";
import type { RuleOutcome } from "../standards/rules.ts";
import type { ReadingItem, UnitCoverage } from "./coverage-types.ts";

export type { ReadingItem };

// Short names for situations in a sentence; a situation not listed falls back to the range's own words.
const SHORT: Record<string, string> = {
  routine: "routine service",
  busy_period: "a busy period",
  quiet_period: "a quiet period",
  let_down: "being let down by people, systems or resources",
  happy_customer: "a happy customer",
  unhappy_customer: "an unhappy customer",
  own_initiative: "taking the initiative",
  customer_asked: "a customer's question or request",
  within_authority: "acting within your authority",
  sought_authority: "seeking authority to act",
  tangible_benefit: "a tangible benefit",
  intangible_benefit: "an intangible benefit",
  planned_visit: "a planned visit",
  short_notice_visit: "a short-notice visit",
  customer_present: "the customer present",
  customer_not_present: "the customer not present",
  work_to_plan: "work going to plan",
  work_not_to_plan: "work not going to plan",
  you_initiated_contact: "contact you started",
  responding_to_customer: "responding to a customer",
};

/** "205.ER4.c" → "ER4c", as the unit recording form's columns read. */
export const shortRangeId = (id: string) => id.replace(/^.*\.(ER\d+)\.([a-z])$/, "$1$2");

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const listIds = (ids: readonly string[], max = 6) =>
  ids.length <= max ? joinWords(ids) : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;

/** One line per unit with something missing or waiting, and one per broken plan rule. */
export function describeGaps(
  _catalogue: Catalogue,
  units: readonly UnitCoverage[],
  plan: readonly RuleOutcome[],
): string[] {
  const lines: string[] = [];
  for (const rule of plan)
    if (rule.status === "not_met") lines.push(`Unit plan: ${rule.rule}: ${rule.detail}`);
  for (const unit of units) {
    if (!unit.standardsKnown) {
      lines.push(
        `${unit.unitId}: its standards are not in the catalogue yet, so progress can't be counted; ask your assessor what evidence it needs.`,
      );
      continue;
    }
    const needs: string[] = [];
    const ranges = unit.ranges.filter((r) => r.state === "missing");
    if (ranges.length)
      needs.push(
        joinWords(ranges.map((r) => `${SHORT[r.situation] ?? lowerFirst(r.text)} (${shortRangeId(r.id)})`)),
      );
    const criteria = unit.criteria.filter((c) => c.state === "missing").map((c) => c.id);
    if (criteria.length)
      needs.push(`${criteria.length === 1 ? "criterion" : "criteria"} ${listIds(criteria)}`);
    const knowledge = unit.knowledge.filter((k) => k.state === "missing").map((k) => k.id);
    if (knowledge.length) needs.push(`knowledge ${listIds(knowledge)}`);
    const waiting = [...unit.criteria, ...unit.knowledge, ...unit.ranges].filter(
      (i) => i.state === "claimed",
    ).length;
    const wait = waiting
      ? `${waiting} claimed item${waiting === 1 ? "" : "s"} await${waiting === 1 ? "s" : ""} assessment`
      : "";
    if (needs.length)
      lines.push(`${unit.unitId}: still needs ${needs.join("; ")}${wait ? ` (${wait})` : ""}.`);
    else if (wait) lines.push(`${unit.unitId}: nothing missing; ${wait}.`);
  }
  return lines;
}

/** Guide sections teaching the knowledge items still missing, in guide order. */
export function readingList(catalogue: Catalogue, units: readonly UnitCoverage[]): ReadingItem[] {
  const sections = new Map<string, string[]>();
  for (const unit of units)
    for (const item of unit.knowledge)
      if (item.state === "missing")
        for (const section of item.guideSections)
          sections.set(section, [...(sections.get(section) ?? []), item.id]);
  return [...sections.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([section, ids]) => ({
      section,
      title: catalogue.guideSections.get(section)?.title ?? "",
      for: ids,
    }));
}
