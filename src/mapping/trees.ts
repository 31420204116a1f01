// Small gradient-boosted regression trees for a yes/no label (log-loss), boosted from a logistic model's logit: fitting, the compact stored form and scoring.
import { type LogisticModel, linear } from "./logistic.ts";
import { random } from "./random.ts";

/**
 * One tree as a flat list of nodes, the root first: a split is `[feature, threshold, left, right]` (a row
 * whose feature is at most the threshold goes to the node at `left`, others to `right`); a leaf is `[value]`.
 */
export type Tree = number[][];

/** A logistic model's logit plus the trees' sum: the margin is `w·x + bias + Σ tree(x)`. */
export interface BoostedModel {
  base: LogisticModel;
  trees: Tree[];
}

/** A text-level model: a logistic regression, or one with boosted trees on top. */
export type TextModel = LogisticModel | BoostedModel;

export const isBoosted = (m: TextModel): m is BoostedModel => "trees" in m;

/** The value of one tree for a row (a feature the row lacks reads as 0). */
export function treeValue(tree: Tree, x: ArrayLike<number>): number {
  let node = tree[0] as number[];
  while (node.length === 4) {
    const v = (x[node[0] as number] as number | undefined) ?? 0;
    node = tree[(v <= (node[1] as number) ? node[2] : node[3]) as number] as number[];
  }
  return node[0] as number;
}

/** A tree's nodes as nested conditional expressions (null when a node is not well formed). */
function treeSource(tree: Tree, at: number, depth: number): string | null {
  const node = tree[at];
  if (!node || depth > 64) return null;
  if (node.length === 1) return Number.isFinite(node[0]) ? String(node[0]) : null;
  const [f, t, l, r] = node as [number, number, number, number];
  if (node.length !== 4 || !Number.isInteger(f) || f < 0 || !Number.isFinite(t)) return null;
  const left = treeSource(tree, l, depth + 1);
  const right = treeSource(tree, r, depth + 1);
  return left === null || right === null ? null : `((x[${f}] ?? 0) <= ${t} ? ${left} : ${right})`;
}

/** Adds the trees' values to `z` one tree after another (the order the training's scores were summed in). */
type Scorer = (x: ArrayLike<number>, z: number) => number;

const compiledTrees = new WeakMap<BoostedModel, Scorer>();

/**
 * Trees per generated function. One function for all 150 or 200 trees cost V8's optimising compiler so much
 * working memory that the process kept about 14 MB more resident after it, and it ran slower (unit model
 * 3.6–4.1 µs a row against 0.9–1.1 µs in functions of ten trees).
 */
const TREES_PER_FUNCTION = 10;

/**
 * The trees' sum as a few generated functions of nested comparisons (only numbers from the model go into
 * them, each checked finite): V8 compiles them to straight-line code, several times faster than walking the
 * nodes. A model whose nodes are not well formed is walked instead.
 */
function compile(model: BoostedModel): Scorer {
  const parts: string[] = [];
  for (const tree of model.trees) {
    const source = treeSource(tree, 0, 0);
    if (source === null) {
      const walk: Scorer = (x, z) => model.trees.reduce((sum, t) => sum + treeValue(t, x), z);
      compiledTrees.set(model, walk);
      return walk;
    }
    parts.push(source);
  }
  const chunks: Scorer[] = [];
  for (let i = 0; i < parts.length; i += TREES_PER_FUNCTION) {
    const sum = parts.slice(i, i + TREES_PER_FUNCTION).map((p) => ` + ${p}`);
    chunks.push(new Function("x", "z", `return z${sum.join("")};`) as Scorer);
  }
  // Each function adds its trees to what the one before returned: the same sum, term by term, in the same order.
  const scorer: Scorer =
    chunks.length === 1
      ? (chunks[0] as Scorer)
      : (x, z) => {
          let sum = z;
          for (const chunk of chunks) sum = chunk(x, sum);
          return sum;
        };
  compiledTrees.set(model, scorer);
  return scorer;
}

/** The model's margin (log-odds) for a row. */
export function margin(model: TextModel, x: ArrayLike<number>): number {
  if (!isBoosted(model)) return linear(model, x);
  const trees = compiledTrees.get(model) ?? compile(model);
  return trees(x, linear(model.base, x));
}

