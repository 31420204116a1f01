// The privacy check knows common UK and Irish first names (data/names) and flags a labelled card number whatever its checksum.
import { describe, expect, it } from "vitest";
import { checkPrivacy } from "../../src/mapping/privacy.ts";

const kinds = (text: string) => checkPrivacy(text).found.map((s) => `${s.kind}:${s.text}`);

describe("the privacy check, in the UK", () => {
  it.each([
    "Priya Shah",
    "Niamh Byrne",
    "Aoife Kelly",
    "Callum Reid",
    "Sinead Walsh",
    "Fatima Begum",
    "Harpreet Gill",
    "Kacper Nowak",
    "Amira Hussain",
  ])("flags %s as a name with no cue", (name) => {
    const found = kinds(`${name} rang about her parcel and I rebooked it for Friday.`);
    expect(found).toContain(`name:${name}`);
    expect(checkPrivacy(`${name} rang about her parcel.`).redacted).not.toContain(name.split(" ")[1]);
  });

  it("flags a number labelled as a card number even when its checksum fails", () => {
    const text = "She read out her card number 4111 1111 1111 1112 before I could stop her.";
    expect(kinds(text)).toContain("card_number:4111 1111 1111 1112");
    expect(checkPrivacy(text).redacted).toContain("[card number]");
  });

  it("does not call an unlabelled long number that fails the checksum a card", () => {
    expect(
      kinds("The order reference was 4111 1111 1111 1112.").some((k) => k.startsWith("card_number")),
    ).toBe(false);
  });
});
