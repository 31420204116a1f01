// The trainer on a small corpus written for this test: deterministic (same seed, same model bytes), and the model it writes maps.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../../src/mapping/corpus.ts";
import { mapperFromModel, modelHash, parseModel, serialiseModel } from "../../src/mapping/model.ts";
import { mapWith } from "../../src/mapping/offline.ts";
import { train } from "../../src/mapping/train.ts";
import { formatUnitBreakdown } from "../../src/mapping/train-cv.ts";
import { shippedVectors } from "../../src/mapping/vectors.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/corpus", import.meta.url));

describe("npm run train", { timeout: 60_000 }, () => {
  const catalogue = loadCatalogue();
  const corpus = readCorpus(FIXTURE);

  it("reads the corpus folder's sentences and accounts", () => {
    expect(corpus.sentences.length).toBe(14);
    expect(corpus.accounts.length).toBe(6);
    expect(corpus.skipped).toEqual([]);
  });

  it("gives the same model bytes for the same seed, and another model for another seed", () => {
    const a = serialiseModel(train(catalogue, shippedVectors(), corpus, { seed: 7, synthetic: 10 }).model);
    const b = serialiseModel(train(catalogue, shippedVectors(), corpus, { seed: 7, synthetic: 10 }).model);
    const c = serialiseModel(train(catalogue, shippedVectors(), corpus, { seed: 8, synthetic: 10 }).model);
    expect(modelHash(a.json)).toBe(modelHash(b.json));
    expect(modelHash(a.binary)).toBe(modelHash(b.binary));
    expect(modelHash(c.json)).not.toBe(modelHash(a.json));
  });

  it("writes a model that maps, keeping the corpus counts and cross-validation figures", () => {
    const { model } = train(catalogue, shippedVectors(), corpus, { seed: 7 });
    expect(model.file.counts).toEqual({ sentences: 14, accounts: 4, notEvidence: 2 });
    expect(Object.keys(model.file.crossValidation)).toEqual(
      expect.arrayContaining(["register", "workplace", "thresholds"]),
    );
    // The unit model is boosted trees on top of its logistic logit, stored in the same file.
    expect(model.file.models.unit).toHaveProperty("trees");
    expect(model.file.models.unit).toHaveProperty("base.weights");
    const { json, binary } = serialiseModel(model);
    const mapper = mapperFromModel(parseModel(json, binary), catalogue, shippedVectors());
    const result = mapWith(
      mapper,
      "It was a busy Saturday and I said hello to the regulars by name while the queue grew.",
      {
        level: 2,
        units: ["201", "205", "213"],
      },
    );
    expect(result.unitsConsidered).toEqual(["201", "205", "213"]);
    expect(result.scorer).toMatch(/14 sentences, 4 accounts, seed 7/);
  });

  it("reports each unit's held-out gold count, precision, recall and F1, the units losing most first", () => {
    const { model, report } = train(catalogue, shippedVectors(), corpus, { seed: 7 });
    expect(report).toMatch(/by unit \(all held out, most F1 lost first\):/);
    expect(report).toMatch(
      /^ {4}\d\w* +gold= *\d+ chosen= *\d+ precision=\d\.\d{3} recall=\d\.\d{3} f1=\d\.\d{3} lost=/m,
    );
    const register = model.file.crossValidation.register as { byUnit: Record<string, { gold: number }> };
    const gold = Object.values(register.byUnit).reduce((a, r) => a + r.gold, 0);
    expect(gold).toBeGreaterThan(0);
    expect(
      formatUnitBreakdown({
        "105": { gold: 10, chosen: 2, hits: 2 },
        "201": { gold: 20, chosen: 20, hits: 18 },
      }).map((l) => l.trim().slice(0, 3)),
    ).toEqual(["105", "201"]);
  });
});
