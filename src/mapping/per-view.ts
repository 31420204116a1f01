// Classifiers fitted once per view of the corpus: in training each view (all but a workplace, all but a register) fits its own from what it keeps; at run time the loaded model's is set for the one view that maps.
import type { ScorerIndex, View } from "./scorer-index.ts";

/** What training lends a classifier beyond the index: the accounts' lemmas (the index keeps only their vectors) and the seed. */
export interface Training {
  accountTerms: ReadonlyArray<readonly string[]>;
  seed: number;
}

/** One kind of classifier's fitted instances, by view. */
export interface PerView<C> {
  /** Lets views of this index fit their own (training only). */
  prepare(index: ScorerIndex, accountTerms: ReadonlyArray<readonly string[]>, seed: number): void;
  /** Sets a view's classifier (a loaded model's, or a test's). */
  use(view: View, classifier: C | null): void;
  /** Lets a view use another view's (the honest cross-validation: one per held-out register). */
  share(index: ScorerIndex, view: View, from: View): void;
  /** The view's classifier: the one set for it, or one fitted on the view's own examples and accounts; null when there is neither. */
  of(index: ScorerIndex, view: View): C | null;
}

/** A registry for one kind of classifier, fitted by `fitFor` when a view first asks for it. */
export function perView<C>(fitFor: (index: ScorerIndex, view: View, training: Training) => C): PerView<C> {
  const training = new WeakMap<ScorerIndex, Training>();
  const fitted = new WeakMap<View, C | null>();
  const of = (index: ScorerIndex, view: View): C | null => {
    if (fitted.has(view)) return fitted.get(view) ?? null;
    const t = training.get(index);
    if (!t) return null;
    const c = fitFor(index, view, t);
    fitted.set(view, c);
    return c;
  };
  return {
    prepare: (index, accountTerms, seed) => {
      training.set(index, { accountTerms, seed });
    },
    use: (view, classifier) => {
      fitted.set(view, classifier);
    },
    share: (index, view, from) => {
      fitted.set(view, of(index, from));
    },
    of,
  };
}
