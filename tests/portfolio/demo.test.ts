// The demo centre on both databases: evidence in every state, and loading it twice changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoCentre } from "../../src/portfolio/demo-centre.ts";
import { exportPortfolio } from "../../src/portfolio/export-portfolio.ts";
import { getProgress } from "../../src/portfolio/get-progress.ts";
import { testBackends } from "../store/backends.ts";
import { CLI, testContext } from "./fixture.ts";

const backends = await testBackends();

describe.each(backends)("demo centre on $name", (backend) => {
  let ctx: ReturnType<typeof testContext>;
  let dispose = async () => {};
  const test = it.skipIf(Boolean(backend.skip));

  beforeAll(async () => {
    if (backend.skip) return;
    const db = await backend.open();
    dispose = db.dispose;
    ctx = testContext(db.store);
  });
  afterAll(() => dispose());

  test("loads candidates at every level with evidence in every state, and is safe to run twice", async () => {
    const people = await loadDemoCentre(ctx);
    expect(people.map((p) => [p.email, p.roles.join()])).toEqual(
      expect.arrayContaining([
        ["priya.shah@demo.shiftnote.test", "assessor"],
        ["tom.reid@demo.shiftnote.test", "witness"],
        ["grace.mensah@demo.shiftnote.test", "internal_verifier"],
        ["dana.okafor@demo.shiftnote.test", "admin"],
      ]),
    );
    expect(people.filter((p) => p.level).map((p) => p.level)).toEqual([1, 2, 3]);
    const amira = people.find((p) => p.key === "amira");
    if (!amira) throw new Error("no Amira");
    const before = await exportPortfolio(ctx, { actor: CLI, candidateId: amira.id });
    expect(before.evidence.map((e) => e.status).sort()).toEqual([
      "assessed",
      "draft",
      "referred",
      "sampled",
      "submitted",
    ]);
    const christmas = before.evidence.find((e) => e.status === "submitted");
    expect(christmas?.witnessRequests[0]?.testimony?.statusCategory).toBe(4);
    expect(before.evidence.find((e) => e.status === "draft")?.witnessRequests[0]?.status).toBe("pending");

    const again = await loadDemoCentre(ctx);
    expect(again.map((p) => p.id)).toEqual(people.map((p) => p.id));
    const after = await exportPortfolio(ctx, { actor: CLI, candidateId: amira.id });
    expect(after.evidence.map((e) => [e.id, e.status, e.version])).toEqual(
      before.evidence.map((e) => [e.id, e.status, e.version]),
    );
    expect(after.audit.length).toBe(before.audit.length);
    const [coverage] = await getProgress(ctx, { actor: CLI, candidateId: amira.id });
    const unit = coverage?.units.find((u) => u.unitId === "205");
    expect(unit?.criteria.find((c) => c.id === "205.2.4")?.state).toBe("assessed");
  });
});
