// The zod schema of a standards catalogue file in data/standards/: what a centre may write to add a qualification.
import { z } from "zod";

/** Unit ids: City & Guilds numbers (`205`) or Level 1 numbers that have none (`2a`, `3`). */
export const unitIdSchema = z.string().regex(/^(?:\d{3}|\d{1,2}[a-z]?)$/, "a unit id such as 205, 2a or 3");
const pcId = /^(?:\d{3}|\d{1,2}[a-z]?)\.\d+\.\d+$/;
const knowledgeId = /^(?:\d{3}|\d{1,2}[a-z]?)\.K\.[a-z]{1,2}$/;
const erId = /^(?:\d{3}|\d{1,2}[a-z]?)\.ER\d+$/;
const rangeId = /^(?:\d{3}|\d{1,2}[a-z]?)\.ER\d+\.[a-z]$/;
const situationId = z.string().regex(/^[a-z][a-z0-9_]*$/, "a snake_case situation id such as busy_period");

/** Where in the seeds a fact was read, e.g. "004 p.12" or "001 unit 205". */
const source = z.string().min(1);

/** A place where the printed source is wrong or ambiguous: kept, not silently fixed. */
export const erratumSchema = z.object({
  source,
  printed: z.string(),
  recorded: z.string(),
  note: z.string(),
});

export const performanceCriterionSchema = z.object({
  id: z.string().regex(pcId, "a criterion id such as 205.1.2"),
  text: z.string().min(3),
});

export const elementSchema = z.object({
  id: z.string().regex(/^(?:\d{3}|\d{1,2}[a-z]?)\.\d+$/, "an element id such as 205.1"),
  title: z.string().min(3),
  criteria: z.array(performanceCriterionSchema).min(1),
});

export const knowledgeItemSchema = z.object({
  id: z.string().regex(knowledgeId, "a knowledge item id such as 205.K.a"),
  text: z.string().min(3),
  /** Best Practice Guide sections that teach it (000's knowledge matrix), e.g. ["3.2", "4.2"]. */
  guideSections: z.array(z.string().regex(/^\d+\.\d+$/)).default([]),
});

export const rangeSchema = z.object({
  id: z.string().regex(rangeId, "a range id such as 205.ER4.b"),
  text: z.string().min(3),
  /** The situation this range describes; must be one of the catalogue's situations. */
  situation: situationId,
});

export const evidenceRequirementSchema = z.object({
  id: z.string().regex(erId, "an evidence requirement id such as 205.ER4"),
  text: z.string().min(3),
  ranges: z.array(rangeSchema).default([]),
});

export const unitSchema = z.object({
  id: unitIdSchema,
  /** ICS unit number (Unit 13 = C&G 205); null where the seeds give none. */
  icsUnit: z.number().int().positive().nullable(),
  /** Ofqual/QCA unit reference where printed. */
  qcaRef: z.string().nullable().default(null),
  title: z.string().min(3),
  level: z.number().int().min(1).max(4),
  /** Theme id; null where the seeds do not place the unit in a theme. */
  theme: z.string().nullable(),
  summary: z.string().default(""),
  /** Whether the seeds print this unit's standards (criteria); units only listed in a structure have none. */
  standardsInSeeds: z.boolean(),
  /** Evidence from a realistic working environment or work placement: allowed, not allowed, or not stated. */
  realisticWorkingEnvironment: z.enum(["allowed", "not_allowed", "unknown"]),
  simulation: z.enum(["allowed", "not_allowed", "unknown"]),
  elements: z.array(elementSchema).default([]),
  knowledge: z.array(knowledgeItemSchema).default([]),
  keyWords: z.array(z.string().min(2)).default([]),
  evidenceRequirements: z.array(evidenceRequirementSchema).default([]),
  sources: z.array(source).min(1),
  errata: z.array(erratumSchema).default([]),
});

/** A count or a list that the seeds either state or do not: unknown is recorded, never invented. */
const knownOrUnknown = <T extends z.ZodType>(inner: T) =>
  z.union([inner, z.object({ unknown: z.literal(true), note: z.string() })]);

