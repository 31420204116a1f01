// What the benchmarks share: a seeded random sequence, percentiles and rounding for the figures.

/** Deterministic pseudo-random numbers in [0, 1), so every run loads and paces the same way. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The p-th percentile of an ascending list (nearest rank); NaN when it is empty. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
