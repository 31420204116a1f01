// Loads data/standards/*.json, validates each file with zod, merges them and checks every cross-reference.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import {
  type Assessment,
  type CatalogueFile,
  catalogueFileSchema,
  type Element,
  type EvidenceRequirement,
  type GuideSection,
  type KnowledgeItem,
  type PerformanceCriterion,
  type Qualification,
  type Range,
  type Situation,
  type Theme,
  type Unit,
} from "./schema.ts";

/** The folder holding the shipped catalogue. */
export const DEFAULT_CATALOGUE_DIR = resolve(fileURLToPath(new URL("../../data/standards", import.meta.url)));

/** A catalogue file that does not parse or does not fit with the others; `message` names file, path and reason. */
export class CatalogueError extends Error {
  override name = "CatalogueError";
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

export interface CriterionRef {
  unit: Unit;
  element: Element;
  criterion: PerformanceCriterion;
}
export interface KnowledgeRef {
  unit: Unit;
  item: KnowledgeItem;
}
export interface RangeRef {
  unit: Unit;
  requirement: EvidenceRequirement;
  range: Range;
}

/** The merged, validated catalogue with lookups by id. */
export interface Catalogue {
  readonly qualifications: readonly Qualification[];
  readonly themes: readonly Theme[];
  readonly units: ReadonlyMap<string, Unit>;
  readonly guideSections: ReadonlyMap<string, GuideSection>;
  readonly situations: ReadonlyMap<string, Situation>;
  readonly assessment: Assessment | undefined;
  unit(id: string): Unit | undefined;
  criterion(id: string): CriterionRef | undefined;
  knowledgeItem(id: string): KnowledgeRef | undefined;
  range(id: string): RangeRef | undefined;
  qualificationForLevel(level: number): Qualification | undefined;
  /** Every unit a plan at this level may contain (mandatory and optional), in catalogue order. */
  unitsForLevel(level: number): Unit[];
  criteriaOf(unitId: string): PerformanceCriterion[];
}

function describeIssue(file: string, issue: z.core.$ZodIssue, data: unknown): string {
  let at: unknown = data;
  const parts: string[] = [];
  for (const key of issue.path) {
    const here = at as Record<PropertyKey, unknown> | undefined;
    const next = here?.[key as PropertyKey];
    // Name array entries by their id where they have one: "units[205].elements[1]" reads better than indexes.
    if (typeof key === "number" && next && typeof next === "object" && "id" in next) {
      parts.push(`[${String((next as { id: unknown }).id)}]`);
    } else parts.push(typeof key === "number" ? `[${key}]` : `${parts.length ? "." : ""}${String(key)}`);
    at = next;
  }
  return `${file}: ${parts.join("") || "(top level)"}: ${issue.message}`;
}

/** Validates one parsed JSON value as a catalogue file; throws CatalogueError naming file, path and reason. */
export function parseCatalogueFile(file: string, json: unknown): CatalogueFile {
  const result = catalogueFileSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => describeIssue(file, i, json));
  throw new CatalogueError(
    problems.slice(0, 5).join("\n") + (problems.length > 5 ? `\n… and ${problems.length - 5} more` : ""),
    problems,
  );
}

