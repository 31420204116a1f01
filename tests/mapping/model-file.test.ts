// The shipped model's two parts (mapper-model.json and mapper-model.bin): written again from what was read they are the same bytes, they map as before, and a binary part cut short or from another training is refused with a message that says so.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  binaryPathFor,
  DEFAULT_MODEL_PATH,
  mapperFromModel,
  parseModel,
  readModelFile,
  serialiseModel,
} from "../../src/mapping/model.ts";
import { mapWith } from "../../src/mapping/offline.ts";
import { shippedVectors } from "../../src/mapping/vectors.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";

const ACCOUNT =
  "A man came to the till upset that his parcel had not arrived. I looked up the order, saw it was stuck at the depot, apologised and rang the courier while he waited, then booked it for the next morning and gave him the reference.";

describe("the mapper's model file", { timeout: 60_000 }, () => {
  const json = readFileSync(DEFAULT_MODEL_PATH, "utf8");
  const binary = readFileSync(binaryPathFor(DEFAULT_MODEL_PATH));

  it("keeps the vectors in the binary part, so the JSON part is weights, thresholds and labels to review", () => {
    const model = parseModel(json, binary);
    expect(model.file.binary?.file).toBe(basename(binaryPathFor(DEFAULT_MODEL_PATH)));
    expect(model.arrays.exampleVectors.length).toBe(model.file.examples.length * model.file.dims);
    expect(model.arrays.accountVectors.length).toBe(model.file.accounts.length * model.file.dims);
    // No long base64 runs (the vectors of format 1) are left in the JSON part.
    expect(json).not.toMatch(/[A-Za-z0-9+/]{200,}/);
  });

  it("written again from what was read, gives the same bytes and maps the same", () => {
    const model = parseModel(json, binary);
    const again = serialiseModel(model, model.file.binary?.file);
    expect(again.json).toBe(json);
    expect(again.binary.equals(binary)).toBe(true);
    const catalogue = loadCatalogue();
    const options = { level: 2 as const, units: ["201", "205", "213"] };
    const one = mapWith(mapperFromModel(model, catalogue, shippedVectors()), ACCOUNT, options);
    const two = mapWith(
      mapperFromModel(parseModel(again.json, again.binary), catalogue, shippedVectors()),
      ACCOUNT,
      options,
    );
    expect(one.isEvidence).toBe(true);
    expect({ ...two, elapsedMs: 0 }).toEqual({ ...one, elapsedMs: 0 });
  });

  it("refuses a binary part cut short, or one from another training, saying what to do", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiftnote-model-"));
    const path = join(dir, "mapper-model.json");
    copyFileSync(DEFAULT_MODEL_PATH, path);
    writeFileSync(binaryPathFor(path), binary.subarray(0, binary.length - 1000));
    expect(() => readModelFile(path)).toThrow(/binary part \(mapper-model\.bin\).*cut short.*npm run train/);
    const changed = Buffer.from(binary);
    changed[0] = (changed[0] as number) ^ 1;
    writeFileSync(binaryPathFor(path), changed);
    expect(() => readModelFile(path)).toThrow(/not the one its JSON part was written with.*npm run train/);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(json), format: 1 }));
    expect(() => readModelFile(path)).toThrow(/format 1, not 2/);
    expect(readModelFile(join(dir, "none.json"))).toBeNull();
  });

  it("records held-out figures no worse than the last landed model's, with a register left out of training", () => {
    // The register-held-out cross-validation of `npm run train` (data/training/model/README.md): each
    // register's accounts are mapped by models fitted without its sentences and accounts. Floors a little
    // below the figures of the model trained on 2,417 texts (recall@10 0.619, precision@5 0.478, shown
    // precision 0.551, not-evidence 0.768 with 680 not-evidence texts), so a retraining that loses what it
    // gained on unseen accounts fails here. The not-evidence floor is over the 0.762 of the gate fitted with
    // an L2 penalty of 3, which caught fewer not-evidence texts while refusing more accounts (50 of 1,737
    // against 43).
    const model = parseModel(json, binary);
    const register = model.file.crossValidation.register as { pooled: Record<string, number> };
    expect(register.pooled.n).toBeGreaterThan(1000);
    expect(register.pooled.pc_recall_at_10).toBeGreaterThanOrEqual(0.59);
    expect(register.pooled.pc_precision_at_5).toBeGreaterThanOrEqual(0.475);
    expect(register.pooled.pc_shown_precision).toBeGreaterThanOrEqual(0.545);
    expect(register.pooled.not_evidence_accuracy).toBeGreaterThanOrEqual(0.765);
    expect(register.pooled.claims_shown_median).toBeLessThanOrEqual(8);
  });
});