export interface TreeOptions {
  /** Depth of each tree (2–4 is plenty here). */
  depth: number;
  /** Number of boosting rounds (trees). */
  rounds: number;
  /** Each tree's leaves are multiplied by this. */
  shrinkage: number;
  /** Share of the rows each tree is grown on, drawn afresh each round. */
  subsample?: number;
  /** Quantile bins per feature for the split search. */
  bins?: number;
  /** L2 penalty on a leaf's value (as in the Newton step −G/(H+λ)). */
  l2?: number;
  /** A child needs at least this hessian sum (about this many uncertain rows). */
  minChildWeight?: number;
  seed?: number;
  /**
   * Weight of a ranking loss added to the log-loss (0 or absent: log-loss only): within each group of rows
   * (one account's candidates, `groups` to fitBoosted), every positive row against every negative one, the
   * pair's logistic loss on their margins' difference (RankNet), scaled so a group's rows get as much
   * gradient as the log-loss gives them. It teaches the trees the order of one account's candidates, which
   * the ranked list is, and not only each row's odds.
   */
  pairwise?: number;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

/** Cut points at the feature's quantiles, rounded (so the stored thresholds split the rows as in training). */
function cutPoints(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) {
    const c = round(sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))] as number, 4);
    if (cuts.length === 0 || c > (cuts[cuts.length - 1] as number)) cuts.push(c);
  }
  // A cut at or above the largest value splits nothing off.
  while (cuts.length && (cuts[cuts.length - 1] as number) >= (sorted[sorted.length - 1] as number))
    cuts.pop();
  return cuts;
}

