// Watches one turn's calls on the portfolio for a change that was committed, so a later failure is not called "nothing changed".
import type { Portfolio } from "../portfolio/index.ts";

/** The façade methods that commit a change when they resolve. */
const WRITES = new Set<string>([
  "fileAccount",
  "submit",
  "editText",
  "redact",
  "discard",
  "askWitness",
  "testify",
  "decide",
  "decideFromForm",
  "sample",
]);

/** The portfolio as one turn sees it, and whether any change it asked for has been committed so far. */
export function watchWrites(portfolio: Portfolio): { portfolio: Portfolio; committed(): boolean } {
  let committed = false;
  const watched = new Proxy(portfolio, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== "string" || !WRITES.has(key) || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        committed = true;
        return result;
      };
    },
  });
  return { portfolio: watched, committed: () => committed };
}
