// The yardstick mapper: plain BM25 of the whole text over criterion text alone, restricted to the registered units.
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { Bm25Index, queryOf } from "./bm25.ts";
import { analyse } from "./nlp.ts";
import type { CriterionSuggestion, MapOptions, MappingResult, UnitSuggestion } from "./types.ts";

interface BaselineIndex {
  docs: Bm25Index;
  criteria: Array<{ id: string; unitId: string; text: string; unitTitle: string }>;
}

const built = new WeakMap<Catalogue, BaselineIndex>();

function indexOf(catalogue: Catalogue): BaselineIndex {
  let index = built.get(catalogue);
  if (index) return index;
  const docs = new Bm25Index();
  const criteria: BaselineIndex["criteria"] = [];
  for (const unit of catalogue.units.values())
    for (const element of unit.elements)
      for (const criterion of element.criteria) {
        const terms = analyse(criterion.text)
          .tokens.filter((t) => t.word && !t.stop)
          .map((t) => t.term);
        docs.add([{ terms, weight: 1 }]);
        criteria.push({ id: criterion.id, unitId: unit.id, text: criterion.text, unitTitle: unit.title });
      }
  index = { docs: docs.finalise(), criteria };
  built.set(catalogue, index);
  return index;
}

/** Ranks criteria of the registered units (or the level's) by BM25; units are those of the top three criteria. */
export function mapWithBaseline(text: string, options: MapOptions, catalogue?: Catalogue): MappingResult {
  const started = performance.now();
  const cat = catalogue ?? loadCatalogue();
  const index = indexOf(cat);
  const registered = new Set(
    options.units?.length ? options.units : cat.unitsForLevel(options.level).map((u) => u.id),
  );
  const allowed = new Uint8Array(index.criteria.length);
  index.criteria.forEach((c, i) => {
    allowed[i] = registered.has(c.unitId) ? 1 : 0;
  });
  const analysis = analyse(typeof text === "string" ? text : "");
  const terms = analysis.tokens.filter((t) => t.word && !t.stop).map((t) => t.term);
  const scores = index.docs.score(queryOf(terms), allowed);
  const order = [...scores.keys()]
    .filter((i) => (scores[i] as number) > 0)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const whole = { text: analysis.text, start: 0, end: analysis.text.length };
  const criteria: CriterionSuggestion[] = order.slice(0, 10).map((i) => {
    const c = index.criteria[i] as BaselineIndex["criteria"][number];
    return { id: c.id, unitId: c.unitId, text: c.text, score: scores[i] as number, support: whole };
  });
  const units: UnitSuggestion[] = [];
  for (const c of criteria.slice(0, 3)) {
    if (units.some((u) => u.unitId === c.unitId)) continue;
    units.push({
      unitId: c.unitId,
      title: cat.unit(c.unitId)?.title ?? c.unitId,
      score: c.score,
      support: null,
    });
  }
  return {
    isEvidence: criteria.length > 0,
    mapper: "baseline",
    units,
    criteria,
    knowledge: [],
    ranges: [],
    situations: [],
    privacy: { found: [], redacted: analysis.text },
    elapsedMs: performance.now() - started,
  };
}