/** The bin of a value: the first cut it does not exceed (the number of cuts when it exceeds them all). */
function binOf(cuts: readonly number[], v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (cuts[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Grown {
  /** The stored tree. */
  tree: Tree;
  /** The same tree over bins: per node [feature, bin, left, right] or [value]. */
  binned: number[][];
}

/**
 * Fits boosted trees to rows and 0/1 labels, starting from `base`'s logit (a logistic model; none: a
 * constant at the labels' log-odds). Deterministic for a seed.
 */
export function fitBoosted(
  rows: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  options: TreeOptions,
  base?: LogisticModel,
  groups?: ArrayLike<number>,
): BoostedModel {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const bins = Math.min(255, options.bins ?? 32);
  const subsample = options.subsample ?? 0.8;
  const l2 = options.l2 ?? 1;
  const minChild = options.minChildWeight ?? 2;
  // The same seed gives the same rows each round.
  const rng = random(options.seed ?? 1);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] as number;
  const start: LogisticModel = base ?? {
    weights: [...new Array<number>(d).fill(0), round(Math.log((positives + 0.5) / (n - positives + 0.5)), 6)],
  };
  const model: BoostedModel = { base: start, trees: [] };
  if (n === 0 || d === 0) return model;

  const cuts: number[][] = [];
  const binned: Uint8Array[] = [];
  const column = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) column[i] = ((rows[i] as ArrayLike<number>)[f] as number) ?? 0;
    const c = cutPoints(column, bins);
    cuts.push(c);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = binOf(c, column[i] as number);
    binned.push(b);
  }
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = linear(start, rows[i] as ArrayLike<number>);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const histG = new Float64Array(256);
  const histH = new Float64Array(256);

  const grow = (members: Uint32Array): Grown => {
    const tree: Tree = [];
    const btree: number[][] = [];
    const leaf = (g: number, h: number) => {
      const v = round((-g / (h + l2)) * options.shrinkage, 4);
      tree.push([v]);
      btree.push([v]);
    };
    const node = (idx: Uint32Array, level: number): void => {
      let g = 0;
      let h = 0;
      for (const i of idx) {
        g += grad[i] as number;
        h += hess[i] as number;
      }
      if (level >= options.depth || idx.length < 2) {
        leaf(g, h);
        return;
      }
      const parent = (g * g) / (h + l2);
      let bestGain = 1e-9;
      let bestF = -1;
      let bestBin = -1;
      for (let f = 0; f < d; f++) {
        const nb = (cuts[f] as number[]).length;
        if (nb === 0) continue;
        histG.fill(0, 0, nb + 1);
        histH.fill(0, 0, nb + 1);
        const col = binned[f] as Uint8Array;
        for (const i of idx) {
          const b = col[i] as number;
          histG[b] = (histG[b] as number) + (grad[i] as number);
          histH[b] = (histH[b] as number) + (hess[i] as number);
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < nb; b++) {
          gl += histG[b] as number;
          hl += histH[b] as number;
          const hr = h - hl;
          if (hl < minChild || hr < minChild) continue;
          const gr = g - gl;
          const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestBin = b;
          }
        }
      }
      if (bestF < 0) {
        leaf(g, h);
        return;
      }
      const col = binned[bestF] as Uint8Array;
      let nl = 0;
      for (const i of idx) if ((col[i] as number) <= bestBin) nl++;
      const left = new Uint32Array(nl);
      const right = new Uint32Array(idx.length - nl);
      let a = 0;
      let c = 0;
      for (const i of idx) {
        if ((col[i] as number) <= bestBin) left[a++] = i;
        else right[c++] = i;
      }
      const at = tree.length;
      tree.push([bestF, (cuts[bestF] as number[])[bestBin] as number, 0, 0]);
      btree.push([bestF, bestBin, 0, 0]);
      (tree[at] as number[])[2] = tree.length;
      (btree[at] as number[])[2] = tree.length;
      node(left, level + 1);
      (tree[at] as number[])[3] = tree.length;
      (btree[at] as number[])[3] = tree.length;
      node(right, level + 1);
    };
    node(members, 0);
    return { tree, binned: btree };
  };

  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const pairwise = groups ? (options.pairwise ?? 0) : 0;
  const ranking = pairwise > 0 && groups ? rankingGroups(groups, labels) : [];
  for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i] as number);
      grad[i] = p - (labels[i] as number);
      hess[i] = Math.max(1e-6, p * (1 - p));
    }
    for (const { positives, negatives } of ranking) {
      const w = (pairwise * (positives.length + negatives.length)) / (positives.length * negatives.length);
      for (const i of positives)
        for (const j of negatives) {
          const rho = sigmoid((score[j] as number) - (score[i] as number));
          const h = w * Math.max(1e-6, rho * (1 - rho));
          grad[i] = (grad[i] as number) - w * rho;
          grad[j] = (grad[j] as number) + w * rho;
          hess[i] = (hess[i] as number) + h;
          hess[j] = (hess[j] as number) + h;
        }
    }
    let members = all;
    if (subsample < 1) {
      const picked: number[] = [];
      for (let i = 0; i < n; i++) if (rng() < subsample) picked.push(i);
      members = Uint32Array.from(picked);
    }
    const { tree, binned: btree } = grow(members);
    model.trees.push(tree);
    for (let i = 0; i < n; i++) {
      let nd = btree[0] as number[];
      while (nd.length === 4) {
        const b = (binned[nd[0] as number] as Uint8Array)[i] as number;
        nd = btree[(b <= (nd[1] as number) ? nd[2] : nd[3]) as number] as number[];
      }
      score[i] = (score[i] as number) + (nd[0] as number);
    }
  }
  return model;
}

/** The rows of each group that has both positives and negatives, split by label (groups in order of first row). */
function rankingGroups(groups: ArrayLike<number>, labels: ArrayLike<number>) {
  const byGroup = new Map<number, { positives: number[]; negatives: number[] }>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as number;
    let entry = byGroup.get(g);
    if (!entry) {
      entry = { positives: [], negatives: [] };
      byGroup.set(g, entry);
    }
    ((labels[i] as number) ? entry.positives : entry.negatives).push(i);
  }
  return [...byGroup.values()].filter((e) => e.positives.length && e.negatives.length);
}

/** Mean log-loss of a model on rows and 0/1 labels. */
export function logLoss(model: TextModel, rows: ReadonlyArray<ArrayLike<number>>, labels: ArrayLike<number>) {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(margin(model, rows[i] as ArrayLike<number>))));
    sum -= (labels[i] as number) ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, rows.length);
}
