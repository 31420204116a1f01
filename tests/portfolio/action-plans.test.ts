// Assessment action plans: only the candidate's assessor makes one, both sign, the day-before reminder lists it once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portfolioContext } from "../../src/portfolio/context.ts";
import { listActionPlans } from "../../src/portfolio/list-action-plans.ts";
import { listPlansDue } from "../../src/portfolio/list-plans-due.ts";
import { makeActionPlan } from "../../src/portfolio/make-action-plan.ts";
import { markPlanReminded } from "../../src/portfolio/mark-plan-reminded.ts";
import { signActionPlan } from "../../src/portfolio/sign-action-plan.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { type Seed, seedCentre, testContext } from "./fixture.ts";

const backends = await testBackends();
const NOW = new Date("2026-12-01T15:00:00Z");

describe.each(backends)("assessment action plans on $name", (backend) => {
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
  const plan = (extra: Partial<Parameters<typeof makeActionPlan>[1]> = {}) =>
    makeActionPlan(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      methods: ["direct_observation", "professional_discussion"],
      venue: "Shop floor, Leeds store",
      plannedAt: "2026-12-02 10:30",
      feedbackArrangements: "Feedback in the staff room straight after the observation.",
      ...extra,
    });

  test("the assessor makes a plan with the unit's gaps as the requirements still to meet; both sign it", async () => {
    const p = await plan();
    expect(p).toMatchObject({
      candidateName: "Amira Candidate",
      assessorName: "Carol Assessor",
      unitId: "205",
      methods: ["direct_observation", "professional_discussion"],
      plannedAt: "2026-12-02T10:30:00.000Z",
      agreed: false,
    });
    expect(p.requirements).toMatch(/^205: still needs/);
    expect(p.skillsKnowledge).toBe("Performance criteria, ranges and knowledge of unit 205");
    const a = await signActionPlan(ctx, { actorId: seed.assessor.id, planId: p.id, channel: "web" });
    expect(a.agreed).toBe(false);
    const both = await signActionPlan(ctx, { actorId: seed.candidate.id, planId: p.id, channel: "teams" });
    expect(both.agreed).toBe(true);
    expect(both.signatures.map((s) => [s.role, s.channel])).toEqual([
      ["assessor", "web"],
      ["candidate", "teams"],
    ]);
    expect(both.signatures[1]?.line).toBe("Confirmed by Amira Candidate on 01/12/2026 at 15:00");
    // signing again keeps the first signature
    expect((await signActionPlan(ctx, { actorId: seed.candidate.id, planId: p.id })).signatures).toHaveLength(
      2,
    );
    const trail = (await ctx.store.audit.forEntity("action_plan", p.id)).map((e) => e.action);
    expect(trail).toEqual(["action_plan.made", "signature.recorded", "signature.recorded"]);
  });

  test("only the candidate's assessor makes a plan, and only its two people sign: strangers hear not found", async () => {
    for (const actorId of [seed.otherAssessor.id, seed.candidate.id, seed.verifier.id])
      await expectAppError(plan({ actorId }), "not_found");
    await expectAppError(plan({ unitId: "301" }), "not_found", /not on Amira Candidate's plan/);
    await expectAppError(plan({ methods: [] }), "bad_input", /Tick at least one/);
    await expectAppError(plan({ plannedAt: "2026-11-30 10:00" }), "bad_input", /has passed/);
    await expectAppError(plan({ plannedAt: "tomorrow-ish" }), "bad_input", /must look like/);
    const p = await plan();
    for (const actorId of [seed.otherAssessor.id, seed.otherCandidate.id, seed.verifier.id, seed.witness.id])
      await expectAppError(signActionPlan(ctx, { actorId, planId: p.id }), "not_found");
    await expectAppError(
      listActionPlans(ctx, { actor: { personId: seed.otherCandidate.id }, candidateId: seed.candidate.id }),
      "not_found",
    );
  });

  test("plans due tomorrow (London time) are listed for reminders until marked, once; progress shows the next", async () => {
    const soon = await plan({ plannedAt: "2026-12-02 08:00" });
    const later = await plan({ plannedAt: "2026-12-09 08:00" });
    const due = await listPlansDue(ctx, { actor: { system: "bot" } });
    expect(due.map((p) => p.id)).toContain(soon.id);
    expect(due.map((p) => p.id)).not.toContain(later.id);
    expect(await markPlanReminded(ctx, { actor: { system: "bot" }, planId: soon.id })).toBe(true);
    expect(await markPlanReminded(ctx, { actor: { system: "bot" }, planId: soon.id })).toBe(false);
    expect((await listPlansDue(ctx, { actor: { system: "bot" } })).map((p) => p.id)).not.toContain(soon.id);
    await expectAppError(listPlansDue(ctx, { actor: { personId: seed.assessor.id } as never }), "not_found");
    const mine = await listActionPlans(ctx, {
      actor: { personId: seed.candidate.id },
      candidateId: seed.candidate.id,
    });
    expect(new Date(mine.next?.plannedAt ?? 0).getTime()).toBeGreaterThanOrEqual(NOW.getTime());
    expect(mine.plans.map((p) => p.id)).toEqual(expect.arrayContaining([soon.id, later.id]));
    // in summer London is an hour ahead: a plan at 00:30 on 2 July London time is due on 1 July
    const summer = Object.assign(portfolioContext(ctx.store, ctx.catalogue), {
      now: () => new Date("2026-07-01T12:00:00Z"),
    });
    const july = await makeActionPlan(summer, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "206",
      methods: ["oral_questioning"],
      venue: "Office",
      plannedAt: "2026-07-02 00:30",
      feedbackArrangements: "By phone",
    });
    expect(july.plannedAt).toBe("2026-07-01T23:30:00.000Z");
    expect((await listPlansDue(summer, { actor: { system: "bot" } })).map((p) => p.id)).toContain(july.id);
  });
});
