// The training corpus as shipped: every line read, and every label one the standards have, on the writer's plan, where FORMAT.md says it may be.
import { describe, expect, it } from "vitest";
import { readCorpus } from "../../src/mapping/corpus.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const catalogue = loadCatalogue();
const corpus = readCorpus();
const unitOf = (id: string) => id.split(".")[0] ?? "";
const criterionExists = (id: string) =>
  catalogue.unit(unitOf(id))?.elements.some((e) => e.criteria.some((c) => c.id === id)) ?? false;
const rangeExists = (id: string) =>
  catalogue.unit(unitOf(id))?.evidenceRequirements.some((r) => r.ranges.some((x) => x.id === id)) ?? false;

describe("the training corpus", () => {
  it("reads every line of every file", () => {
    expect(corpus.skipped).toEqual([]);
    expect(corpus.accounts.length).toBeGreaterThan(1000);
  });

  it("labels accounts only with the standards' ids, on units of the writer's plan", () => {
    // A label the trainer cannot place teaches the wrong thing quietly: a knowledge item among the
    // criteria, or a unit the candidate is not registered for (never a candidate, yet a document label).
    const problems: string[] = [];
    for (const a of corpus.accounts) {
      const g = a.gold;
      const all = [...g.pcs, ...g.ranges, ...(g.knowledge ?? [])];
      if (a.kind === "not_evidence") {
        if (g.units.length + all.length > 0) problems.push(`${a.id}: not evidence, yet gold labels`);
        continue;
      }
      for (const u of g.units)
        if (!a.registered_units.includes(u)) problems.push(`${a.id}: gold unit ${u} is not on the plan`);
      for (const id of all)
        if (!g.units.includes(unitOf(id))) problems.push(`${a.id}: ${id} is not of a gold unit`);
      for (const id of g.pcs) if (!criterionExists(id)) problems.push(`${a.id}: ${id} is not a criterion`);
      for (const id of g.ranges) if (!rangeExists(id)) problems.push(`${a.id}: ${id} is not a range`);
      for (const id of g.knowledge ?? [])
        if (!catalogue.knowledgeItem(id)) problems.push(`${a.id}: ${id} is not a knowledge item`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every example sentence a target the standards have", () => {
    const unknown = corpus.sentences
      .map((s) => s.target)
      .filter((t) =>
        t.startsWith("situation:")
          ? !catalogue.situations.has(t.slice("situation:".length))
          : !criterionExists(t) && !catalogue.knowledgeItem(t),
      );
    expect([...new Set(unknown)]).toEqual([]);
  });
});
