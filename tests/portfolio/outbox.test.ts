// The outbox on both databases: a change records who is told in its own transaction, and a refused change tells no one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDecision } from "../../src/portfolio/record-decision.ts";
import { requestWitness } from "../../src/portfolio/request-witness.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { draft, type Seed, seedCentre, testContext } from "./fixture.ts";
import { ALL_ACCEPTED } from "./steps.ts";

const backends = await testBackends();

describe.each(backends)("the outbox on $name", (backend) => {
  let ctx: ReturnType<typeof testContext>;
  let dispose = async () => {};
  let seed: Seed;

  beforeAll(async () => {
    if (backend.skip) return;
    const db = await backend.open();
    dispose = db.dispose;
    ctx = testContext(db.store);
    seed = await seedCentre(ctx);
  });
  afterAll(() => dispose());

  const test = it.skipIf(Boolean(backend.skip));
  const waiting = async (evidenceId: string) =>
    (await ctx.store.outbox.pending(1000, 5)).filter((n) => n.evidenceId === evidenceId);

  test("submit, witness request and decision each leave one notification for the person told", async () => {
    const d = await draft(ctx, seed);
    expect(await waiting(d.id)).toEqual([]);
    const s = await submitEvidence(ctx, { actorId: seed.candidate.id, evidenceId: d.id, version: d.version });
    await requestWitness(ctx, { actorId: seed.candidate.id, evidenceId: d.id, witnessId: seed.witness.id });
    await recordDecision(ctx, {
      actorId: seed.assessor.id,
      evidenceId: d.id,
      version: s.version,
      outcome: "assessed",
      claims: ALL_ACCEPTED,
    });
    const told = (await waiting(d.id)).map((n) => [n.kind, n.recipientId, n.actorId]);
    expect(told).toEqual([
      ["evidence.submitted", seed.assessor.id, seed.candidate.id],
      ["witness.requested", seed.witness.id, seed.candidate.id],
      ["evidence.assessed", seed.candidate.id, seed.assessor.id],
    ]);
    const [first] = await waiting(d.id);
    expect(first?.version).toBe(s.version);
    // Delivered once, it is not handed out again.
    for (const n of await waiting(d.id)) await ctx.store.outbox.delivered(n.id);
    expect(await waiting(d.id)).toEqual([]);
  });

  test("a stale decision writes nothing to the outbox, and failed deliveries are retried a bounded number of times", async () => {
    const d = await draft(ctx, seed);
    const s = await submitEvidence(ctx, { actorId: seed.candidate.id, evidenceId: d.id, version: d.version });
    await expectAppError(
      recordDecision(ctx, {
        actorId: seed.assessor.id,
        evidenceId: d.id,
        version: d.version,
        outcome: "assessed",
        claims: ALL_ACCEPTED,
      }),
      "stale",
    );
    const [submitted, ...rest] = await waiting(d.id);
    expect(rest).toEqual([]);
    expect(submitted?.kind).toBe("evidence.submitted");
    for (let i = 0; i < 3; i++) await ctx.store.outbox.failed(submitted?.id ?? "", "Slack is down");
    expect((await ctx.store.outbox.pending(1000, 4)).some((n) => n.id === submitted?.id)).toBe(true);
    expect((await ctx.store.outbox.pending(1000, 3)).some((n) => n.id === submitted?.id)).toBe(false);
    expect(s.status).toBe("submitted");
  });
});
