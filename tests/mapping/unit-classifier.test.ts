// The unit classifier: the shipped one names the unit an unseen account is about, and fitting it is deterministic.
import { describe, expect, it } from "vitest";
import { documentKeys } from "../../src/mapping/lexicon.ts";
import { learnedMapper } from "../../src/mapping/offline.ts";
import { analyseText } from "../../src/mapping/text.ts";
import {
  fitUnitClassifier,
  packUnitClassifier,
  unitClassifierScores,
  unitLogits,
  unpackUnitClassifier,
} from "../../src/mapping/unit-classifier.ts";
import { shippedVectors } from "../../src/mapping/vectors.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

// Written for this test: a sale of extras told at some length, nothing about a complaint or the phone.
const ADD_ON_SALE =
  "A lad came into the phone shop on Saturday to pick up the handset he had ordered online. " +
  "While I was setting it up for him I noticed he had no case, and he mentioned he cycles to college every day. " +
  "I showed him the rugged cases we stock and explained that the screen cover we sell comes with free fitting. " +
  "Then I went through the insurance plan with him: what it covers, what it costs each month, and that he need not decide today. " +
  "He bought the case and the screen cover, and said he would think about the insurance, so I gave him the leaflet.";

const PLAN = ["201", "202", "205", "209", "213"];

describe("unit classifier", () => {
  it("ranks the unit of promoting extra products first for an account about selling add-ons", () => {
    const mapper = learnedMapper(loadCatalogue());
    expect(mapper).not.toBeNull();
    if (!mapper) return;
    const text = analyseText(ADD_ON_SALE, mapper.index.vectors);
    const scores = unitClassifierScores(mapper.index, mapper.index.view(), text, PLAN);
    const best = PLAN[scores.whole.indexOf(Math.max(...scores.whole))];
    expect(best).toBe("202");
    expect(scores.margin[PLAN.indexOf("202")]).toBe(0);
    const bySentence = PLAN[scores.sentences.indexOf(Math.max(...scores.sentences))];
    expect(bySentence).toBe("202");
  });

  it("gives the same weights for the same documents and seed, and keeps its ranking when stored", () => {
    const vectors = shippedVectors();
    const doc = (text: string, unit: string) => {
      const t = analyseText(text, vectors);
      return { terms: t.terms, vector: t.vector, units: [unit] };
    };
    const docs = [
      ...[0, 1, 2].map((i) =>
        doc(`I rang the caller back on the telephone line number ${i} and spoke on the phone.`, "209"),
      ),
      ...[0, 1, 2].map((i) =>
        doc(`I replied to the email in writing and answered the chat message ${i} online.`, "207"),
      ),
    ];
    const a = fitUnitClassifier(["207", "209"], docs, 7);
    const b = fitUnitClassifier(["207", "209"], docs, 7);
    expect([...a.weights]).toEqual([...b.weights]);
    expect([...a.bias]).toEqual([...b.bias]);
    const probe = analyseText("She phoned and I spoke to her on the telephone.", vectors);
    const stored = unpackUnitClassifier(packUnitClassifier(a));
    for (const clf of [a, stored]) {
      const z = unitLogits(clf, probe.terms, probe.vector);
      expect(z[1]).toBeGreaterThan(z[0] as number);
    }
  });

  it("scores a text with repeated words as the plain sum over its distinct lemmas and pairs does", () => {
    const vectors = shippedVectors();
    const docs = [
      "I rang the customer back and explained the delay on the phone.",
      "I answered the email and replied to the chat in writing.",
    ].flatMap((text, k) =>
      Array.from({ length: 6 }, (_, i) => {
        const a = analyseText(`${text} Call ${i}.`, vectors);
        return { terms: a.terms, vector: a.vector, units: [k ? "207" : "209"] };
      }),
    );
    const clf = fitUnitClassifier(["207", "209"], docs, 3);
    const probe = analyseText(
      "I rang her, rang her again and explained the delay, then explained it by email.",
      vectors,
    );
    const rows = documentKeys(probe.terms)
      .map((k) => clf.rows.get(k))
      .filter((r) => r !== undefined);
    const U = clf.units.length;
    const xs = 1 / Math.sqrt(Math.max(1, rows.length));
    const plain = [...clf.bias].map((b, u) => {
      let z = b;
      for (const r of rows) z += xs * (clf.weights[r * U + u] as number);
      for (let k = 0; k < clf.dims; k++) {
        const v = probe.vector[k] as number;
        if (v !== 0) z += v * (clf.vector[k * U + u] as number);
      }
      return z;
    });
    expect(rows.length).toBeGreaterThan(3);
    expect([...unitLogits(clf, probe.terms, probe.vector)]).toEqual(plain);
  });
});