export const structureRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("totalUnits"), count: z.number().int().positive(), source }),
  z.object({ kind: z.literal("mandatory"), units: z.array(unitIdSchema).min(1), source }),
  z.object({
    kind: z.literal("chooseFrom"),
    units: z.array(unitIdSchema).min(1),
    min: z.number().int().min(0),
    max: z.number().int().min(0),
    description: z.string(),
    source,
  }),
  z.object({
    kind: z.literal("atLeastOnePerTheme"),
    themes: z.array(z.string()).min(1),
    /** Which units the rule counts (e.g. only optional units). */
    among: z.enum(["optional", "all"]),
    source,
  }),
  z.object({
    kind: z.literal("maxFromLevel"),
    level: z.number().int().min(1).max(4),
    max: z.number().int().min(0),
    description: z.string(),
    source,
  }),
]);

export const qualificationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(3),
  level: z.number().int().min(1).max(4),
  awardingBody: z.string(),
  /** Every unit a plan may contain, mandatory or optional. */
  mandatoryUnits: knownOrUnknown(z.array(unitIdSchema)),
  optionalUnits: knownOrUnknown(z.array(unitIdSchema)),
  totalUnits: knownOrUnknown(z.number().int().positive()),
  rules: z.array(structureRuleSchema).default([]),
  /** What the seeds leave open, recorded in words. */
  unknowns: z.array(z.string()).default([]),
  sources: z.array(source).min(1),
});

export const themeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z_]*$/),
  title: z.string(),
  description: z.string().default(""),
  /** Unit ids in this theme at each level, as Appendix 3 of 001 lists them. */
  unitsByLevel: z.record(z.string().regex(/^[1-4]$/), z.array(unitIdSchema)),
});

export const guideSectionSchema = z.object({
  id: z.string().regex(/^\d+\.\d+$/),
  title: z.string().min(2),
  module: z.number().int().positive(),
  moduleTitle: z.string().min(2),
});

export const situationSchema = z.object({
  id: situationId,
  label: z.string(),
  /** Situations that cannot hold at once in one account (busy vs quiet). */
  opposite: situationId.optional(),
  /** Phrases candidates use for it; the mapper's detector reads these. */
  cues: z.array(z.string().min(2)).default([]),
});

export const assessmentSchema = z.object({
  evidenceMethods: z.array(z.object({ id: z.string(), label: z.string() })),
  witnessStatusCategories: z
    .array(z.object({ category: z.number().int().min(1).max(5), label: z.string(), description: z.string() }))
    .length(5),
  witnessRules: z.array(z.object({ id: z.string(), text: z.string(), source })),
  expertWitnessRequirements: z.array(z.object({ id: z.string(), text: z.string(), source })),
});

/** One file of data/standards/: every part is optional so files can split the catalogue as they like. */
export const catalogueFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    qualifications: z.array(qualificationSchema).default([]),
    themes: z.array(themeSchema).default([]),
    units: z.array(unitSchema).default([]),
    guideSections: z.array(guideSectionSchema).default([]),
    situations: z.array(situationSchema).default([]),
    assessment: assessmentSchema.optional(),
  })
  .strict();

export type CatalogueFile = z.infer<typeof catalogueFileSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type Element = z.infer<typeof elementSchema>;
export type PerformanceCriterion = z.infer<typeof performanceCriterionSchema>;
export type KnowledgeItem = z.infer<typeof knowledgeItemSchema>;
export type EvidenceRequirement = z.infer<typeof evidenceRequirementSchema>;
export type Range = z.infer<typeof rangeSchema>;
export type Qualification = z.infer<typeof qualificationSchema>;
export type StructureRule = z.infer<typeof structureRuleSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type GuideSection = z.infer<typeof guideSectionSchema>;
export type Situation = z.infer<typeof situationSchema>;
export type Assessment = z.infer<typeof assessmentSchema>;
