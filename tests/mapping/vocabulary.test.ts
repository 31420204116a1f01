// The curated vocabulary: valid files, only ids the catalogue knows, and the schema rejecting bad data.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadVocabulary, unknownVocabularyIds } from "../../src/mapping/vocabulary.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

describe("vocabulary", () => {
  it("loads, and names only units, criteria, knowledge items and situations the catalogue defines", () => {
    const vocabulary = loadVocabulary();
    expect(vocabulary.criteria.size).toBeGreaterThan(200);
    expect(vocabulary.units.size).toBeGreaterThan(20);
    expect(unknownVocabularyIds(vocabulary, loadCatalogue())).toEqual([]);
    expect([...vocabulary.channelUnits].sort()).toEqual(["207", "208", "209"]);
  });

  it("rejects a file with a bad id, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "vocab-"));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ criteria: { "not an id": ["asked my manager"] } }));
    expect(() => loadVocabulary(dir)).toThrow(/bad\.json/);
  });
});
