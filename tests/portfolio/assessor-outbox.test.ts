// Issue 17's changes record who is told in the outbox with the change: the candidate asked to confirm or sign, the assessor told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmObservation } from "../../src/portfolio/confirm-observation.ts";
import { giveFeedback } from "../../src/portfolio/give-feedback.ts";
import { makeActionPlan } from "../../src/portfolio/make-action-plan.ts";
import { markPlanReminded } from "../../src/portfolio/mark-plan-reminded.ts";
import { recordObservation } from "../../src/portfolio/record-observation.ts";
import { replyToFeedback } from "../../src/portfolio/reply-to-feedback.ts";
import { signActionPlan } from "../../src/portfolio/sign-action-plan.ts";
import { signObservation } from "../../src/portfolio/sign-observation.ts";
import { testBackends } from "../store/backends.ts";
import { MAPPED, SEEN } from "./assessor-fixture.ts";
import { CLI, type Seed, seedCentre, testContext } from "./fixture.ts";

const backends = await testBackends();
const NOW = new Date("2026-12-01T15:00:00Z");

describe.each(backends)("issue 17's notifications in the outbox on $name", (backend) => {
  let ctx: ReturnType<typeof testContext>;
  let dispose = async () => {};
  let seed: Seed;

  beforeAll(async () => {
    if (backend.skip) return;
    const db = await backend.open();
    dispose = db.dispose;
    ctx = Object.assign(testContext(db.store), { now: () => NOW });
    seed = await seedCentre(ctx);
  });
  afterAll(() => dispose());

  const test = it.skipIf(Boolean(backend.skip));
  /** Everything waiting, as [kind, recipient, actor, evidence or subject], then marked sent. */
  const take = async () => {
    const pending = await ctx.store.outbox.pending(1000, 5);
    for (const n of pending) await ctx.store.outbox.delivered(n.id);
    return pending.map((n) => [n.kind, n.recipientId, n.actorId, n.evidenceId ?? n.subjectId]);
  };

  test("signing an observation asks the candidate to confirm it; confirming tells the assessor", async () => {
    await take();
    const r = await recordObservation(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      text: SEEN,
      mapped: MAPPED,
    });
    // made but not signed: nobody is asked yet
    expect(await take()).toEqual([]);
    const signed = await signObservation(ctx, {
      actorId: seed.assessor.id,
      evidenceId: r.evidence.id,
      version: r.evidence.version,
    });
    expect(await take()).toEqual([
      ["assessor_record.signed", seed.candidate.id, seed.assessor.id, r.evidence.id],
    ]);
    await confirmObservation(ctx, {
      actorId: seed.candidate.id,
      evidenceId: r.evidence.id,
      version: signed.evidence.version,
    });
    expect(await take()).toEqual([
      ["assessor_record.confirmed", seed.assessor.id, seed.candidate.id, r.evidence.id],
    ]);
  });

  test("a plan asks the candidate to sign, each signature tells the other, and the reminder tells both once", async () => {
    await take();
    const plan = await makeActionPlan(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      methods: ["direct_observation"],
      venue: "Shop floor",
      plannedAt: "2026-12-02 10:30",
      feedbackArrangements: "Straight after, in the staff room.",
    });
    expect(await take()).toEqual([["action_plan.made", seed.candidate.id, seed.assessor.id, plan.id]]);
    await signActionPlan(ctx, { actorId: seed.candidate.id, planId: plan.id });
    await signActionPlan(ctx, { actorId: seed.candidate.id, planId: plan.id });
    expect(await take()).toEqual([["action_plan.signed", seed.assessor.id, seed.candidate.id, plan.id]]);
    expect(await markPlanReminded(ctx, { actor: CLI, planId: plan.id })).toBe(true);
    expect(await markPlanReminded(ctx, { actor: CLI, planId: plan.id })).toBe(false);
    expect(await take()).toEqual([
      ["action_plan.reminded", seed.candidate.id, null, plan.id],
      ["action_plan.reminded", seed.assessor.id, null, plan.id],
    ]);
  });

  test("feedback is sent to the candidate and their reply to the assessor", async () => {
    await take();
    const f = await giveFeedback(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      text: "You stayed calm with an upset customer.",
      outcome: "Competent for 205.2.4.",
    });
    expect(await take()).toEqual([["feedback.given", seed.candidate.id, seed.assessor.id, f.id]]);
    await replyToFeedback(ctx, { actorId: seed.candidate.id, feedbackId: f.id, text: "Thank you." });
    expect(await take()).toEqual([["feedback.replied", seed.assessor.id, seed.candidate.id, f.id]]);
  });
});
