// The shapes of coverage: per unit, each criterion, knowledge item and range as assessed, claimed or missing.
import type { RuleOutcome } from "../standards/rules.ts";

export type CoverageState = "assessed" | "claimed" | "missing";

export interface ItemCoverage {
  id: string;
  text: string;
  state: CoverageState;
  /** Evidence references that cover it (the unit recording form's "location ref"), in order. */
  refs: string[];
}

export interface KnowledgeCoverage extends ItemCoverage {
  guideSections: string[];
}

export interface RangeCoverage extends ItemCoverage {
  requirementId: string;
  situation: string;
}

export interface Tally {
  assessed: number;
  claimed: number;
  missing: number;
  total: number;
}

export interface UnitCoverage {
  unitId: string;
  title: string;
  /** False when the standards of this unit are not in the catalogue: nothing can be counted yet. */
  standardsKnown: boolean;
  criteria: ItemCoverage[];
  knowledge: KnowledgeCoverage[];
  ranges: RangeCoverage[];
  tally: { criteria: Tally; knowledge: Tally; ranges: Tally };
  /** Every criterion, knowledge item and range assessed. */
  complete: boolean;
}

export interface Coverage {
  enrolmentId: string;
  candidateId: string;
  qualificationId: string;
  level: number;
  units: UnitCoverage[];
  plan: { ok: boolean; outcomes: RuleOutcome[]; unknowns: string[] };
  /** What is still missing, in plain words, one line per unit (and one for the plan when it breaks a rule). */
  gaps: string[];
  /** Best Practice Guide sections to read for knowledge items not yet covered. */
  reading: ReadingItem[];
}

/** A Best Practice Guide section to read, and the knowledge items still missing that it teaches. */
export interface ReadingItem {
  section: string;
  title: string;
  /** Knowledge items not yet covered that this section teaches. */
  for: string[];
}