/** Reads and validates one catalogue file from disk. */
export function readCatalogueFile(path: string): CatalogueFile {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CatalogueError(`${path}: cannot be read; check the path.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogueError(`${name}: is not valid JSON (${(error as Error).message}).`);
  }
  return parseCatalogueFile(name, json);
}

/** Merges validated files and checks ids and references across them. */
export function buildCatalogue(files: ReadonlyArray<{ name: string; data: CatalogueFile }>): Catalogue {
  const problems: string[] = [];
  const units = new Map<string, Unit>();
  const guideSections = new Map<string, GuideSection>();
  const situations = new Map<string, Situation>();
  const qualifications: Qualification[] = [];
  const themes: Theme[] = [];
  const criteria = new Map<string, CriterionRef>();
  const knowledge = new Map<string, KnowledgeRef>();
  const ranges = new Map<string, RangeRef>();
  let assessment: Assessment | undefined;
  const seen = new Map<string, string>();
  const claim = (id: string, file: string, what: string) => {
    const before = seen.get(id);
    if (before) problems.push(`${file}: ${what} ${id} is defined twice (also in ${before}).`);
    else seen.set(id, file);
  };

  for (const { name, data } of files) {
    for (const s of data.situations) {
      if (situations.has(s.id)) problems.push(`${name}: situation ${s.id} is defined twice.`);
      situations.set(s.id, s);
    }
    for (const g of data.guideSections) guideSections.set(g.id, g);
    for (const q of data.qualifications) {
      claim(`qualification:${q.id}`, name, "qualification");
      qualifications.push(q);
    }
    themes.push(...data.themes);
    if (data.assessment) assessment = data.assessment;
    for (const unit of data.units) {
      claim(`unit:${unit.id}`, name, "unit");
      units.set(unit.id, unit);
      for (const element of unit.elements) {
        if (!element.id.startsWith(`${unit.id}.`))
          problems.push(
            `${name}: units[${unit.id}]: element ${element.id} does not belong to unit ${unit.id}.`,
          );
        for (const criterion of element.criteria) {
          claim(criterion.id, name, "criterion");
          if (!criterion.id.startsWith(`${element.id}.`))
            problems.push(
              `${name}: units[${unit.id}]: criterion ${criterion.id} is not in element ${element.id}.`,
            );
          criteria.set(criterion.id, { unit, element, criterion });
        }
      }
      for (const item of unit.knowledge) {
        claim(item.id, name, "knowledge item");
        if (!item.id.startsWith(`${unit.id}.K.`))
          problems.push(
            `${name}: units[${unit.id}]: knowledge item ${item.id} does not belong to unit ${unit.id}.`,
          );
        knowledge.set(item.id, { unit, item });
      }
      for (const requirement of unit.evidenceRequirements) {
        claim(requirement.id, name, "evidence requirement");
        for (const range of requirement.ranges) {
          claim(range.id, name, "range");
          if (!range.id.startsWith(`${requirement.id}.`))
            problems.push(`${name}: units[${unit.id}]: range ${range.id} is not in ${requirement.id}.`);
          ranges.set(range.id, { unit, requirement, range });
        }
      }
    }
  }

  for (const { name, data } of files) {
    for (const unit of data.units) {
      if (unit.theme && themes.length && !themes.some((t) => t.id === unit.theme))
        problems.push(`${name}: units[${unit.id}].theme: unknown theme "${unit.theme}".`);
      for (const item of unit.knowledge)
        for (const section of item.guideSections)
          if (guideSections.size && !guideSections.has(section))
            problems.push(`${name}: ${item.id}: guide section ${section} is not in the guide's contents.`);
      for (const requirement of unit.evidenceRequirements)
        for (const range of requirement.ranges)
          if (!situations.has(range.situation))
            problems.push(`${name}: ${range.id}.situation: unknown situation "${range.situation}".`);
    }
    for (const q of data.qualifications) {
      const listed = [
        ...(Array.isArray(q.mandatoryUnits) ? q.mandatoryUnits : []),
        ...(Array.isArray(q.optionalUnits) ? q.optionalUnits : []),
        ...q.rules.flatMap((r) => ("units" in r ? r.units : [])),
      ];
      for (const id of new Set(listed))
        if (!units.has(id))
          problems.push(`${name}: qualification ${q.id} names unit ${id}, which no file defines.`);
    }
    for (const theme of data.themes)
      for (const ids of Object.values(theme.unitsByLevel))
        for (const id of ids)
          if (units.size && !units.has(id) && Number(id) < 400)
            problems.push(`${name}: theme ${theme.id} names unit ${id}, which no file defines.`);
  }

  if (problems.length)
    throw new CatalogueError(
      problems.slice(0, 5).join("\n") + (problems.length > 5 ? `\n… and ${problems.length - 5} more` : ""),
      problems,
    );

  const byLevel = (level: number) => qualifications.find((q) => q.level === level);
  return {
    qualifications,
    themes,
    units,
    guideSections,
    situations,
    assessment,
    unit: (id) => units.get(id),
    criterion: (id) => criteria.get(id),
    knowledgeItem: (id) => knowledge.get(id),
    range: (id) => ranges.get(id),
    qualificationForLevel: byLevel,
    unitsForLevel(level) {
      const q = byLevel(level);
      if (!q) return [];
      const ids = new Set([
        ...(Array.isArray(q.mandatoryUnits) ? q.mandatoryUnits : []),
        ...(Array.isArray(q.optionalUnits) ? q.optionalUnits : []),
        ...q.rules.flatMap((r) => ("units" in r ? r.units : [])),
      ]);
      return [...units.values()].filter((u) => ids.has(u.id));
    },
    criteriaOf: (unitId) => units.get(unitId)?.elements.flatMap((e) => e.criteria) ?? [],
  };
}

/** Loads every *.json file of a catalogue folder. */
export function loadCatalogueDir(dir: string = DEFAULT_CATALOGUE_DIR): Catalogue {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch {
    throw new CatalogueError(`The standards folder ${dir} cannot be read; check the installation.`);
  }
  return buildCatalogue(names.map((name) => ({ name, data: readCatalogueFile(join(dir, name)) })));
}

let shipped: Catalogue | undefined;

/** The shipped catalogue, loaded and validated once per process. */
export function loadCatalogue(): Catalogue {
  shipped ??= loadCatalogueDir();
  return shipped;
}
