// The catalogue's readings stored with the model: what loading takes instead of reading the catalogue again, the same as reading it now, and not used for a catalogue whose texts have changed.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCueLemmas } from "../../src/mapping/cues.ts";
import { mapperFromModel, readModelFile } from "../../src/mapping/model.ts";
import { buildScorerIndex, buildTargets } from "../../src/mapping/scorer-index.ts";
import { serviceActs } from "../../src/mapping/served.ts";
import { shippedVectors } from "../../src/mapping/vectors.ts";
import {
  buildCatalogue,
  DEFAULT_CATALOGUE_DIR,
  loadCatalogue,
  readCatalogueFile,
} from "../../src/standards/catalogue.ts";

describe("the catalogue's readings in the model file", { timeout: 120_000 }, () => {
  const model = readModelFile();
  const stored = model?.file.catalogueReadings;
  const catalogue = loadCatalogue();
  const vectors = shippedVectors();

  it("are there, and loading the shipped model takes the catalogue's texts and service acts from them", () => {
    expect(stored, "the model has no catalogue readings: run `npm run train`").toBeDefined();
    if (!model) throw new Error("no model is shipped");
    // The mapper as loading builds it: its acts are the stored ones, not found again from the targets.
    const { index } = mapperFromModel(model, catalogue, vectors);
    expect(index.serviceActs).toBeDefined();
    expect([...(index.serviceActs ?? [])].sort()).toEqual(stored?.acts);
    expect(index.serviceActs?.has("apologise") || index.serviceActs?.has("apologize")).toBe(true);
  });

  it("are what reading the catalogue gives now (the model is retrained when the analyser changes)", () => {
    if (!stored) throw new Error("the model has no catalogue readings");
    const live = buildTargets(catalogue, vectors);
    expect(live.serviceActs).toBeUndefined();
    expect(live.readings.sha256).toBe(stored.sha256);
    expect(live.readings.words).toEqual(stored.words);
    expect(live.readings.terms).toEqual(stored.terms);
    // The acts as served.ts finds them on an index that has none stored.
    const index = buildScorerIndex(catalogue, vectors, [], [], live);
    expect([...serviceActs(index)].sort()).toEqual(stored.acts);
    expect(stored.cueLemmas.length).toBeGreaterThan(100);
    const differ = stored.cueLemmas.filter(
      ([cue, lemmas]) => readCueLemmas(cue.split(" ")).join(" ") !== lemmas,
    );
    expect(differ).toEqual([]);
  });

  it("are not used for a catalogue whose texts changed since training: that catalogue is read again", () => {
    if (!stored) throw new Error("the model has no catalogue readings");
    const files = loadCatalogueFiles();
    const level2 = files.find((f) => f.name === "level2.json");
    const criterion = level2?.data.units?.[0]?.elements?.[0]?.criteria?.[0];
    if (!criterion) throw new Error("no criterion to change in level2.json");
    criterion.text = "Greet every visiting stargazer beside the telescope dome";
    const changed = buildCatalogue(files);
    const built = buildTargets(changed, vectors, stored);
    expect(built.serviceActs).toBeUndefined();
    expect(built.readings.sha256).not.toBe(stored.sha256);
    const target = built.targets[built.targetIndex.get(criterion.id) ?? -1];
    expect(target?.text).toBe(criterion.text);
    const scores = built.textDocs.score(new Map([["stargazer", 1]]));
    expect(scores[built.targetIndex.get(criterion.id) ?? -1]).toBeGreaterThan(0);
  });
});

/** The shipped catalogue's files, read afresh (so a test can change one). */
function loadCatalogueFiles() {
  return readdirSync(DEFAULT_CATALOGUE_DIR)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((name) => ({ name, data: readCatalogueFile(join(DEFAULT_CATALOGUE_DIR, name)) }));
}
