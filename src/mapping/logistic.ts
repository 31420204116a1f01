// Logistic regression in plain TypeScript (L2-regularised, full-batch Newton steps, deterministic: no randomness at all), and the softmax the classifiers share.

export interface LogisticModel {
  /** Feature weights; the last is the bias. */
  weights: number[];
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));
export const logit = (p: number) => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));

/** Logits to probabilities in place (the largest subtracted first, so none overflows). */
export function softmaxInPlace(z: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let u = 0; u < z.length; u++) {
    z[u] = Math.exp((z[u] as number) - max);
    sum += z[u] as number;
  }
  for (let u = 0; u < z.length; u++) z[u] = (z[u] as number) / sum;
}

/** w·x + bias. */
export function linear(model: LogisticModel, x: ArrayLike<number>): number {
  const w = model.weights;
  let z = w[w.length - 1] as number;
  const n = Math.min(x.length, w.length - 1);
  for (let i = 0; i < n; i++) z += (w[i] as number) * (x[i] as number);
  return z;
}

export const predict = (model: LogisticModel, x: ArrayLike<number>) => sigmoid(linear(model, x));

/** Solves A·x = b for a small dense symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const row = m[c] as number[];
    const p = row[c] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = (other[c] as number) / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return m.map((row, i) => {
    const p = row[i] as number;
    return Math.abs(p) < 1e-12 ? 0 : (row[n] as number) / p;
  });
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  /** Weight of each positive row relative to a negative one (class balance). */
  positiveWeight?: number;
}

/** Fits weights to rows of features and 0/1 labels by Newton's method (IRLS). */
export function fitLogistic(
  rows: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  options: FitOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 25;
  const pw = options.positiveWeight ?? 1;
  const d = (rows[0]?.length ?? 0) + 1;
  const weights = new Array<number>(d).fill(0);
  const model: LogisticModel = { weights };
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let r = 0; r < rows.length; r++) {
      const x = rows[r] as ArrayLike<number>;
      const y = labels[r] as number;
      const p = predict(model, x);
      const c = y ? pw : 1;
      const g = c * (p - y);
      const h = c * Math.max(1e-6, p * (1 - p));
      for (let i = 0; i < d; i++) {
        const xi = i === d - 1 ? 1 : (x[i] as number);
        if (xi === 0) continue;
        grad[i] = (grad[i] as number) + g * xi;
        const hi = hess[i] as number[];
        for (let j = 0; j <= i; j++) {
          const xj = j === d - 1 ? 1 : (x[j] as number);
          hi[j] = (hi[j] as number) + h * xi * xj;
        }
      }
    }
    for (let i = 0; i < d; i++)
      for (let j = i + 1; j < d; j++) (hess[i] as number[])[j] = (hess[j] as number[])[i] as number;
    for (let i = 0; i < d - 1; i++) {
      grad[i] = (grad[i] as number) + l2 * (weights[i] as number);
      (hess[i] as number[])[i] = ((hess[i] as number[])[i] as number) + l2;
    }
    (hess[d - 1] as number[])[d - 1] = ((hess[d - 1] as number[])[d - 1] as number) + 1e-6;
    const step = solve(hess, grad);
    let change = 0;
    for (let i = 0; i < d; i++) {
      weights[i] = (weights[i] as number) - (step[i] as number);
      change = Math.max(change, Math.abs(step[i] as number));
    }
    if (change < 1e-6) break;
  }
  return { weights: weights.map((w) => Math.round(w * 1e6) / 1e6) };
}
