// Working buffers the mapping path reuses from one text to the next: typed arrays that only grow, instead of new arrays for every text.

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;

/**
 * One reusable typed array. `take(n)` gives an array of at least n elements (only the first n are the
 * caller's), valid until the next `take`: for what a call works in and drops before it returns. Fresh
 * buffers a text were the garbage that the mapper left in the old generation: V8, having seen such arrays
 * survive while the model loaded, allocated them there, and there they stayed until a full collection.
 */
export class Scratch<T extends Typed> {
  private buffer: T;
  constructor(private readonly make: (n: number) => T) {
    this.buffer = make(0);
  }
  /** At least n elements, the first n set to `fill` when it is given (a new typed array's are 0). */
  take(n: number, fill?: number): T {
    if (this.buffer.length < n) this.buffer = this.make(Math.max(n, 2 * this.buffer.length));
    if (fill !== undefined) this.buffer.fill(fill, 0, n);
    return this.buffer;
  }
}

export const float64s = () => new Scratch((n) => new Float64Array(n));
export const float32s = () => new Scratch((n) => new Float32Array(n));
export const int32s = () => new Scratch((n) => new Int32Array(n));
export const uint8s = () => new Scratch((n) => new Uint8Array(n));
