// Qualification structure rules: plans that meet the seeds' rules pass, and each broken rule is named.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { checkUnitPlan } from "../../src/standards/rules.ts";

const catalogue = loadCatalogue();
const failing = (level: number, units: string[]) =>
  checkUnitPlan(catalogue, level, units)
    .outcomes.filter((o) => o.status !== "met")
    .map((o) => `${o.rule}: ${o.detail}`);

describe("Level 1 plans", () => {
  it("accepts the five mandatory units and one of 2a/2b", () => {
    expect(checkUnitPlan(catalogue, 1, ["101", "3", "4", "105", "106", "2a"]).ok).toBe(true);
  });
  it("refuses both optional units, naming the rule", () => {
    const result = checkUnitPlan(catalogue, 1, ["101", "3", "4", "105", "106", "2a", "2b"]);
    expect(result.ok).toBe(false);
    expect(failing(1, ["101", "3", "4", "105", "106", "2a", "2b"]).join("\n")).toMatch(/2 chosen .*needs 1/);
  });
  it("names a missing mandatory unit", () => {
    expect(failing(1, ["101", "3", "4", "105", "2a", "2b"]).join("\n")).toMatch(/Missing 106/);
  });
});

describe("Level 3 plans", () => {
  const good = ["301", "302", "303", "305", "308", "311", "205", "312"];
  it("accepts 301, 302 and six optional units covering every theme with at most three Level 2 imports", () => {
    expect(failing(3, good)).toEqual([]);
    expect(checkUnitPlan(catalogue, 3, good).ok).toBe(true);
  });
  it("refuses four Level 2 imports", () => {
    expect(failing(3, ["301", "302", "205", "206", "207", "211", "308", "311"]).join("\n")).toMatch(
      /4 Level 2 units/,
    );
  });
  it("refuses a plan with no unit from a theme", () => {
    expect(failing(3, ["301", "302", "303", "304", "305", "306", "307", "205"]).join("\n")).toMatch(
      /No unit from/,
    );
  });
  it("refuses a plan without the mandatory units and with a unit from another qualification", () => {
    const problems = failing(3, ["301", "303", "305", "308", "311", "205", "312", "201"]).join("\n");
    expect(problems).toMatch(/Missing 302/);
    expect(problems).toMatch(/201 is not part of/);
  });
});

describe("Level 2 plans", () => {
  it("checks the unit count the seeds state and reports what they leave open", () => {
    const result = checkUnitPlan(catalogue, 2, ["101", "105", "201", "205", "208", "213", "214"]);
    expect(result.outcomes.find((o) => o.rule.includes("units in all"))?.status).toBe("met");
    expect(result.unknowns.length).toBeGreaterThan(0);
  });
});
