// Analysis: offsets into the original text, lemmas, negation and cutting run-on transcripts.
import { describe, expect, it } from "vitest";
import { analyse, termsOf } from "../../src/mapping/nlp.ts";

describe("analyse", () => {
  it("keeps every token's offsets in the original text", () => {
    const text = "  I rang her back 🙂 — she'd   waited\n\nages. The card reader froze!";
    const { tokens, segments } = analyse(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.value);
    for (const s of segments) expect(text.slice(s.start, s.end).trim()).toBe(text.slice(s.start, s.end));
    expect(segments.length).toBeGreaterThanOrEqual(2);
  });

  it("lemmatises and marks negation scope", () => {
    const { tokens } = analyse("It wasn't busy and the till froze.");
    expect(tokens.find((t) => t.value === "froze")?.lemma).toBe("freeze");
    expect(tokens.find((t) => t.value === "busy")?.negated).toBe(true);
  });

  it("cuts an unpunctuated transcript into clauses", () => {
    const text =
      "so um this lady came in and she wanted to return a kettle and then i checked the receipt and it was out of date so i asked my supervisor and she said we could do an exchange and then the lady was happy with that";
    const { segments } = analyse(text);
    expect(segments.length).toBeGreaterThanOrEqual(3);
    for (const s of segments) expect(s.end - s.start).toBeLessThan(text.length);
  });

  it("keeps content words such as call, name and show that classic stop-word lists drop", () => {
    expect(termsOf("call them back and show them your name")).toEqual(
      expect.arrayContaining(["call", "show", "name"]),
    );
  });
});
