// Expert witnesses: recorded with 004's requirements, signed and confirmed by the centre, then their statement filed as evidence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachExpertStatement } from "../../src/portfolio/attach-expert-statement.ts";
import { confirmExpertWitness } from "../../src/portfolio/confirm-expert-witness.ts";
import { recordExpertWitness } from "../../src/portfolio/record-expert-witness.ts";
import { signExpertStatement } from "../../src/portfolio/sign-expert-statement.ts";
import { signExpertWitnessRecord } from "../../src/portfolio/sign-expert-witness-record.ts";
import { viewEvidence } from "../../src/portfolio/view-evidence.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { type Seed, seedCentre, testContext } from "./fixture.ts";

const backends = await testBackends();

describe.each(backends)("expert witnesses on $name", (backend) => {
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
  const record = (personId: string, extra: Partial<Parameters<typeof recordExpertWitness>[1]> = {}) =>
    recordExpertWitness(ctx, {
      actor: { personId: seed.admin.id },
      personId,
      position: "Store manager",
      site: "Leeds Briggate store",
      unitIds: ["205", "206"],
      experienceYears: 6,
      experience: "Six years managing the customer service desk and training new starters.",
      standardsKnowledge: "Trained on the Level 2 standards with the centre in 2025.",
      cpd: "Two CPD sessions a year on complaint handling.",
      assessmentQualification: "Working towards the assessor award.",
      ...extra,
    });
  const statement = (extra: Partial<Parameters<typeof attachExpertStatement>[1]> = {}) =>
    attachExpertStatement(ctx, {
      actorId: seed.witness.id,
      candidateId: seed.candidate.id,
      unitId: "205",
      venue: "Customer service desk",
      occurredAt: "2026-11-28 11:00",
      activity: "Dealing with a customer whose order had not arrived.",
      text: "I watched Amira calm an upset customer, use her name and find the order. She is competent in this.",
      criteria: ["205.2.4", "205.1.3"],
      relationship: "Store manager",
      channel: "web",
      ...extra,
    });

  test("recorded, signed by the witness, confirmed by the centre; then their statement is filed as witness testimony", async () => {
    const r = await record(seed.witness.id);
    expect(r).toMatchObject({ name: "Erin Teamleader", confirmed: false, unitIds: ["205", "206"] });
    await expectAppError(statement(), "forbidden_state", /not confirmed/);
    await expectAppError(
      confirmExpertWitness(ctx, { actorId: seed.admin.id, expertWitnessId: r.id }),
      "forbidden_state",
      /not signed their record/,
    );
    await signExpertWitnessRecord(ctx, { actorId: seed.witness.id, expertWitnessId: r.id, channel: "teams" });
    const confirmed = await confirmExpertWitness(ctx, {
      actorId: seed.admin.id,
      expertWitnessId: r.id,
      channel: "web",
    });
    expect(confirmed.confirmed).toBe(true);
    expect(confirmed.signatures.map((s) => [s.kind, s.role])).toEqual([
      ["expert_witness_record", "witness"],
      ["expert_witness_confirmation", "admin"],
    ]);
    const attached = await statement();
    expect(attached.evidence.status).toBe("submitted");
    expect(attached.statement.claims.map((c) => [c.targetId, c.proposedBy])).toEqual([
      ["205.1.3", "witness"],
      ["205.2.4", "witness"],
    ]);
    const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: attached.evidence.id });
    expect(view).toMatchObject({ method: "witness_testimony", source: "witness" });
    expect(view.text).toMatch(/She is competent/);
    await expectAppError(
      signExpertStatement(ctx, { actorId: seed.assessor.id, statementId: attached.statement.id }),
      "not_found",
    );
    const signed = await signExpertStatement(ctx, {
      actorId: seed.candidate.id,
      statementId: attached.statement.id,
    });
    expect(signed.signatures.map((s) => s.role)).toEqual(["witness", "candidate"]);
    expect(ctx.events).toContainEqual(expect.objectContaining({ type: "expert_witness.statement_attached" }));
  });

  test("the requirements of 004 and the permissions are held to", async () => {
    await expectAppError(record(seed.bystander.id, { experienceYears: 1 }), "bad_input", /at least 2 years/);
    await expectAppError(
      record(seed.bystander.id, { cpd: " " }),
      "bad_input",
      /professional development is empty/,
    );
    await expectAppError(record(seed.bystander.id, { actor: { personId: seed.candidate.id } }), "not_found");
    await expectAppError(
      record(seed.bystander.id, { actor: { personId: seed.foreignAdmin.id } }),
      "not_found",
    );
    const r = await record(seed.bystander.id);
    await expectAppError(record(seed.bystander.id), "conflict");
    await expectAppError(
      signExpertWitnessRecord(ctx, { actorId: seed.witness.id, expertWitnessId: r.id }),
      "not_found",
    );
    await signExpertWitnessRecord(ctx, { actorId: seed.bystander.id, expertWitnessId: r.id });
    await expectAppError(
      confirmExpertWitness(ctx, { actorId: seed.foreignAdmin.id, expertWitnessId: r.id }),
      "not_found",
    );
    await expectAppError(
      confirmExpertWitness(ctx, { actorId: seed.assessor.id, expertWitnessId: r.id }),
      "not_found",
    );
    await confirmExpertWitness(ctx, { actorId: seed.verifier.id, expertWitnessId: r.id });
    const as = (extra: Partial<Parameters<typeof attachExpertStatement>[1]>) =>
      statement({ actorId: seed.bystander.id, ...extra });
    await expectAppError(
      as({ unitId: "213" }),
      "not_found",
      /not recorded as an expert witness for unit 213/,
    );
    await expectAppError(as({ relationship: "her aunt" }), "bad_input", /relative/);
    await expectAppError(as({ criteria: ["206.1.1"] }), "bad_input", /not criteria of unit 205/);
    await expectAppError(as({ candidateId: seed.candidate.id, actorId: seed.otherAssessor.id }), "not_found");
  });

  test("the candidate's assessor attaches a statement for a confirmed expert, to filed evidence; the expert signs it", async () => {
    // seed.witness's record was confirmed in the first test
    const base = { candidateId: seed.candidate.id, witnessId: seed.witness.id, channel: "slack" as const };
    // only the candidate's assessor attaches one for an expert
    await expectAppError(statement({ ...base, actorId: seed.otherAssessor.id }), "not_found");
    await expectAppError(statement({ ...base, actorId: seed.bystander.id }), "not_found");
    const attached = await statement({ ...base, actorId: seed.assessor.id });
    // the expert has not signed it yet, and is asked to
    expect(attached.statement.signatures).toEqual([]);
    expect(ctx.events).toContainEqual(
      expect.objectContaining({ type: "expert_witness.statement_to_sign", witnessId: seed.witness.id }),
    );
    const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: attached.evidence.id });
    expect(view.expertWitness).toEqual({ name: "Erin Teamleader", position: "Store manager", signed: false });
    const signed = await signExpertStatement(ctx, {
      actorId: seed.witness.id,
      statementId: attached.statement.id,
    });
    expect(signed.signatures.map((s) => s.role)).toEqual(["witness"]);
    expect(
      (await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: attached.evidence.id })).expertWitness
        ?.signed,
    ).toBe(true);
  });
});
