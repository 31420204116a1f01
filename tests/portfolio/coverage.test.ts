// Coverage and gaps as pure functions over a small catalogue built in the test.
import { describe, expect, it } from "vitest";
import type { CoverageClaim } from "../../src/core/types.ts";
import { computeCoverage } from "../../src/portfolio/coverage.ts";
import { joinWords, shortRangeId } from "../../src/portfolio/gaps.ts";
import { buildCatalogue } from "../../src/standards/catalogue.ts";
import { catalogueFileSchema } from "../../src/standards/schema.ts";

const catalogue = buildCatalogue([
  {
    name: "test.json",
    data: catalogueFileSchema.parse({
      situations: [
        { id: "quiet_period", label: "during a quiet period for your organisation" },
        { id: "unhappy_customer", label: "with a customer who is unhappy" },
        { id: "happy_customer", label: "with a customer who is happy" },
        { id: "odd_one", label: "odd" },
      ],
      guideSections: [{ id: "2.4", title: "Using names", module: 2, moduleTitle: "Rapport" }],
      qualifications: [
        {
          id: "q-l2",
          title: "Test qualification",
          level: 2,
          awardingBody: "Test",
          mandatoryUnits: ["205"],
          optionalUnits: ["206"],
          totalUnits: 2,
          rules: [{ kind: "totalUnits", count: 2, source: "test" }],
          sources: ["test"],
        },
      ],
      units: ["205", "206"].map((id) => ({
        id,
        icsUnit: null,
        title: `Unit ${id}`,
        level: 2,
        theme: null,
        standardsInSeeds: id === "205",
        realisticWorkingEnvironment: "allowed",
        simulation: "not_allowed",
        elements:
          id === "205"
            ? [
                {
                  id: "205.1",
                  title: "Element one",
                  criteria: [
                    { id: "205.1.1", text: "greet" },
                    { id: "205.1.2", text: "listen" },
                  ],
                },
              ]
            : [],
        knowledge: id === "205" ? [{ id: "205.K.a", text: "names", guideSections: ["2.4"] }] : [],
        evidenceRequirements:
          id === "205"
            ? [
                {
                  id: "205.ER4",
                  text: "periods",
                  ranges: [{ id: "205.ER4.c", text: "during a quiet period", situation: "quiet_period" }],
                },
                {
                  id: "205.ER5",
                  text: "customers",
                  ranges: [
                    { id: "205.ER5.a", text: "happy with the service", situation: "happy_customer" },
                    { id: "205.ER5.b", text: "unhappy about the service", situation: "unhappy_customer" },
                    { id: "205.ER5.c", text: "Odd situations", situation: "odd_one" },
                  ],
                },
              ]
            : [],
        sources: ["test"],
      })),
    }),
  },
]);

const claim = (
  targetId: string,
  evidenceRef: string,
  evidenceStatus: CoverageClaim["evidenceStatus"],
  decision: CoverageClaim["decision"],
): CoverageClaim => ({
  kind: targetId.includes(".ER") ? "range" : targetId.includes(".K.") ? "knowledge" : "criterion",
  targetId,
  unitId: targetId.split(".")[0] ?? "",
  decision,
  evidenceRef,
  evidenceStatus,
});

const enrolment = {
  id: "en1",
  candidateId: "c1",
  qualificationId: "q-l2",
  level: 2,
  unitIds: ["205", "206"],
};

describe("coverage", () => {
  const coverage = computeCoverage(catalogue, enrolment, [
    claim("205.1.1", "E3", "assessed", "accepted"),
    claim("205.1.1", "E7", "submitted", "pending"),
    claim("205.ER5.a", "E2", "sampled", "accepted"),
    claim("205.1.2", "E4", "referred", "pending"),
    claim("205.ER4.c", "E5", "assessed", "rejected"),
    claim("205.K.a", "E6", "draft", "pending"),
  ]);
  const unit = coverage.units[0];
  const state = (id: string) =>
    [...(unit?.criteria ?? []), ...(unit?.knowledge ?? []), ...(unit?.ranges ?? [])].find((i) => i.id === id);

  it("marks accepted claims on assessed or sampled evidence as assessed, listing assessed refs first", () => {
    expect(state("205.1.1")).toMatchObject({ state: "assessed", refs: ["E3", "E7"] });
    expect(state("205.ER5.a")).toMatchObject({ state: "assessed", refs: ["E2"] });
  });

  it("marks filed claims awaiting a decision as claimed", () => {
    expect(state("205.1.2")).toMatchObject({ state: "claimed", refs: ["E4"] });
  });

  it("does not count rejected claims or drafts", () => {
    expect(state("205.ER4.c")).toMatchObject({ state: "missing", refs: [] });
    expect(state("205.K.a")).toMatchObject({ state: "missing", refs: [] });
  });

  it("tallies each unit", () => {
    expect(unit?.tally.criteria).toEqual({ assessed: 1, claimed: 1, missing: 0, total: 2 });
    expect(unit?.tally.ranges).toEqual({ assessed: 1, claimed: 0, missing: 3, total: 4 });
    expect(unit?.complete).toBe(false);
  });

  it("says what is missing in plain words, with the ER column names", () => {
    expect(coverage.gaps).toContain(
      "205: still needs a quiet period (ER4c), an unhappy customer (ER5b) and odd situations (ER5c); knowledge 205.K.a (1 claimed item awaits assessment).",
    );
    expect(coverage.gaps).toContain(
      "206: its standards are not in the catalogue yet, so progress can't be counted; ask your assessor what evidence it needs.",
    );
  });

  it("points to the guide sections for knowledge not yet covered", () => {
    expect(coverage.reading).toEqual([{ section: "2.4", title: "Using names", for: ["205.K.a"] }]);
  });

  it("includes the qualification-structure check", () => {
    expect(coverage.plan.ok).toBe(true);
    const short = computeCoverage(catalogue, { ...enrolment, unitIds: ["205"] }, []);
    expect(short.plan.ok).toBe(false);
    expect(short.gaps[0]).toBe("Unit plan: 2 units in all: The plan has 1.");
  });

  it("says a unit with everything claimed is waiting, not missing", () => {
    const all = ["205.1.1", "205.1.2", "205.K.a", "205.ER4.c", "205.ER5.a", "205.ER5.b", "205.ER5.c"].map(
      (id) => claim(id, "E9", "submitted", "pending"),
    );
    const waiting = computeCoverage(catalogue, { ...enrolment, unitIds: ["205"] }, all);
    expect(waiting.gaps.at(-1)).toBe("205: nothing missing; 7 claimed items await assessment.");
  });
});

describe("gap wording helpers", () => {
  it("names ranges as the recording form's columns do", () => {
    expect(shortRangeId("205.ER4.c")).toBe("ER4c");
    expect(shortRangeId("2a.ER1.b")).toBe("ER1b");
  });
  it("joins lists the way people write them", () => {
    expect(joinWords(["a"])).toBe("a");
    expect(joinWords(["a", "b"])).toBe("a and b");
    expect(joinWords(["a", "b", "c"])).toBe("a, b and c");
  });
});
