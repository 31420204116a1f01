// What the card shows for a unit, from the scorer's probabilities: a unit's situations come with something the candidate did in it.
import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, decide } from "../../src/mapping/assemble.ts";
import { learnedMapper } from "../../src/mapping/offline.ts";
import type { Predictions } from "../../src/mapping/scorer.ts";
import { analyseText } from "../../src/mapping/text.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const catalogue = loadCatalogue();
const mapper = learnedMapper(catalogue);
if (!mapper) throw new Error("the shipped model did not load: run npm run train");
const index = mapper.index;

const text = analyseText(
  "Saturday was packed and the queue reached the door. A regular asked whether her order had come in, so I checked the system, found it in the back and rang it through for her.",
  null,
);

/** The scorer's answer for a story that is a busy period: unit 206 likely, each of its criteria unlikely. */
function predictions(situationP: number): Predictions {
  const unit = index.units.get("206");
  if (!unit) throw new Error("unit 206 is not in the catalogue");
  return {
    notEvidence: 0.01,
    units: new Map([["206", 0.9]]),
    targets: unit.criteria.map((target, i) => ({
      target,
      unitId: "206",
      kind: "criterion" as const,
      p: 0.3 - i * 0.01,
      bestSegment: 1,
      quoteSegment: 1,
    })),
    situations: [
      {
        situation: "busy_period",
        p: situationP,
        sentence: 0.9,
        bestSegment: 0,
        cueSegment: 0,
        cues: 2,
        negatedCues: 0,
      },
    ],
  };
}

const thresholds = { ...DEFAULT_THRESHOLDS, show: 0.5, minShown: 0 };

describe("a unit with situations on the card", () => {
  it("shows the unit's likeliest criterion with its ranges, even under the shown mark", () => {
    const d = decide(index, text, predictions(0.9), thresholds);
    expect(d.parts.ranges.map((r) => r.id)).toContain("206.ER4.b");
    const shown = d.parts.criteria.filter((c) => c.shown);
    expect(shown.map((c) => c.id)).toEqual([index.targets[index.units.get("206")?.criteria[0] ?? -1]?.id]);
    expect(shown[0]?.support.text).toBe("A regular asked whether her order had come in");
  });

  it("shows no criterion under the mark when the unit has no situation to show either", () => {
    const d = decide(index, text, predictions(0.01), thresholds);
    expect(d.parts.ranges).toEqual([]);
    expect(d.parts.criteria.filter((c) => c.shown)).toEqual([]);
  });

  it("still keeps to the card's cap on claims", () => {
    const d = decide(index, text, predictions(0.9), { ...thresholds, maxShown: 0 });
    expect(d.parts.criteria.filter((c) => c.shown)).toEqual([]);
  });
});
