// The candidate's own portfolio page says what to do about referred and draft evidence, instead of "read only".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateRecords } from "../../src/portfolio/candidate-records.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { portfolioPage } from "../../src/web/views/portfolio.ts";
import { type Seed, seedCentre, testContext } from "./fixture.ts";
import { reach } from "./steps.ts";

let store: Store;
let ctx: ReturnType<typeof testContext>;
let seed: Seed;

beforeAll(async () => {
  store = await openStore("memory://");
  ctx = testContext(store);
  seed = await seedCentre(ctx);
});
afterAll(() => store.close());

const pageFor = async (personId: string) => {
  const records = await candidateRecords(ctx, { actor: { personId }, candidateId: seed.candidate.id });
  const viewer = { person: (await store.people.byId(personId)) ?? seed.candidate, csrf: "t" };
  return portfolioPage(viewer, records, loadCatalogue(), { mayExportAll: true });
};

describe("the candidate's portfolio page", () => {
  it("with nothing to finish, says how to add evidence and nothing about being read only", async () => {
    const page = await pageFor(seed.candidate.id);
    expect(page).not.toMatch(/Read only/i);
    expect(page).toMatch(/tell the Shiftnote bot about a customer/);
    expect(page).not.toMatch(/What to do next/);
  });

  it("with referred evidence, shows the comment and how to change and resubmit it", async () => {
    const referred = await reach(ctx, seed, "referred");
    const ref = (await store.evidence.byId(referred.id))?.ref ?? "";
    const page = await pageFor(seed.candidate.id);
    expect(page).toMatch(/What to do next/);
    expect(page).toMatch(/1 piece of evidence referred back to finish/);
    expect(page).toContain("Say what you did to make it personal.");
    expect(page).toMatch(
      new RegExp(
        `type <strong>${ref}</strong> in your chat with Shiftnote, press <strong>Edit text</strong>`,
      ),
    );
    expect(page).not.toMatch(/Read only/i);
  });

  it("shows the assessor no to-do list meant for the candidate", async () => {
    const page = await pageFor(seed.assessor.id);
    expect(page).not.toMatch(/What to do next/);
  });
});
