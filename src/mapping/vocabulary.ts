// The mapper's curated vocabulary: data/vocabulary/*.json, everyday phrases per unit, criterion, knowledge item and situation.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Catalogue } from "../standards/catalogue.ts";

/** The folder holding the shipped vocabulary. */
export const DEFAULT_VOCABULARY_DIR = resolve(
  fileURLToPath(new URL("../../data/vocabulary", import.meta.url)),
);

const unitId = /^(?:\d{3}|\d{1,2}[a-z]?)$/;
const pcId = /^(?:\d{3}|\d{1,2}[a-z]?)\.\d+\.\d+$/;
const knowledgeId = /^(?:\d{3}|\d{1,2}[a-z]?)\.K\.[a-z]{1,2}$/;
const phrases = z.array(z.string().trim().min(2)).min(1);
const keyed = (pattern: RegExp, what: string) =>
  z.record(z.string().regex(pattern, `a ${what} id`), phrases).default({});

/**
 * One vocabulary file. Phrases are how candidates and witnesses describe the work in their own words,
 * written from the standards' wording and the Best Practice Guide, never copied from evaluation texts.
 */
export const vocabularyFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** Phrases that point to a unit as a whole (its setting or topic: "on the phone", "at their house"). */
    units: keyed(unitId, "unit"),
    /** Phrases that show a performance criterion being done. */
    criteria: keyed(pcId, "performance criterion"),
    /** Phrases that show a knowledge item being understood or used. */
    knowledge: keyed(knowledgeId, "knowledge item"),
    /** Extra cues for the catalogue's situations, added to its own. */
    situations: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, "a situation id"), phrases).default({}),
    /**
     * Units about a channel of contact (face to face, telephone, writing): most accounts happen on
     * one of them, so such a unit needs more than the channel's words to be suggested.
     */
    channelUnits: z.array(z.string().regex(unitId, "a unit id")).default([]),
    /** Cues of chat that is not evidence: shift swaps, pay, rota, portfolio admin, thanks, small talk. */
    notEvidence: z
      .object({
        topics: z.array(z.string().min(2)).default([]),
        chat: z.array(z.string().min(2)).default([]),
      })
      .optional(),
  })
  .strict();

export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;

/** The merged vocabulary. */
export interface Vocabulary {
  units: Map<string, string[]>;
  criteria: Map<string, string[]>;
  knowledge: Map<string, string[]>;
  situations: Map<string, string[]>;
  channelUnits: Set<string>;
  notEvidenceTopics: string[];
  notEvidenceChat: string[];
}

/** A vocabulary file that does not parse; the message names the file and the path. */
export class VocabularyError extends Error {
  override name = "VocabularyError";
}

function add(into: Map<string, string[]>, record: Record<string, string[]>): void {
  for (const [id, list] of Object.entries(record)) into.set(id, [...(into.get(id) ?? []), ...list]);
}

/** Reads and validates every *.json file of a vocabulary folder and merges them. */
export function loadVocabulary(dir: string = DEFAULT_VOCABULARY_DIR): Vocabulary {
  const vocabulary: Vocabulary = {
    units: new Map(),
    criteria: new Map(),
    knowledge: new Map(),
    situations: new Map(),
    channelUnits: new Set(),
    notEvidenceTopics: [],
    notEvidenceChat: [],
  };
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch {
    return vocabulary;
  }
  for (const name of names) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), "utf8"));
    } catch (error) {
      throw new VocabularyError(`${name}: is not valid JSON (${(error as Error).message}).`);
    }
    const parsed = vocabularyFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new VocabularyError(`${name}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`);
    }
    const file = parsed.data;
    add(vocabulary.units, file.units);
    add(vocabulary.criteria, file.criteria);
    add(vocabulary.knowledge, file.knowledge);
    add(vocabulary.situations, file.situations);
    for (const id of file.channelUnits) vocabulary.channelUnits.add(id);
    vocabulary.notEvidenceTopics.push(...(file.notEvidence?.topics ?? []));
    vocabulary.notEvidenceChat.push(...(file.notEvidence?.chat ?? []));
  }
  return vocabulary;
}

/** Ids the vocabulary names that the catalogue does not define: a test keeps this empty. */
export function unknownVocabularyIds(vocabulary: Vocabulary, catalogue: Catalogue): string[] {
  const unknown: string[] = [];
  for (const id of vocabulary.units.keys()) if (!catalogue.unit(id)) unknown.push(id);
  for (const id of vocabulary.criteria.keys()) if (!catalogue.criterion(id)) unknown.push(id);
  for (const id of vocabulary.knowledge.keys()) if (!catalogue.knowledgeItem(id)) unknown.push(id);
  for (const id of vocabulary.situations.keys()) if (!catalogue.situations.has(id)) unknown.push(id);
  for (const id of vocabulary.channelUnits) if (!catalogue.unit(id)) unknown.push(id);
  return unknown;
}

let shipped: Vocabulary | undefined;

/** The shipped vocabulary, loaded once per process. */
export function shippedVocabulary(): Vocabulary {
  shipped ??= loadVocabulary();
  return shipped;
}
