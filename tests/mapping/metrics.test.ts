// Metrics of shared/eval/FORMAT.md on hand-made results.
import { describe, expect, it } from "vitest";
import type { EvalItem } from "../../src/mapping/eval-set.ts";
import { parseEvalSet } from "../../src/mapping/eval-set.ts";
import { f1, quantile, scoreItem, summarise } from "../../src/mapping/metrics.ts";
import type { MappingResult } from "../../src/mapping/types.ts";

const support = { text: "x", start: 0, end: 1 };
function result(pcs: string[], units: string[], ranges: string[], isEvidence = true): MappingResult {
  return {
    isEvidence,
    mapper: "offline",
    units: units.map((unitId) => ({ unitId, title: unitId, score: 1, support: null })),
    criteria: pcs.map((id) => ({ id, unitId: id.split(".")[0] as string, text: id, score: 1, support })),
    knowledge: [],
    ranges: ranges.map((id) => ({
      id,
      unitId: "205",
      text: id,
      situation: "busy_period",
      score: 1,
      support,
    })),
    situations: [],
    privacy: { found: [], redacted: "" },
    elapsedMs: 1,
  };
}
const item = (gold: Partial<EvalItem["gold"]>, kind: EvalItem["kind"] = "account"): EvalItem => ({
  id: "t",
  kind,
  level: 2,
  registered_units: [],
  text: "",
  gold: { units: [], pcs: [], ranges: [], ...gold },
});

describe("metrics", () => {
  it("f1 of sets", () => {
    expect(f1(["a", "b"], ["a", "b"])).toBe(1);
    expect(f1(["a"], ["b"])).toBe(0);
    expect(f1(["a", "b"], ["a"])).toBeCloseTo(2 / 3);
    expect(f1([], [])).toBe(1);
  });

  it("scores recall at 10, precision at 5, unit and range F1", () => {
    const r = result(["205.1.1", "205.1.2", "x.1", "x.2", "x.3", "205.1.3"], ["205", "201"], ["205.ER4.b"]);
    const s = scoreItem(
      item({ pcs: ["205.1.1", "205.1.3", "205.2.1"], units: ["205"], ranges: ["205.ER4.b"] }),
      r,
      5,
    );
    expect(s.pcRecallAt10).toBeCloseTo(2 / 3);
    expect(s.pcPrecisionAt5).toBeCloseTo(1 / 5);
    expect(s.unitF1).toBeCloseTo(2 / 3);
    expect(s.rangeF1).toBe(1);
  });

  it("counts not-evidence texts as right only when nothing is suggested", () => {
    expect(scoreItem(item({}, "not_evidence"), result([], [], [], false), 1).notEvidenceCorrect).toBe(true);
    expect(scoreItem(item({}, "not_evidence"), result(["205.1.1"], ["205"], []), 1).notEvidenceCorrect).toBe(
      false,
    );
  });

  it("summarises with exactly the documented keys", () => {
    const s = summarise([scoreItem(item({ pcs: ["a.1.1"] }), result(["a.1.1"], [], []), 3)]);
    expect(Object.keys(s)).toEqual([
      "n",
      "pc_recall_at_10",
      "pc_precision_at_5",
      "unit_f1",
      "range_f1",
      "not_evidence_accuracy",
      "p50_ms",
      "p95_ms",
      "pc_shown_precision",
      "pc_shown_recall",
      "claims_shown_median",
    ]);
    expect(quantile([1, 2, 3, 4, 100], 0.5)).toBe(3);
  });

  it("scores the claims the card shows: precision, recall and how many", () => {
    const r = result(["a.1.1", "a.1.2", "a.1.3"], [], []);
    r.criteria[2] = { ...(r.criteria[2] as (typeof r.criteria)[number]), shown: false };
    const s = scoreItem(item({ pcs: ["a.1.1", "a.1.3"] }), r, 1);
    expect(s.shownPrecision).toBe(0.5);
    expect(s.shownRecall).toBe(0.5);
    expect(s.claimsShown).toBe(2);
    expect(summarise([s]).claims_shown_median).toBe(2);
  });

  it("names the bad line of an evaluation set", () => {
    expect(() => parseEvalSet('{"id":"a"}\n', "set.jsonl")).toThrow(/line 1/);
  });
});
