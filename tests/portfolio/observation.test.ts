// Observation and discussion records: the assessor records and signs, the candidate confirms, and only then are claims assessed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmObservation } from "../../src/portfolio/confirm-observation.ts";
import { ERASED_TEXT, erasePerson } from "../../src/portfolio/erase-person.ts";
import { giveFeedback } from "../../src/portfolio/give-feedback.ts";
import { recordDecision } from "../../src/portfolio/record-decision.ts";
import { recordDiscussion } from "../../src/portfolio/record-discussion.ts";
import { recordObservation } from "../../src/portfolio/record-observation.ts";
import { getRecordingForm } from "../../src/portfolio/recording-form.ts";
import { signObservation } from "../../src/portfolio/sign-observation.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { viewEvidence } from "../../src/portfolio/view-evidence.ts";
import { testBackends } from "../store/backends.ts";
import { MAPPED, SEEN } from "./assessor-fixture.ts";
import { expectAppError } from "./expect-error.ts";
import { draft, type Seed, seedCentre, testContext } from "./fixture.ts";

const backends = await testBackends();

describe.each(backends)("observation and discussion records on $name", (backend) => {
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
  const observe = (extra: Partial<Parameters<typeof recordObservation>[1]> = {}) =>
    recordObservation(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      text: SEEN,
      mapped: MAPPED,
      heldAt: "2026-11-30 14:30",
      supplementary: [
        { kind: "work_products", location: "Order note 4471, customer service folder" },
        { kind: "photographs", location: "files/obs/till-display.jpg" },
      ],
      ...extra,
    });

  test("the assessor records what they saw; the mapper's suggestions on the plan come back as a draft to correct", async () => {
    const r = await observe();
    expect(r.evidence.status).toBe("submitted");
    expect(r.evidence.ref).toMatch(/^E\d+$/);
    expect(r.suggestions.map((s) => s.targetId)).toEqual(["205.1.3", "205.2.4", "205.K.a", "205.ER4.b"]);
    expect(r.suggestions[0]).toMatchObject({
      proposedBy: "mapper",
      support: "listened to the complaint without interrupting",
    });
    const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: r.evidence.id });
    expect(view.method).toBe("observation");
    expect(view.text).toBe(SEEN);
    const record = await ctx.store.assessorRecords.of(r.evidence.id);
    expect(record).toMatchObject({ assessorId: seed.assessor.id, heldAt: "2026-11-30T14:30:00.000Z" });
    expect(record?.supplementary.map((s) => s.kind)).toEqual(["work_products", "photographs"]);
    expect(ctx.events).toContainEqual({
      type: "assessor_record.made",
      evidenceId: r.evidence.id,
      candidateId: seed.candidate.id,
      assessorId: seed.assessor.id,
    });
  });

  test("only the candidate's own assessor records an observation: anyone else hears not found", async () => {
    for (const actorId of [seed.otherAssessor.id, seed.candidate.id, seed.verifier.id, seed.witness.id])
      await expectAppError(observe({ actorId }), "not_found", /can't find that candidate/);
    await expectAppError(observe({ text: "  " }), "bad_input", /observation is empty/);
    await expectAppError(
      observe({ supplementary: [{ kind: "photographs", location: " " }] }),
      "bad_input",
      /where the supplementary evidence is kept/,
    );
  });

  test("the assessor corrects and signs; the candidate confirms; then every claim is accepted and the record is assessed", async () => {
    const r = await observe();
    // before anyone signs, the candidate can't confirm and the assessor can't decide it as ordinary evidence
    await expectAppError(
      confirmObservation(ctx, {
        actorId: seed.candidate.id,
        evidenceId: r.evidence.id,
        version: r.evidence.version,
      }),
      "forbidden_state",
      /not signed/,
    );
    await expectAppError(
      recordDecision(ctx, {
        actorId: seed.assessor.id,
        evidenceId: r.evidence.id,
        version: r.evidence.version,
        outcome: "assessed",
        claims: [],
      }),
      "forbidden_state",
      /your own record/,
    );
    const signed = await signObservation(ctx, {
      actorId: seed.assessor.id,
      evidenceId: r.evidence.id,
      version: r.evidence.version,
      removeClaims: ["205.K.a"],
      addClaims: [{ id: "205.ER5.b", support: "the customer was upset" }],
      channel: "teams",
    });
    expect(signed.evidence.version).toBe(r.evidence.version + 1);
    expect(signed.signatures).toHaveLength(1);
    expect(signed.signatures[0]).toMatchObject({
      kind: "assessor_record",
      role: "assessor",
      channel: "teams",
    });
    expect(signed.signatures[0]?.line).toMatch(
      /^Confirmed by Carol Assessor on \d\d\/\d\d\/\d{4} at \d\d:\d\d$/,
    );
    await expectAppError(
      signObservation(ctx, {
        actorId: seed.assessor.id,
        evidenceId: r.evidence.id,
        version: signed.evidence.version,
      }),
      "forbidden_state",
      /already signed/,
    );
    // only the candidate confirms: their assessor and strangers hear "not found"
    for (const actorId of [seed.assessor.id, seed.otherCandidate.id, seed.verifier.id])
      await expectAppError(
        confirmObservation(ctx, { actorId, evidenceId: r.evidence.id, version: signed.evidence.version }),
        "not_found",
      );
    const confirmed = await confirmObservation(ctx, {
      actorId: seed.candidate.id,
      evidenceId: r.evidence.id,
      version: signed.evidence.version,
      channel: "slack",
    });
    expect(confirmed.evidence.status).toBe("assessed");
    expect(confirmed.signatures.map((s) => [s.role, s.channel])).toEqual([
      ["assessor", "teams"],
      ["candidate", "slack"],
    ]);
    const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: r.evidence.id });
    expect(view.activeClaims.map((c) => [c.targetId, c.decision])).toEqual([
      ["205.1.3", "accepted"],
      ["205.2.4", "accepted"],
      ["205.ER4.b", "accepted"],
      ["205.ER5.b", "accepted"],
    ]);
    expect(view.decisions).toEqual([
      expect.objectContaining({ assessorId: seed.assessor.id, outcome: "assessed" }),
    ]);
    const trail = (await ctx.store.audit.forEntity("evidence", r.evidence.id)).map((a) => a.action);
    expect(trail).toEqual([
      "evidence.observed",
      "evidence.assessor_signed",
      "signature.recorded",
      "signature.recorded",
      "evidence.assessed",
    ]);
    // the unit recording form shows it with its own reference and method
    const form = await getRecordingForm(ctx, {
      actor: { personId: seed.assessor.id },
      candidateId: seed.candidate.id,
      unitId: "205",
    });
    expect(form.rows.find((row) => row.id === "205.2.4")?.own.done).toContain(r.evidence.ref);
    expect(form.evidence).toContainEqual({ ref: r.evidence.ref, method: "observation" });
  });

  test("a stranger can't sign someone else's record, and a stale version is refused", async () => {
    const r = await observe();
    for (const actorId of [seed.otherAssessor.id, seed.candidate.id, seed.verifier.id])
      await expectAppError(
        signObservation(ctx, { actorId, evidenceId: r.evidence.id, version: r.evidence.version }),
        "not_found",
      );
    await expectAppError(
      signObservation(ctx, {
        actorId: seed.assessor.id,
        evidenceId: r.evidence.id,
        version: r.evidence.version + 5,
      }),
      "stale",
    );
    await expectAppError(
      signObservation(ctx, {
        actorId: seed.assessor.id,
        evidenceId: r.evidence.id,
        version: r.evidence.version,
        removeClaims: r.suggestions.map((s) => s.targetId),
      }),
      "bad_input",
      /would claim nothing/,
    );
  });

  test("a voice note observation keeps its recording and engine, and a retried event files it once", async () => {
    const input = {
      source: "voice" as const,
      audioPath: "voice/obs.ogg",
      transcriptionEngine: "platform",
      eventId: `obs-${Math.random()}`,
    };
    const a = await observe(input);
    const b = await observe(input);
    expect(b.evidence.id).toBe(a.evidence.id);
    expect(b.suggestions.map((s) => s.targetId).sort()).toEqual(a.suggestions.map((s) => s.targetId).sort());
    const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: a.evidence.id });
    expect(view).toMatchObject({
      source: "voice",
      audioPath: "voice/obs.ogg",
      transcriptionEngine: "platform",
    });
  });

  test("a professional discussion lists knowledge items first and keeps the questions and answers", async () => {
    const r = await recordDiscussion(ctx, {
      actorId: seed.assessor.id,
      candidateId: seed.candidate.id,
      text: "We talked about how Amira handles complaints.",
      questions: [
        {
          question: "What does the organisation promise about delivery times?",
          answer: "Next-day delivery before noon.",
        },
        { question: "Who do you go to when a refund is over your limit?", answer: "The duty manager." },
      ],
      mapped: MAPPED,
    });
    expect(r.suggestions[0]?.kind).toBe("knowledge");
    const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: r.evidence.id });
    expect(view.method).toBe("professional_discussion");
    const record = await ctx.store.assessorRecords.of(r.evidence.id);
    expect(record?.questions.map((q) => q.number)).toEqual([1, 2]);
    expect(record?.questions[1]?.answer).toBe("The duty manager.");
    await expectAppError(
      recordDiscussion(ctx, {
        actorId: seed.otherAssessor.id,
        candidateId: seed.candidate.id,
        text: "x",
      }),
      "not_found",
    );
    await expectAppError(
      recordDiscussion(ctx, {
        actorId: seed.assessor.id,
        candidateId: seed.candidate.id,
        text: "x",
        questions: [{ question: "Why?", answer: "" }],
      }),
      "bad_input",
      /Question 1 needs/,
    );
  });

  test("submitting records the candidate's authenticity declaration once, with the channel, in the audit trail", async () => {
    const d = await draft(ctx, seed);
    const s = await submitEvidence(ctx, {
      actorId: seed.candidate.id,
      evidenceId: d.id,
      version: d.version,
      channel: "web",
    });
    const signatures = await ctx.store.signatures.of([d.id]);
    expect(signatures).toEqual([
      expect.objectContaining({
        kind: "authenticity",
        personId: seed.candidate.id,
        role: "candidate",
        channel: "web",
        subjectVersion: s.version,
      }),
    ]);
    const trail = await ctx.store.audit.forEntity("evidence", d.id);
    expect(trail.map((a) => a.action)).toEqual([
      "evidence.drafted",
      "evidence.submitted",
      "signature.recorded",
    ]);
    expect(trail[2]?.data).toMatchObject({ kind: "authenticity", channel: "web" });
    // an older caller that says no channel still gets the declaration recorded
    const e = await draft(ctx, seed);
    await submitEvidence(ctx, { actorId: seed.candidate.id, evidenceId: e.id, version: e.version });
    expect((await ctx.store.signatures.of([e.id]))[0]).toMatchObject({ kind: "authenticity", channel: null });
  });
});

