// Coverage of an enrolment: per unit, each criterion, knowledge item and range as assessed, claimed or missing, with evidence refs.

import type { CoverageClaim, EnrolmentRecord } from "../core/types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import { checkUnitPlan } from "../standards/rules.ts";
import type { Coverage, CoverageState, ItemCoverage, Tally, UnitCoverage } from "./coverage-types.ts";
import { describeGaps, readingList } from "./gaps.ts";

export type * from "./coverage-types.ts";

const byRef = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** Counts claims into states: accepted on assessed or sampled evidence is assessed; anything else filed is claimed. */
function indexClaims(claims: readonly CoverageClaim[]) {
  const index = new Map<string, { assessed: Set<string>; claimed: Set<string> }>();
  for (const claim of claims) {
    if (
      claim.decision === "rejected" ||
      claim.evidenceStatus === "draft" ||
      claim.evidenceStatus === "discarded"
    )
      continue;
    const done =
      claim.decision === "accepted" &&
      (claim.evidenceStatus === "assessed" || claim.evidenceStatus === "sampled");
    let entry = index.get(claim.targetId);
    if (!entry) {
      entry = { assessed: new Set(), claimed: new Set() };
      index.set(claim.targetId, entry);
    }
    (done ? entry.assessed : entry.claimed).add(claim.evidenceRef);
  }
  return (id: string): { state: CoverageState; refs: string[] } => {
    const entry = index.get(id);
    if (!entry) return { state: "missing", refs: [] };
    const refs = [...new Set([...[...entry.assessed].sort(byRef), ...[...entry.claimed].sort(byRef)])];
    return { state: entry.assessed.size ? "assessed" : entry.claimed.size ? "claimed" : "missing", refs };
  };
}

const tally = (items: readonly ItemCoverage[]): Tally => ({
  assessed: items.filter((i) => i.state === "assessed").length,
  claimed: items.filter((i) => i.state === "claimed").length,
  missing: items.filter((i) => i.state === "missing").length,
  total: items.length,
});

/** Pure: the coverage of one enrolment from its filed claims. */
export function computeCoverage(
  catalogue: Catalogue,
  enrolment: Pick<EnrolmentRecord, "id" | "candidateId" | "qualificationId" | "level" | "unitIds">,
  claims: readonly CoverageClaim[],
): Coverage {
  const lookup = indexClaims(claims);
  const units: UnitCoverage[] = enrolment.unitIds.map((unitId) => {
    const unit = catalogue.unit(unitId);
    if (!unit) {
      const empty = { assessed: 0, claimed: 0, missing: 0, total: 0 };
      return {
        unitId,
        title: "(not in the catalogue)",
        standardsKnown: false,
        criteria: [],
        knowledge: [],
        ranges: [],
        tally: { criteria: empty, knowledge: empty, ranges: empty },
        complete: false,
      };
    }
    const criteria = unit.elements.flatMap((e) =>
      e.criteria.map((c) => ({ id: c.id, text: c.text, ...lookup(c.id) })),
    );
    const knowledge = unit.knowledge.map((k) => ({
      id: k.id,
      text: k.text,
      guideSections: [...k.guideSections],
      ...lookup(k.id),
    }));
    const ranges = unit.evidenceRequirements.flatMap((er) =>
      er.ranges.map((r) => ({
        id: r.id,
        text: r.text,
        requirementId: er.id,
        situation: r.situation,
        ...lookup(r.id),
      })),
    );
    const standardsKnown = unit.standardsInSeeds && criteria.length > 0;
    const all = [...criteria, ...knowledge, ...ranges];
    return {
      unitId,
      title: unit.title,
      standardsKnown,
      criteria,
      knowledge,
      ranges,
      tally: { criteria: tally(criteria), knowledge: tally(knowledge), ranges: tally(ranges) },
      complete: standardsKnown && all.every((i) => i.state === "assessed"),
    };
  });
  let plan: Coverage["plan"];
  try {
    const check = checkUnitPlan(catalogue, enrolment.level, enrolment.unitIds);
    plan = { ok: check.ok, outcomes: check.outcomes, unknowns: check.unknowns };
  } catch (error) {
    plan = {
      ok: false,
      outcomes: [{ status: "unknown", rule: "qualification", detail: (error as Error).message }],
      unknowns: [],
    };
  }
  return {
    enrolmentId: enrolment.id,
    candidateId: enrolment.candidateId,
    qualificationId: enrolment.qualificationId,
    level: enrolment.level,
    units,
    plan,
    gaps: describeGaps(catalogue, units, plan.outcomes),
    reading: readingList(catalogue, units),
  };
}
