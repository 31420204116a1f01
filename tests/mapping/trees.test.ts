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

/**
 * Groups of rows (one account's candidates) where a feature orders each group one way and the groups the
 * other: within a group the positives have the larger x0, but groups with more positives have smaller x0
 * throughout, so across all rows a smaller x0 means a positive more often.
 */
function groupedRows(groups: number, seed: number) {
  const rng = random(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  const group: number[] = [];
  for (let g = 0; g < groups; g++) {
    const shift = 3 * rng();
    for (let k = 0; k < 8; k++) {
      const y = rng() < 0.1 + 0.25 * shift ? 1 : 0;
      rows.push([-shift + 0.5 * y + 0.3 * (rng() - 0.5), rng()]);
      labels.push(y);
      group.push(g);
    }
  }
  return { rows, labels, group };
}

/** Of the pairs of a positive and a negative row in the same group, the share the model orders right. */
function withinGroupAuc(model: Parameters<typeof margin>[0], data: ReturnType<typeof groupedRows>) {
  let right = 0;
  let pairs = 0;
  data.rows.forEach((x, i) => {
    data.rows.forEach((z, j) => {
      if (data.group[i] !== data.group[j] || !data.labels[i] || data.labels[j]) return;
      pairs++;
      if (margin(model, x) > margin(model, z)) right++;
    });
  });
  return right / pairs;
}

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

  it("with a ranking loss, order each group's rows as the group's labels do, where log-loss alone orders them backwards", () => {
    const train = groupedRows(300, 11);
    const test = groupedRows(200, 12);
    const pointwise = fitBoosted(train.rows, train.labels, options, undefined, train.group);
    const ranking = fitBoosted(train.rows, train.labels, { ...options, pairwise: 3 }, undefined, train.group);
    expect(withinGroupAuc(pointwise, test)).toBeLessThan(0.5);
    expect(withinGroupAuc(ranking, test)).toBeGreaterThan(0.8);
  });

  it("keep to the logistic model's logit when there is nothing to learn", () => {
    const base = { weights: [0.5, -1] };
    const model = fitBoosted([], [], options, base);
    expect(margin(model, [2])).toBe(0);
    expect(model.trees).toEqual([]);
  });
});