describe.each(backends)("erasing a candidate with assessor records on $name", (backend) => {
  it.skipIf(Boolean(backend.skip))(
    "removes the questions, answers and supplementary locations of their records, and their feedback's words",
    async () => {
      const db = await backend.open();
      try {
        const ctx = testContext(db.store);
        const seed = await seedCentre(ctx);
        const r = await recordDiscussion(ctx, {
          actorId: seed.assessor.id,
          candidateId: seed.candidate.id,
          text: "Notes.",
          questions: [{ question: "Where do you live?", answer: "12 Acacia Avenue" }],
          supplementary: [{ kind: "photographs", location: "files/amira-at-home.jpg" }],
        });
        const f = await giveFeedback(ctx, {
          actorId: seed.assessor.id,
          candidateId: seed.candidate.id,
          unitId: "205",
          text: "Personal words",
          outcome: "Competent",
        });
        await erasePerson(ctx, { actor: { personId: seed.admin.id }, personId: seed.candidate.id });
        const record = await ctx.store.assessorRecords.of(r.evidence.id);
        expect(record?.questions[0]).toMatchObject({ question: ERASED_TEXT, answer: ERASED_TEXT });
        expect(record?.supplementary[0]?.location).toBe(ERASED_TEXT);
        expect(await ctx.store.feedback.byId(f.id)).toMatchObject({
          text: ERASED_TEXT,
          outcome: ERASED_TEXT,
        });
      } finally {
        await db.dispose();
      }
    },
  );
});
