// Int8 arrays for the model file's binary part: weights and unit-length vectors quantised with a scale, and pieces joined into one array.

/** Values ÷ scale, rounded and clamped to ±127. */
export function quantise(values: ArrayLike<number>, scale: number): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++)
    out[i] = Math.max(-127, Math.min(127, Math.round((values[i] as number) / scale)));
  return out;
}

/** Unit-length vectors (one or many rows) as int8 ×127. */
export function quantiseRows(rows: Float32Array): Int8Array {
  return quantise(rows, 1 / 127);
}

/** Quantised pieces one after another, as one array. */
export function concatBytes(parts: readonly Int8Array[]): Int8Array {
  const out = new Int8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
