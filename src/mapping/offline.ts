// The offline mapper: text → units, criteria (the few shown), knowledge, situations and ranges, from the learned model, in-process, in milliseconds.
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { decide } from "./assemble.ts";
import { gateText } from "./gate.ts";
import { type LearnedMapper, mapperFromModel, readModelFile } from "./model.ts";
import { checkPrivacy } from "./privacy.ts";
import { predict, textFeatures } from "./scorer.ts";
import { analyseText } from "./text.ts";
import type { MapOptions, MappingResult, PrivacyReport } from "./types.ts";
import { shippedVectors } from "./vectors.ts";

/** Longest text mapped, in characters; longer texts get a not-evidence result that says to split them. */
export const MAX_TEXT_CHARS = 20_000;

function emptyResult(
  text: string,
  reason: string,
  started: number,
  privacy?: PrivacyReport,
  extra: Partial<MappingResult> = {},
): MappingResult {
  return {
    isEvidence: false,
    reason,
    mapper: "offline",
    units: [],
    criteria: [],
    knowledge: [],
    ranges: [],
    situations: [],
    privacy: privacy ?? { found: [], redacted: text },
    ...extra,
    elapsedMs: performance.now() - started,
  };
}

function safePrivacy(text: string): PrivacyReport {
  try {
    return checkPrivacy(text);
  } catch {
    return { found: [], redacted: text };
  }
}

const loaded = new WeakMap<Catalogue, LearnedMapper | null>();
/** Why the model could not be loaded, when it is there but unusable (a binary part cut short, an old format). */
const loadProblems = new WeakMap<Catalogue, string>();
const WARM_UP =
  "A shopper wanted to know which aisle had the printer ink, so I walked her there, checked the stock and thanked her.";
let loadCount = 0;

/** The learned mapper for a catalogue, loaded once (model file and vectors); null when no model is shipped. */
export function learnedMapper(catalogue: Catalogue): LearnedMapper | null {
  let mapper = loaded.get(catalogue);
  if (mapper === undefined) {
    try {
      const model = readModelFile();
      mapper = model ? mapperFromModel(model, catalogue, shippedVectors()) : null;
    } catch (error) {
      loadProblems.set(catalogue, (error as Error).message);
      mapper = null;
    }
    loadCount++;
    loaded.set(catalogue, mapper);
    // One short account mapped at load builds what the scorer makes on first use (its matrices, the gate's
    // verbs), so the first real account after loading is mapped as fast as the next.
    if (mapper) mapWith(mapper, WARM_UP, { level: 2 });
  }
  return mapper;
}

/** How many times the model has been loaded in this process (the "loads once" test reads it). */
export function modelLoadCount(): number {
  return loadCount;
}

/** The units a text is mapped against: the plan's units that the catalogue knows, or every unit of the level. */
export function candidateUnits(catalogue: Catalogue, options: MapOptions): string[] {
  const known = (options.units ?? []).filter((id) => catalogue.unit(id));
  if (known.length) return [...new Set(known)];
  const level = catalogue.unitsForLevel(options.level).map((u) => u.id);
  return level.length ? level : [...catalogue.units.keys()];
}

/**
 * Maps a text to the standards. Never throws: empty, junk, foreign or chat text is "not evidence";
 * text over MAX_TEXT_CHARS is "not evidence" with a reason asking to split it.
 */
export function mapEvidence(text: string, options: MapOptions, catalogue?: Catalogue): MappingResult {
  const started = performance.now();
  const raw = typeof text === "string" ? text : "";
  try {
    if (raw.length > MAX_TEXT_CHARS)
      return emptyResult(
        raw,
        `This text is ${raw.length.toLocaleString("en-GB")} characters long, over the ${MAX_TEXT_CHARS.toLocaleString("en-GB")} that can be mapped at once. Split it into one account per piece of work and send them separately.`,
        started,
      );
    const cat = catalogue ?? loadCatalogue();
    const mapper = learnedMapper(cat);
    if (!mapper)
      return emptyResult(
        raw,
        loadProblems.get(cat) ?? "The mapper's model is missing (data/training/model); run `npm run train`.",
        started,
      );
    return mapWith(mapper, raw, options, started);
  } catch (error) {
    return emptyResult(raw, `This text could not be mapped (${(error as Error).message}).`, started);
  }
}

/** Maps with a given learned mapper: the one path the card, `shiftnote map` and the evaluation share. */
export function mapWith(
  mapper: LearnedMapper,
  raw: string,
  options: MapOptions,
  started = performance.now(),
): MappingResult {
  const catalogue = mapper.index.catalogue;
  const unitsConsidered = candidateUnits(catalogue, options);
  const gate = gateText(raw);
  const extra = {
    unitsConsidered,
    scorer: mapper.description,
    ...(options.focus === "knowledge" ? { focus: options.focus } : {}),
  };
  if (!gate.ok) return emptyResult(raw, gate.reason, started, undefined, extra);
  const text = analyseText(gate.text, mapper.index.vectors);
  // Offsets are the same in the cleaned and the original text; quote the original.
  text.analysis.text = raw;
  const gateWords = text.wordCount;
  if (gateWords < 5)
    return emptyResult(
      raw,
      "This is too short to be an account of your work: say what happened, with whom and what you did.",
      started,
      safePrivacy(raw),
      extra,
    );
  const features = textFeatures(
    mapper.index,
    mapper.index.view(),
    text,
    unitsConsidered,
    mapper.models.sentence,
  );
  const decision = decide(
    mapper.index,
    text,
    predict(features, mapper.models),
    mapper.thresholds,
    options.focus,
  );
  if (!decision.isEvidence) return emptyResult(raw, decision.reason ?? "", started, safePrivacy(raw), extra);
  return {
    isEvidence: true,
    mapper: "offline",
    ...decision.parts,
    privacy: safePrivacy(raw),
    ...extra,
    elapsedMs: performance.now() - started,
  };
}
