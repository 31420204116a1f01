// The rules checked at submit and for witnesses, as pure functions over the shipped catalogue.
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.ts";
import type { EvidenceSetting } from "../../src/core/types.ts";
import { checkSubmission } from "../../src/portfolio/submission-rules.ts";
import { isPersonalRelationship, personalRelationshipRefusal } from "../../src/portfolio/witness-rules.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const catalogue = loadCatalogue();
const check = (setting: EvidenceSetting, units: string[], plan = units) => {
  try {
    checkSubmission(
      catalogue,
      { unitIds: plan },
      { ref: "E1", setting, claims: units.map((unitId) => ({ unitId, active: true })) },
    );
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
};

describe("submission rules", () => {
  it("accepts workplace evidence for any unit on the plan", () => {
    expect(check("workplace", ["301", "205"])).toBe("ok");
  });
  it("refuses a realistic working environment for units that must be done in real work (301)", () => {
    expect(check("realistic_working_environment", ["301"])).toMatch(
      /realistic working environment, which unit 301 does not allow/,
    );
  });
  it("allows a realistic working environment for units 201–216", () => {
    expect(check("realistic_working_environment", ["205", "206"])).toBe("ok");
  });
  it("refuses simulation where it is not allowed", () => {
    expect(check("simulation", ["205"])).toMatch(/simulation, which unit 205 does not allow/);
  });
  it("ignores removed claims", () => {
    expect(() =>
      checkSubmission(
        catalogue,
        { unitIds: ["205"] },
        { ref: "E1", setting: "workplace", claims: [{ unitId: "205", active: false }] },
      ),
    ).toThrow(/claims nothing yet/);
  });
});

describe("witness rules", () => {
  it.each([
    "my mum",
    "Sister",
    "husband",
    "boyfriend",
    "step-father",
    "brother-in-law",
    "cousin",
    "family friend",
  ])("%s is a personal relationship", (relationship) =>
    expect(isPersonalRelationship(relationship)).toBe(true),
  );
  it.each([
    "team leader",
    "colleague on the tills",
    "store manager",
    "customer service partner",
    "sonic team lead",
  ])("%s is not", (relationship) => expect(isPersonalRelationship(relationship)).toBe(false));
  it("refuses a witness who does not declare the absence of a personal relationship", () => {
    const base = { statusCategory: 3, relationship: "team leader", text: "x" };
    expect(personalRelationshipRefusal({ ...base, declaredNoPersonalRelationship: false })).toBe(
      "not_declared",
    );
    expect(personalRelationshipRefusal({ ...base, declaredNoPersonalRelationship: true })).toBeUndefined();
  });
});
