// Boosted trees for the mapper's text-level models: they learn an interaction a logistic model cannot, the same seed gives the same trees, and the stored form scores as the fitted one does.
import { describe, expect, it } from "vitest";
import { fitLogistic, linear } from "../../src/mapping/logistic.ts";
import { random } from "../../src/mapping/random.ts";
import { fitBoosted, logLoss, margin, treeValue } from "../../src/mapping/trees.ts";

/** Rows of `d` features in [-1, 1]; the label is whether the first two have the same sign (XOR-like). */
function xorRows(n: number, d: number, seed: number) {
  const rng = random(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: d }, () => rng() * 2 - 1);
    rows.push(x);
    labels.push((x[0] as number) * (x[1] as number) > 0 ? 1 : 0);
  }
  return { rows, labels };
}

const options = { depth: 2, rounds: 80, shrinkage: 0.2, subsample: 0.8, seed: 3 };

describe("boosted trees", () => {
  it("learn an interaction of two features that a logistic model cannot", () => {
    const train = xorRows(600, 4, 1);
    const test = xorRows(400, 4, 2);
    const linear = fitLogistic(train.rows, train.labels);
    const boosted = fitBoosted(train.rows, train.labels, options, linear);
    const linearLoss = logLoss(linear, test.rows, test.labels);
    const boostedLoss = logLoss(boosted, test.rows, test.labels);
    // A logistic model can do no better than a coin here (log-loss near ln 2 ≈ 0.69).
    expect(linearLoss).toBeGreaterThan(0.6);
    expect(boostedLoss / linearLoss).toBeLessThan(0.5);
  });

  it("give the same trees for the same seed, and others for another seed", () => {
    const { rows, labels } = xorRows(300, 3, 5);
    const a = JSON.stringify(fitBoosted(rows, labels, options));
    const b = JSON.stringify(fitBoosted(rows, labels, options));
    const c = JSON.stringify(fitBoosted(rows, labels, { ...options, seed: 4 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("score from their stored JSON as when fitted, with rounded thresholds and leaves", () => {
    const { rows, labels } = xorRows(300, 25, 6);
    const model = fitBoosted(rows, labels, { ...options, depth: 3 }, fitLogistic(rows, labels));
    const text = JSON.stringify(model);
    const stored = JSON.parse(text);
    for (const x of rows.slice(0, 50)) expect(margin(stored, x)).toBe(margin(model, x));
    const numbers = model.trees.flat(2);
    expect(numbers.every((v) => Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6)).toBe(true);
    expect(model.trees).toHaveLength(options.rounds);
    expect(Math.max(...model.trees.map((t) => t.length))).toBeLessThanOrEqual(15);
  });

  it("score as walking each tree's nodes in turn does, to the last bit", () => {
    const { rows, labels } = xorRows(300, 6, 8);
    const model = fitBoosted(rows, labels, { ...options, depth: 4 }, fitLogistic(rows, labels));
    for (const x of xorRows(100, 6, 9).rows) {
      let z = linear(model.base, x);
      for (const t of model.trees) z += treeValue(t, x);
      expect(margin(model, x)).toBe(z);
    }
  });

  it("read a feature a row lacks as zero, so a shorter row still scores", () => {
    const { rows, labels } = xorRows(200, 3, 7);
    const model = fitBoosted(rows, labels, options);
    expect(Number.isFinite(margin(model, [0.5]))).toBe(true);
    expect(margin(model, [0.5])).toBe(margin(model, [0.5, 0, 0]));
  });

  it("keep to the logistic model's logit when there is nothing to learn", () => {
    const base = { weights: [0.5, -1] };
    const model = fitBoosted([], [], options, base);
    expect(margin(model, [2])).toBe(0);
    expect(model.trees).toEqual([]);
  });
});
