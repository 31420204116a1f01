// Feedback to candidates: the assessor writes it, the candidate reads and replies once, both sign; strangers hear not found.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveFeedback } from "../../src/portfolio/give-feedback.ts";
import { readFeedback } from "../../src/portfolio/read-feedback.ts";
import { replyToFeedback } from "../../src/portfolio/reply-to-feedback.ts";
import { signFeedback } from "../../src/portfolio/sign-feedback.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { type Seed, seedCentre, testContext } from "./fixture.ts";
import { reach } from "./steps.ts";

const backends = await testBackends();

describe.each(backends)("feedback to candidates on $name", (backend) => {
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
  const give = (extra: Partial<Parameters<typeof giveFeedback>[1]> = {}) =>
    giveFeedback(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      text: "You stayed calm with an upset customer and used her name throughout.",
      outcome: "Competent for 205.2.4; more evidence of a quiet period needed.",
      ...extra,
    });

  test("the assessor gives feedback; the candidate reads it (recorded once), replies once, and both sign", async () => {
    const f = await give();
    expect(f).toMatchObject({
      candidateName: "Amira Candidate",
      assessorName: "Carol Assessor",
      readAt: null,
    });
    expect(ctx.events).toContainEqual({
      type: "feedback.given",
      feedbackId: f.id,
      candidateId: seed.candidate.id,
      assessorId: seed.assessor.id,
    });
    expect(
      (await readFeedback(ctx, { actor: { personId: seed.assessor.id }, feedbackId: f.id })).readAt,
    ).toBeNull();
    const read = await readFeedback(ctx, { actor: { personId: seed.candidate.id }, feedbackId: f.id });
    expect(read.readAt).not.toBeNull();
    const replied = await replyToFeedback(ctx, {
      actorId: seed.candidate.id,
      feedbackId: f.id,
      text: "Thank you, I'll ask for a quiet shift.",
    });
    expect(replied.reply).toBe("Thank you, I'll ask for a quiet shift.");
    await expectAppError(
      replyToFeedback(ctx, { actorId: seed.candidate.id, feedbackId: f.id, text: "again" }),
      "forbidden_state",
    );
    await signFeedback(ctx, { actorId: seed.assessor.id, feedbackId: f.id, channel: "web" });
    const signed = await signFeedback(ctx, {
      actorId: seed.candidate.id,
      feedbackId: f.id,
      channel: "slack",
    });
    expect(signed.signatures.map((s) => s.role)).toEqual(["assessor", "candidate"]);
    const trail = (await ctx.store.audit.forEntity("feedback", f.id)).map((e) => e.action);
    expect(trail).toEqual([
      "feedback.given",
      "feedback.read",
      "feedback.replied",
      "signature.recorded",
      "signature.recorded",
    ]);
  });

  test("feedback on one piece of evidence names its reference", async () => {
    const e = await reach(ctx, seed, "assessed");
    const f = await give({ unitId: undefined, evidenceId: e.id });
    expect(f.evidenceRef).toBe(e.ref);
    expect(f.skillsKnowledge).toBe(`Evidence ${e.ref}`);
  });

  test("only the candidate's assessor gives it, only the candidate replies, strangers can't read or sign it", async () => {
    await expectAppError(give({ actorId: seed.otherAssessor.id }), "not_found");
    await expectAppError(give({ text: " " }), "bad_input", /feedback is empty/);
    await expectAppError(give({ unitId: undefined }), "bad_input", /which unit or which piece/);
    const f = await give();
    for (const actorId of [seed.otherCandidate.id, seed.otherAssessor.id, seed.foreignVerifier.id]) {
      await expectAppError(
        readFeedback(ctx, { actor: { personId: actorId }, feedbackId: f.id }),
        "not_found",
      );
      await expectAppError(signFeedback(ctx, { actorId, feedbackId: f.id }), "not_found");
    }
    await expectAppError(
      replyToFeedback(ctx, { actorId: seed.assessor.id, feedbackId: f.id, text: "x" }),
      "not_found",
    );
  });
});
