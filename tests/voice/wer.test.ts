// Word error rate: normalisation and the word-level edit distance behind the voice benchmarks.
import { describe, expect, it } from "vitest";
import { corpusWer, normaliseWords, wordErrors } from "../../src/voice/wer.ts";

describe("normaliseWords", () => {
  it("ignores case, punctuation and apostrophes", () => {
    expect(normaliseWords("I didn't — honestly! — know the customer’s NAME.")).toEqual([
      "i",
      "didnt",
      "honestly",
      "know",
      "the",
      "customers",
      "name",
    ]);
    expect(normaliseWords("  ")).toEqual([]);
    expect(normaliseWords("café re-opened")).toEqual(["cafe", "re", "opened"]);
  });
});

describe("wordErrors", () => {
  it("is zero for the same words, whatever the punctuation", () => {
    expect(wordErrors("Rang her back, then.", "rang her back then")).toMatchObject({
      wer: 0,
      referenceWords: 4,
    });
  });

  it("counts a substitution, a deletion and an insertion", () => {
    const e = wordErrors(
      "she rang the card machine kept freezing today",
      "he rang card machine kept freezing all today",
    );
    expect(e).toMatchObject({ substitutions: 1, deletions: 1, insertions: 1, referenceWords: 8 });
    expect(e.wer).toBeCloseTo(3 / 8);
  });

  it("can exceed one when the transcript adds more than the reference had", () => {
    expect(wordErrors("yes", "yes yes yes").wer).toBe(2);
    expect(wordErrors("", "").wer).toBe(0);
    expect(wordErrors("", "noise").wer).toBe(1);
    expect(wordErrors("all gone", "").wer).toBe(1);
  });

  it("finds the cheapest alignment, not a greedy one", () => {
    // Shifting by one word costs one deletion and one insertion, not four substitutions.
    const e = wordErrors("a b c d", "b c d e");
    expect(e.substitutions + e.deletions + e.insertions).toBe(2);
  });
});

describe("corpusWer", () => {
  it("weights by reference length, not the mean of per-text rates", () => {
    const rate = corpusWer([
      { reference: "one two three four", hypothesis: "one two three four" },
      { reference: "five", hypothesis: "six" },
    ]);
    expect(rate).toBeCloseTo(1 / 5);
    expect(corpusWer([])).toBe(0);
  });
});
