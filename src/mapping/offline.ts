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
/**
 * Accounts mapped when the model loads, in the shapes candidates send (a short one, a long typed story, a
 * voice transcript, a team leader's testimony), against every unit of the catalogue: they build what the
 * scorer makes on first use (its matrices, the gate's verbs, every situation's cue lemmas) and give the JIT
 * compiler the scorer's loops to optimise, so the first real accounts after loading are mapped about as
 * fast as the ones after them (about 250 ms more at start-up than one short account).
 */
const WARM_UP = [
  "A shopper wanted to know which aisle had the printer ink, so I walked her there, checked the stock and thanked her.",
  "It had been raining since first thing, so the garden centre was nearly empty when an elderly man walked in shaking his umbrella. He said he had bought a bird table from us the week before and two of the legs had split along the grain. I told him that should not happen and wondered whether he still had the receipt. He did not, but he remembered paying by card, so I looked the sale up on the till by the date and the last four digits. While I was doing that he told me the table had been a present for his wife and she was upset. I checked the returns policy pinned up in the back office, because damaged goods inside thirty days can be swapped without a manager, and offered him a new one or his money back. He picked the swap. There were none left out front, so I phoned the warehouse, found one on the next van and booked it for Thursday. I wrote the order number on a card for him and said I would ring him if the van was late. He shook my hand on the way out and said he would be back for the bird seed.",
  "ok so um basically this lady phones up and shes like really stressed cos her gas has been cut off and she has two little ones at home and its freezing so i said right lets get this sorted and i took her account number and i could see the payment hadnt gone through cos the bank card had expired so i explained that to her nice and slowly and she was like oh no i didnt even know and i took a new card payment over the phone and then i rang the engineers line to get her back on the same day and they said before six so i got back to her with the news and she said thanks so much you have been a star honestly",
  "As the duty manager I watched Marcus handle a difficult situation at the hotel front desk on Saturday evening. A couple turned up and discovered their booking had been made for the wrong night and the hotel was full. He stayed calm, apologised, and listened to them without interrupting. He checked our sister hotel's availability, reserved a room there at the same rate, and arranged a taxi which we paid for. He explained each step to them clearly and gave them a letter for their next stay. I was impressed by how he kept to our policy on refunds and still made them feel looked after.",
];
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
    if (mapper) {
      const units = [...catalogue.units.keys()];
      for (const text of WARM_UP) mapWith(mapper, text, { level: 2, units });
    }
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
    options.writer === "observer",
    // The features are done with once the decision is made, before the next text: their buffers are reused.
    true,
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
