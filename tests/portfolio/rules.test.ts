// The rules checked at submit and for witnesses, as pure functions over the shipped catalogue.
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.ts";
import type { EvidenceSetting } from "../../src/core/types.ts";
import { checkSubmission } from "../../src/portfolio/submission-rules.ts";
import {
  isPersonalRelationship,
  personalRelationshipRefusal,
  WITNESS_DECLARATION,
  WITNESS_RELATIONSHIPS,
  witnessRefusalMessage,
} from "../../src/portfolio/witness-rules.ts";
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

describe("witness rules: relatives, partners and people the candidate lives with (issue 14)", () => {
  // What the probe found accepted, and more of the same family, spelt as people spell them.
  it.each([
    "sister",
    "my mum",
    "brother's wife",
    "cousin",
    "ex-boyfriend",
    "stepmum",
    "stepdad",
    "step mum",
    "partner",
    "my partner",
    "fiancé",
    "fiancée",
    "fiance",
    "grandad",
    "granddad",
    "nana",
    "nanna",
    "mam",
    "hubby",
    "wifey",
    "the missus",
    "other half",
    "better half",
    "best friend",
    "bestie",
    "housemate",
    "flatmate",
    "room-mate",
    "we live together",
    "she lives with me",
    "lodger",
    "s\u0456ster", // Cyrillic і
    "\u0455ister", // Cyrillic ѕ
    "ＳＩＳＴＥＲ", // full-width letters
    "sis\u200Bter", // a zero-width space inside
    "MUM",
    "mother-in-law",
    "mother in law",
    "in-laws",
    "godmother",
    "goddaughter",
    "foster mum",
    "half-brother",
    "great-aunt",
    "twin",
    "daughter",
    "my son",
    "my kid",
    "girlfriend",
    "ex",
    "my ex",
    "ex-wife",
    "spouse",
    "civil partner",
    "boyfriend's sister",
    "we're engaged",
    "going out with her",
    "dating",
    "family friend",
    "a relative",
    "related by marriage",
    "nephew",
    "auntie",
    "uncle",
    "gran",
    "grandma",
    "nain",
    "next of kin",
  ])("%s is refused", (relationship) => expect(isPersonalRelationship(relationship)).toBe(true));

  it.each([
    "team leader",
    "line manager",
    "supervisor",
    "colleague",
    "customer",
    "store manager",
    "duty manager on the tills",
    "customer service partner",
    "business partner",
    "HR business partner",
    "sonic team lead",
    "works on the same shift",
    "colleague, not related",
    "no relation, just a colleague",
    "unrelated, my supervisor",
    "we don't live together, she is my team leader",
    "assistant manager (grandstand bar)",
    "trainer",
    "mentor",
    "section leader",
    "PA to the store manager",
    "deputy manager",
    "friend from work",
    "workmate",
    "ex colleague",
    "customer relations manager",
    "kids department supervisor",
    "Mrs Patel, store manager",
  ])("%s is not", (relationship) => expect(isPersonalRelationship(relationship)).toBe(false));

  it("refuses kindly, saying why, what was kept and what the candidate can do", () => {
    const base = { statusCategory: 3, text: "x", declaredNoPersonalRelationship: true };
    const family = witnessRefusalMessage({ ...base, relationship: "stepmum" });
    expect(family).toMatch(/family/);
    expect(family).toMatch(/Thank you/);
    expect(family).toMatch(/can't be accepted/);
    expect(family).toMatch(/Nothing was added/);
    expect(family).toMatch(/team leader or colleague/);
    expect(witnessRefusalMessage({ ...base, relationship: "housemate" })).toMatch(/lives with the candidate/);
    expect(witnessRefusalMessage({ ...base, relationship: "hubby" })).toMatch(/partner/);
    expect(witnessRefusalMessage({ ...base, relationship: "best friend" })).toMatch(/close friend/);
    expect(
      witnessRefusalMessage({ ...base, relationship: "team leader", declaredNoPersonalRelationship: false }),
    ).toMatch(/didn't declare/);
    expect(personalRelationshipRefusal({ ...base, relationship: "we live together" })).toBe(
      "personal_relationship",
    );
  });

  it("offers the relationship choices and the declaration the witness card asks for", () => {
    expect(WITNESS_RELATIONSHIPS.map((r) => r.label)).toEqual([
      "Line manager",
      "Team leader",
      "Supervisor",
      "Colleague",
      "Customer",
      "Other (say what)",
    ]);
    expect(WITNESS_RELATIONSHIPS.every((r) => !isPersonalRelationship(r.label))).toBe(true);
    expect(WITNESS_DECLARATION).toMatch(/not related to the candidate/);
    expect(WITNESS_DECLARATION).toMatch(/do not live with/);
  });
});
