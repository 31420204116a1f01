// Choosing the situations present: a situation with a bar of its own (chosen by the cross-validation) needs that probability, the others the common one.
import { describe, expect, it } from "vitest";
import { chooseSituations, DEFAULT_THRESHOLDS, type Thresholds } from "../../src/mapping/assemble.ts";
import type { Predictions } from "../../src/mapping/scorer.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const catalogue = loadCatalogue();

/** Predictions with the given situations, each said by two catalogue cues. */
function predictions(situations: Record<string, number>): Predictions {
  return {
    notEvidence: 0,
    units: new Map([["205", 0.9]]),
    targets: [],
    situations: Object.entries(situations).map(([situation, p]) => ({
      situation,
      p,
      sentence: 0.6,
      bestSegment: 0,
      cueSegment: 0,
      cues: 2,
      negatedCues: 0,
    })),
  };
}

const ids = (p: Predictions, t: Thresholds) => chooseSituations(p, t, catalogue).map((s) => s.situation);

describe("chooseSituations: per-situation bars", () => {
  const common: Thresholds = { ...DEFAULT_THRESHOLDS, situation: 0.2, situationCues: 0.1 };
  const p = predictions({ customer_asked: 0.35, let_down: 0.15 });

  it("keeps the common bars when the model has none of its own", () => {
    expect(ids(p, common)).toEqual(["customer_asked", "let_down"]);
  });

  it("holds back a situation whose own bar is higher, and lets one through whose own bar is lower", () => {
    const t = {
      ...common,
      situation: 0.3,
      situationCues: 0.3,
      situationBy: { customer_asked: 0.5, let_down: 0.05 },
    };
    expect(ids(p, t)).toEqual(["let_down"]);
  });
});
