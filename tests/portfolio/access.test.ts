// Permissions and witness rules on both databases: everyone without access hears "not found", never "forbidden".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../src/portfolio/add-person.ts";
import { assignStaff } from "../../src/portfolio/assign-staff.ts";
import { editEvidence } from "../../src/portfolio/edit-evidence.ts";
import { erasePerson } from "../../src/portfolio/erase-person.ts";
import { exportPortfolio } from "../../src/portfolio/export-portfolio.ts";
import { getProgress } from "../../src/portfolio/get-progress.ts";
import { giveTestimony } from "../../src/portfolio/give-testimony.ts";
import { listWork } from "../../src/portfolio/list-work.ts";
import { recordDecision } from "../../src/portfolio/record-decision.ts";
import { requestWitness } from "../../src/portfolio/request-witness.ts";
import { sampleEvidence } from "../../src/portfolio/sample-evidence.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { viewEvidence } from "../../src/portfolio/view-evidence.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { CLI, draft, type Seed, seedCentre, testContext } from "./fixture.ts";
import { ALL_ACCEPTED, reach } from "./steps.ts";

const backends = await testBackends();

describe.each(backends)("permissions and witness rules on $name", (backend) => {
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
  const testimony = (requestId: string, actorId: string, extra: Record<string, unknown> = {}) =>
    giveTestimony(ctx, {
      actorId,
      requestId,
      statusCategory: 3,
      relationship: "team leader",
      declaredNoPersonalRelationship: true,
      text: "I was on the next till. She calmed the customer, used her name and found the order.",
      ...extra,
    });

  describe("a candidate sees and edits only their own evidence", () => {
    test("another candidate can't see, edit or submit it", async () => {
      const d = await draft(ctx, seed);
      const other = seed.otherCandidate.id;
      await expectAppError(viewEvidence(ctx, { actorId: other, evidenceId: d.id }), "not_found");
      await expectAppError(
        editEvidence(ctx, { actorId: other, evidenceId: d.id, version: d.version, text: "mine now" }),
        "not_found",
      );
      await expectAppError(
        submitEvidence(ctx, { actorId: other, evidenceId: d.id, version: d.version }),
        "not_found",
      );
    });

    test("a draft is hidden from the assessor and the verifier until it is submitted", async () => {
      const d = await draft(ctx, seed);
      await expectAppError(viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: d.id }), "not_found");
      await expectAppError(viewEvidence(ctx, { actorId: seed.verifier.id, evidenceId: d.id }), "not_found");
      await submitEvidence(ctx, { actorId: seed.candidate.id, evidenceId: d.id, version: d.version });
      const seen = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: d.id });
      expect(seen.names[seed.candidate.id]).toBe("Amira Candidate");
    });

    test("someone unknown, or a made-up evidence id, gets not found", async () => {
      const d = await draft(ctx, seed);
      await expectAppError(viewEvidence(ctx, { actorId: "nobody", evidenceId: d.id }), "not_found");
      await expectAppError(
        viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: "00000000-0000-0000-0000-000000000000" }),
        "not_found",
        /can't find that piece of evidence/,
      );
    });
  });

  describe("only the candidate's assigned assessor decides", () => {
    test("another assessor, the candidate and the verifier get not found", async () => {
      const s = await reach(ctx, seed, "submitted");
      const decide = (actorId: string) =>
        recordDecision(ctx, {
          actorId,
          evidenceId: s.id,
          version: s.version,
          outcome: "assessed",
          claims: ALL_ACCEPTED,
        });
      await expectAppError(decide(seed.otherAssessor.id), "not_found");
      await expectAppError(decide(seed.candidate.id), "not_found");
      await expectAppError(decide(seed.verifier.id), "not_found");
      await expectAppError(
        viewEvidence(ctx, { actorId: seed.otherAssessor.id, evidenceId: s.id }),
        "not_found",
      );
      expect(await decide(seed.assessor.id)).toMatchObject({ status: "assessed" });
    });

    test("the assessor's queue lists submitted evidence of their candidates only", async () => {
      const s = await reach(ctx, seed, "submitted");
      const mine = await listWork(ctx, { actorId: seed.assessor.id });
      expect(mine.toAssess.map((e) => e.id)).toContain(s.id);
      const theirs = await listWork(ctx, { actorId: seed.otherAssessor.id });
      expect(theirs.toAssess.map((e) => e.id)).not.toContain(s.id);
    });
  });

  describe("internal verifiers sample only in their centre", () => {
    test("a verifier from another centre gets not found; one from this centre samples", async () => {
      const a = await reach(ctx, seed, "assessed");
      const sample = (actorId: string) =>
        sampleEvidence(ctx, { actorId, evidenceId: a.id, version: a.version, outcome: "agreed" });
      await expectAppError(sample(seed.foreignVerifier.id), "not_found");
      await expectAppError(
        viewEvidence(ctx, { actorId: seed.foreignVerifier.id, evidenceId: a.id }),
        "not_found",
      );
      await expectAppError(sample(seed.assessor.id), "not_found");
      expect((await listWork(ctx, { actorId: seed.verifier.id })).toSample.map((e) => e.id)).toContain(a.id);
      expect(await sample(seed.verifier.id)).toMatchObject({ status: "sampled" });
    });

    test("disagreeing needs a reason", async () => {
      const a = await reach(ctx, seed, "assessed");
      await expectAppError(
        sampleEvidence(ctx, {
          actorId: seed.verifier.id,
          evidenceId: a.id,
          version: a.version,
          outcome: "disagreed",
        }),
        "bad_input",
        /Say why you disagree/,
      );
    });
  });

  describe("progress, export and erasure", () => {
    test("progress: the candidate, their assessor and centre staff see it; others get not found", async () => {
      for (const id of [seed.candidate.id, seed.assessor.id, seed.verifier.id, seed.admin.id]) {
        const [coverage] = await getProgress(ctx, {
          actor: { personId: id },
          candidateId: seed.candidate.id,
        });
        expect(coverage?.units.map((u) => u.unitId)).toContain("205");
      }
      for (const id of [
        seed.otherCandidate.id,
        seed.otherAssessor.id,
        seed.foreignVerifier.id,
        seed.foreignAdmin.id,
      ])
        await expectAppError(
          getProgress(ctx, { actor: { personId: id }, candidateId: seed.candidate.id }),
          "not_found",
        );
    });

    test("export: the candidate and their centre's admin; an admin elsewhere gets not found", async () => {
      const mine = await exportPortfolio(ctx, {
        actor: { personId: seed.candidate.id },
        candidateId: seed.candidate.id,
      });
      expect(mine.person.email).toBe(seed.candidate.email);
      await exportPortfolio(ctx, { actor: { personId: seed.admin.id }, candidateId: seed.candidate.id });
      for (const id of [seed.foreignAdmin.id, seed.assessor.id, seed.otherCandidate.id])
        await expectAppError(
          exportPortfolio(ctx, { actor: { personId: id }, candidateId: seed.candidate.id }),
          "not_found",
        );
    });

    test("erasure: only an admin of the person's centre", async () => {
      for (const id of [seed.foreignAdmin.id, seed.assessor.id, seed.candidate.id])
        await expectAppError(
          erasePerson(ctx, { actor: { personId: id }, personId: seed.bystander.id }),
          "not_found",
        );
    });
  });

  describe("witnesses", () => {
    test("a witness sees only evidence they were asked about, and answers it", async () => {
      const d = await draft(ctx, seed);
      await expectAppError(viewEvidence(ctx, { actorId: seed.witness.id, evidenceId: d.id }), "not_found");
      const { requestId } = await requestWitness(ctx, {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
      });
      const seen = await viewEvidence(ctx, { actorId: seed.witness.id, evidenceId: d.id });
      expect(seen.witnessRequests).toEqual([
        expect.objectContaining({ witnessId: seed.witness.id, status: "pending" }),
      ]);
      await expectAppError(viewEvidence(ctx, { actorId: seed.bystander.id, evidenceId: d.id }), "not_found");
      const work = await listWork(ctx, { actorId: seed.witness.id });
      expect(work.toWitness.map((r) => r.id)).toContain(requestId);
      const after = await testimony(requestId, seed.witness.id);
      expect(after.version).toBe(d.version + 1);
      const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: d.id });
      expect(view.witnessRequests[0]).toMatchObject({
        status: "given",
        testimony: { statusCategory: 3, relationship: "team leader", declaredNoPersonalRelationship: true },
      });
      expect(ctx.events).toContainEqual(
        expect.objectContaining({ type: "witness.testimony_given", requestId }),
      );
    });

    test("someone else can't answer a request made of another witness", async () => {
      const d = await draft(ctx, seed);
      const { requestId } = await requestWitness(ctx, {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
      });
      await expectAppError(testimony(requestId, seed.bystander.id), "not_found");
      await expectAppError(testimony(requestId, seed.candidate.id), "not_found");
    });

    test("nobody witnesses their own evidence", async () => {
      const d = await draft(ctx, seed);
      await expectAppError(
        requestWitness(ctx, { actorId: seed.candidate.id, evidenceId: d.id, witnessId: seed.candidate.id }),
        "bad_input",
        /Nobody can be a witness for their own evidence/,
      );
    });

    test("only the candidate or their assessor asks for testimony", async () => {
      const s = await reach(ctx, seed, "submitted");
      await expectAppError(
        requestWitness(ctx, {
          actorId: seed.otherCandidate.id,
          evidenceId: s.id,
          witnessId: seed.witness.id,
        }),
        "not_found",
      );
      const byAssessor = await requestWitness(ctx, {
        actorId: seed.assessor.id,
        evidenceId: s.id,
        witnessId: seed.witness.id,
      });
      expect(byAssessor.requestId).toBeTruthy();
    });

    test("asking the same witness twice gives the same request", async () => {
      const d = await draft(ctx, seed);
      const first = await requestWitness(ctx, {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
      });
      const again = await requestWitness(ctx, {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
      });
      expect(again.requestId).toBe(first.requestId);
    });

    test("the witness status category must be 1 to 5 and the testimony must say something", async () => {
      const d = await draft(ctx, seed);
      const { requestId } = await requestWitness(ctx, {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
      });
      await expectAppError(
        testimony(requestId, seed.witness.id, { statusCategory: 6 }),
        "bad_input",
        /from 1 to 5/,
      );
      await expectAppError(
        testimony(requestId, seed.witness.id, { statusCategory: 0 }),
        "bad_input",
        /from 1 to 5/,
      );
      await expectAppError(
        testimony(requestId, seed.witness.id, { relationship: " " }),
        "bad_input",
        /how you know/,
      );
      await expectAppError(testimony(requestId, seed.witness.id, { text: "" }), "bad_input", /empty/);
      expect(await testimony(requestId, seed.witness.id, { statusCategory: 5 })).toMatchObject({
        status: "draft",
      });
      await expectAppError(
        testimony(requestId, seed.witness.id),
        "forbidden_state",
        /already given testimony/,
      );
    });

    test.each([
      ["a declared relative", { relationship: "my sister" }],
      ["a partner", { relationship: "boyfriend, also works here" }],
      ["a stepmum", { relationship: "stepmum" }],
      ["a sister spelt with a Cyrillic і", { relationship: "s\u0456ster" }],
      ["someone the candidate lives with", { relationship: "we live together" }],
      ["no declaration of no personal relationship", { declaredNoPersonalRelationship: false }],
    ])(
      "%s is refused as a witness; the refusal is recorded and nothing is attached",
      async (_label, extra) => {
        const d = await draft(ctx, seed);
        const { requestId } = await requestWitness(ctx, {
          actorId: seed.candidate.id,
          evidenceId: d.id,
          witnessId: seed.witness.id,
        });
        await expectAppError(
          testimony(requestId, seed.witness.id, extra),
          "bad_input",
          /relative.*can't be accepted/,
        );
        const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: d.id });
        expect(view.witnessRequests[0]).toMatchObject({ status: "refused", testimony: null });
        expect(view.version).toBe(d.version);
        const trail = await ctx.store.audit.forEntity("evidence", d.id);
        expect(trail.at(-1)).toMatchObject({ action: "witness.refused" });
        await expectAppError(
          testimony(requestId, seed.witness.id),
          "forbidden_state",
          /could not be accepted/,
        );
        await expectAppError(
          requestWitness(ctx, { actorId: seed.candidate.id, evidenceId: d.id, witnessId: seed.witness.id }),
          "conflict",
          /Ask someone else/,
        );
      },
    );
  });

  describe("a witness is never the candidate's assessor or internal verifier for that evidence", () => {
    test("asking the assessor or the internal verifier to witness is refused, saying why", async () => {
      const s = await seedCentre(ctx);
      const d = await draft(ctx, s);
      await expectAppError(
        requestWitness(ctx, { actorId: s.candidate.id, evidenceId: d.id, witnessId: s.assessor.id }),
        "conflict",
        /Carol Assessor is the assessor for this candidate, so can't also be a witness for E1.*team leader or colleague/,
      );
      await expectAppError(
        requestWitness(ctx, { actorId: s.candidate.id, evidenceId: d.id, witnessId: s.verifier.id }),
        "conflict",
        /Gwen Verifier is the internal verifier for this candidate, so can't also be a witness/,
      );
      const submitted = await submitEvidence(ctx, {
        actorId: s.candidate.id,
        evidenceId: d.id,
        version: d.version,
      });
      // The assessor asking for testimony can't name themselves either.
      await expectAppError(
        requestWitness(ctx, { actorId: s.assessor.id, evidenceId: submitted.id, witnessId: s.assessor.id }),
        "conflict",
        /can't also be a witness/,
      );
      const view = await viewEvidence(ctx, { actorId: s.candidate.id, evidenceId: d.id });
      expect(view.witnessRequests).toEqual([]);
    });

    test("a witness who has since become the assessor can't testify; the request is closed and nothing is attached", async () => {
      const s = await seedCentre(ctx);
      const d = await draft(ctx, s);
      const { requestId } = await requestWitness(ctx, {
        actorId: s.candidate.id,
        evidenceId: d.id,
        witnessId: s.otherAssessor.id,
      });
      await assignStaff(ctx, { actor: CLI, enrolmentId: s.enrolment.id, assessorId: s.otherAssessor.id });
      await expectAppError(
        testimony(requestId, s.otherAssessor.id),
        "conflict",
        /as the candidate's assessor you can't also be a witness for E1.*Nothing was added/,
      );
      const view = await viewEvidence(ctx, { actorId: s.candidate.id, evidenceId: d.id });
      expect(view.witnessRequests[0]).toMatchObject({ status: "refused", testimony: null });
      expect(view.version).toBe(d.version);
      const trail = await ctx.store.audit.forEntity("evidence", d.id);
      expect(trail.at(-1)).toMatchObject({ action: "witness.refused", data: { reason: "assessor" } });
    });

    test("someone who gave testimony can't then assess or sample that evidence", async () => {
      const s = await seedCentre(ctx);
      const kay = await addPerson(ctx, {
        actor: CLI,
        centreId: s.centre.id,
        email: `kay.${s.centre.id}@example.test`,
        name: "Kay Verifier",
        roles: ["internal_verifier"],
      });
      const d = await draft(ctx, s);
      for (const witnessId of [s.otherAssessor.id, kay.id]) {
        const { requestId } = await requestWitness(ctx, {
          actorId: s.candidate.id,
          evidenceId: d.id,
          witnessId,
        });
        await testimony(requestId, witnessId);
      }
      const current = await viewEvidence(ctx, { actorId: s.candidate.id, evidenceId: d.id });
      const filed = await submitEvidence(ctx, {
        actorId: s.candidate.id,
        evidenceId: d.id,
        version: current.version,
      });
      await assignStaff(ctx, { actor: CLI, enrolmentId: s.enrolment.id, assessorId: s.otherAssessor.id });
      await expectAppError(
        recordDecision(ctx, {
          actorId: s.otherAssessor.id,
          evidenceId: d.id,
          version: filed.version,
          outcome: "assessed",
          claims: ALL_ACCEPTED,
        }),
        "forbidden_state",
        /You gave witness testimony for E1, so you can't assess it as well.*Nothing was saved/,
      );
      await assignStaff(ctx, { actor: CLI, enrolmentId: s.enrolment.id, assessorId: s.assessor.id });
      const assessed = await recordDecision(ctx, {
        actorId: s.assessor.id,
        evidenceId: d.id,
        version: filed.version,
        outcome: "assessed",
        claims: ALL_ACCEPTED,
      });
      await expectAppError(
        sampleEvidence(ctx, {
          actorId: kay.id,
          evidenceId: d.id,
          version: assessed.version,
          outcome: "agreed",
        }),
        "forbidden_state",
        /You gave witness testimony for E1, so you can't sample it/,
      );
      const sampled = await sampleEvidence(ctx, {
        actorId: s.verifier.id,
        evidenceId: d.id,
        version: assessed.version,
        outcome: "agreed",
      });
      expect(sampled.status).toBe("sampled");
    });
  });
});
