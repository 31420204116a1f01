// `shiftnote admin expert-witness`: the centre records Tom as an expert witness, he signs, and an admin confirms it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expertWitnessCommand } from "../../src/app/commands/expert-witness.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";

const TOM = "tom.reid@demo.shiftnote.test";
const DANA = "dana.okafor@demo.shiftnote.test";

let store: Store;
let portfolio: Portfolio;

beforeAll(async () => {
  store = await openStore("memory://");
  portfolio = createPortfolio({ store, catalogue: loadCatalogue() });
  await portfolio.loadDemoCentre();
});
afterAll(() => store.close());

describe("shiftnote admin expert-witness", () => {
  it("adds the record against 004's requirements, and confirms it once Tom has signed", async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    try {
      const add = [
        "add",
        TOM,
        "--position",
        "Team leader, tills",
        "--site",
        "Leeds store",
        "--units",
        "205,206",
      ];
      const more = [
        "--experience",
        "Six years leading the tills team",
        "--knowledge",
        "Trained on the N/SVQ standards",
        "--cpd",
        "Complaints course, 2026",
      ];
      // too little experience: 004 asks for two years
      await expect(expertWitnessCommand(portfolio, [...add, "--years", "1", ...more])).rejects.toThrow(
        /2 years|two years/i,
      );
      expect(await expertWitnessCommand(portfolio, [...add, "--years", "6", ...more])).toBe(0);
      const id = lines.at(-1)?.match(/record ([0-9a-f-]{36})/)?.[1] as string;
      expect(lines.at(-1)).toMatch(/^Recorded Tom Reid as an expert witness for units 205, 206 \(record /);

      // not signed yet: the centre cannot confirm it
      await expect(expertWitnessCommand(portfolio, ["confirm", id, "--by", DANA])).rejects.toThrow(
        /has not signed their record yet/,
      );
      const tom = (await portfolio.personByEmail(TOM))?.id as string;
      await portfolio.signExpertWitnessRecord({ actorId: tom, expertWitnessId: id });
      expect(await expertWitnessCommand(portfolio, ["confirm", id, "--by", DANA])).toBe(0);
      expect(lines.at(-1)).toBe("Dana Okafor confirmed the expert witness record of Tom Reid.");
    } finally {
      log.mockRestore();
    }
  });
});
