// The criterion classifier: the shipped one tells a unit's criteria apart in an unseen account, and fitting and storing it keep its answers.
import { describe, expect, it } from "vitest";
import {
  type CriterionClassifier,
  criterionClassifierScores,
  criterionClassifiers,
  fitCriterionClassifier,
  packCriterionClassifier,
  unpackCriterionClassifier,
} from "../../src/mapping/criterion-classifier.ts";
import { learnedMapper } from "../../src/mapping/offline.ts";
import { analyseText } from "../../src/mapping/text.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

// Written for this test: a phone call with a hold and a promised call back that was kept.
const CALL =
  "A gentleman rang about the balance on his pension statement. " +
  "I said I needed a few minutes to find his file and checked he was happy to hold, then came back to him twice to say where I had got to. " +
  "The figures needed a colleague to sign them off, so I promised to ring him back before five. " +
  "I called him back at half past four, as I had said I would, and went through the figures with him.";

const HOLD = "209.1.2";
const CALL_BACK = "209.1.6";

describe("criterion classifier", { timeout: 60_000 }, () => {
  const mapper = learnedMapper(loadCatalogue());
  if (!mapper) throw new Error("The shipped model is missing: run `npm run train`.");
  const { index } = mapper;
  const text = analyseText(CALL, index.vectors);
  const ranked = (scores: ReturnType<typeof criterionClassifierScores>, key: "whole" | "bestSentence") =>
    [...scores]
      .filter(([t]) => index.targets[t]?.unitId === "209")
      .sort((a, b) => b[1][key] - a[1][key])
      .map(([t]) => index.targets[t]?.id);

  it("puts the hold and the kept call back first among the telephone unit's targets", () => {
    const scores = criterionClassifierScores(index, index.view(), text, ["201", "209"]);
    expect(ranked(scores, "bestSentence").slice(0, 3)).toEqual(expect.arrayContaining([HOLD, CALL_BACK]));
    // Probabilities within one unit: each unit's add up to one.
    const sum = [...scores]
      .filter(([t]) => index.targets[t]?.unitId === "209")
      .reduce((a, [, s]) => a + s.whole, 0);
    expect(sum).toBeCloseTo(1, 5);
    // A unit not among the candidates is not scored.
    expect([...scores.keys()].every((t) => ["201", "209"].includes(index.targets[t]?.unitId ?? ""))).toBe(
      true,
    );
  });

  it("fits the same weights for the same seed, and ranks the same once stored as int8", () => {
    const view = index.view();
    const a = fitCriterionClassifier(index, view, [], 11);
    const b = fitCriterionClassifier(index, view, [], 11);
    const part = (c: CriterionClassifier) => c.parts.get("209");
    expect([...(part(a)?.weights ?? [])]).toEqual([...(part(b)?.weights ?? [])]);
    expect(part(a)?.rows.length).toBeGreaterThan(50);
    const packed = packCriterionClassifier(index, a);
    const stored = unpackCriterionClassifier(index, packed.stored, packed.arrays);
    // Scored through two views of their own: the fitted classifier and its stored copy.
    const fittedView = index.view("criterion-test-fitted");
    const storedView = index.view("criterion-test-stored");
    criterionClassifiers.use(fittedView, a);
    criterionClassifiers.use(storedView, stored);
    const one = criterionClassifierScores(index, fittedView, text, ["209"]);
    const two = criterionClassifierScores(index, storedView, text, ["209"]);
    expect(ranked(two, "whole").slice(0, 3)).toEqual(ranked(one, "whole").slice(0, 3));
    for (const [t, s] of one) expect(two.get(t)?.whole).toBeCloseTo(s.whole, 1);
    // Stored again, the loaded copy gives back the same bytes.
    const again = packCriterionClassifier(index, stored);
    expect([...again.arrays.weights]).toEqual([...packed.arrays.weights]);
    expect([...again.arrays.rows]).toEqual([...packed.arrays.rows]);
    expect(again.stored.units.map((u) => u.scale)).toEqual(packed.stored.units.map((u) => u.scale));
  });
});
