// Finding the LLM's quoted evidence in the candidate's own text: case, spacing and apostrophes do not matter; made-up quotes do.
import { describe, expect, it } from "vitest";
import { findQuote } from "../../src/mapping/llm-answer.ts";

describe("findQuote", () => {
  const text = "The customer’s  order was LATE,\nso I rang the depot.";
  it("finds a quote whatever its case, spacing and apostrophes", () => {
    const found = findQuote(text, "the customer's order was late, so i rang");
    expect(found && text.slice(found.start, found.end)).toBe("The customer’s  order was LATE,\nso I rang");
    expect(findQuote(text, "“I rang the depot.”")).toEqual({
      start: text.indexOf("I rang"),
      end: text.length - 1,
    });
  });
  it("rejects quotes that are not there or too short to mean anything", () => {
    expect(findQuote(text, "I rang the warehouse")).toBeNull();
    expect(findQuote(text, "I")).toBeNull();
    expect(findQuote(text, "")).toBeNull();
  });
});
