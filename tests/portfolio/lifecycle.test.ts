// Evidence lifecycle on both databases: every transition, every forbidden one, and the rules checked at submit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvidenceStatus } from "../../src/core/types.ts";
import type { PortfolioContext } from "../../src/portfolio/context.ts";
import { editEvidence } from "../../src/portfolio/edit-evidence.ts";
import { exportPortfolio } from "../../src/portfolio/export-portfolio.ts";
import { giveTestimony } from "../../src/portfolio/give-testimony.ts";
import { recordDecision } from "../../src/portfolio/record-decision.ts";
import { requestWitness } from "../../src/portfolio/request-witness.ts";
import { resubmitEvidence } from "../../src/portfolio/resubmit-evidence.ts";
import { sampleEvidence } from "../../src/portfolio/sample-evidence.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { viewEvidence } from "../../src/portfolio/view-evidence.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { ACCOUNT, draft, type Seed, seedCentre, testContext } from "./fixture.ts";
import { ALL_ACCEPTED, reach } from "./steps.ts";

const backends = await testBackends();

describe.each(backends)("evidence lifecycle on $name", (backend) => {
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

  test("a mapped account becomes a draft with its claims, supporting sentences and an audit event", async () => {
    const e = await draft(ctx, seed);
    expect(e).toMatchObject({ status: "draft", version: 1 });
    expect(e.ref).toMatch(/^E\d+$/);
    const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: e.id });
    expect(view.text).toBe(ACCOUNT);
    expect(view.activeClaims.map((c) => [c.targetId, c.kind, c.proposedBy, c.decision])).toEqual([
      ["205.1.3", "criterion", "mapper", "pending"],
      ["205.2.4", "criterion", "mapper", "pending"],
      ["205.ER4.b", "range", "mapper", "pending"],
      ["205.ER5.b", "range", "mapper", "pending"],
    ]);
    expect(view.activeClaims.find((c) => c.targetId === "205.2.4")?.support).toBe("I used her name");
    const trail = await ctx.store.audit.forEntity("evidence", e.id);
    expect(trail.map((a) => a.action)).toEqual(["evidence.drafted"]);
    expect(ctx.events).toContainEqual({
      type: "evidence.drafted",
      evidenceId: e.id,
      candidateId: seed.candidate.id,
    });
  });

  test("each draft gets the next reference for the candidate", async () => {
    const a = await draft(ctx, seed);
    const b = await draft(ctx, seed);
    expect(Number(b.ref.slice(1))).toBe(Number(a.ref.slice(1)) + 1);
  });

  test("an unknown criterion id in the suggestions is refused by name", async () => {
    await expectAppError(
      draft(ctx, seed, { mapped: { criteria: [{ id: "205.9.9", support: { text: "x" } }] } }),
      "bad_input",
      /205\.9\.9 is not a criterion/,
    );
  });

  test("editing a draft keeps every version of the account and removed claims stay on record", async () => {
    const e = await draft(ctx, seed);
    const edited = await editEvidence(ctx, {
      actorId: seed.candidate.id,
      evidenceId: e.id,
      version: e.version,
      text: `${ACCOUNT} Later she thanked me by name.`,
      removeClaims: ["205.1.3"],
      addClaims: [{ id: "205.ER5.a", support: "she thanked me" }],
    });
    expect(edited.version).toBe(e.version + 1);
    const view = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: e.id });
    expect(view.textVersion).toBe(2);
    expect(view.text).toMatch(/thanked me by name/);
    expect(view.activeClaims.map((c) => c.targetId)).toEqual([
      "205.2.4",
      "205.ER4.b",
      "205.ER5.a",
      "205.ER5.b",
    ]);
    expect(view.claims.find((c) => c.targetId === "205.1.3")).toMatchObject({ active: false });
    expect(view.activeClaims.find((c) => c.targetId === "205.ER5.a")?.proposedBy).toBe("candidate");
    const exported = await exportPortfolio(ctx, {
      actor: { personId: seed.candidate.id },
      candidateId: seed.candidate.id,
    });
    const versions = exported.evidence.find((x) => x.id === e.id)?.versions.map((v) => v.text);
    expect(versions).toEqual([ACCOUNT, `${ACCOUNT} Later she thanked me by name.`]);
  });

  test("draft → submitted → assessed → sampled, each step audited and notified", async () => {
    const d = await draft(ctx, seed);
    const s = await submitEvidence(ctx, { actorId: seed.candidate.id, evidenceId: d.id, version: d.version });
    expect(s).toMatchObject({ status: "submitted", version: d.version + 1 });
    const a = await recordDecision(ctx, {
      actorId: seed.assessor.id,
      evidenceId: d.id,
      version: s.version,
      outcome: "assessed",
      claims: [
        ...ALL_ACCEPTED.filter((c) => c.targetId !== "205.ER4.b"),
        {
          targetId: "205.ER4.b",
          decision: "rejected",
          comment: "Nothing shows it was busy for the organisation.",
        },
      ],
      addClaims: [{ id: "205.2.1", support: "I used her name" }],
      comment: "Good personal touch.",
    });
    expect(a.status).toBe("assessed");
    const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: d.id });
    const decisions = Object.fromEntries(view.activeClaims.map((c) => [c.targetId, c.decision]));
    expect(decisions).toEqual({
      "205.1.3": "accepted",
      "205.2.1": "accepted",
      "205.2.4": "accepted",
      "205.ER4.b": "rejected",
      "205.ER5.b": "accepted",
    });
    expect(view.activeClaims.find((c) => c.targetId === "205.2.1")?.proposedBy).toBe("assessor");
    expect(view.decisions).toEqual([
      expect.objectContaining({
        assessorId: seed.assessor.id,
        outcome: "assessed",
        evidenceVersion: s.version,
      }),
    ]);
    const sampled = await sampleEvidence(ctx, {
      actorId: seed.verifier.id,
      evidenceId: d.id,
      version: a.version,
      outcome: "agreed",
    });
    expect(sampled.status).toBe("sampled");
    const trail = (await ctx.store.audit.forEntity("evidence", d.id)).map((x) => x.action);
    expect(trail).toEqual([
      "evidence.drafted",
      "evidence.submitted",
      "signature.recorded",
      "evidence.assessed",
      "evidence.sampled",
    ]);
    expect(ctx.events.filter((x) => "evidenceId" in x && x.evidenceId === d.id).map((x) => x.type)).toEqual([
      "evidence.drafted",
      "evidence.submitted",
      "evidence.assessed",
      "evidence.sampled",
    ]);
  });

  test("assessing needs a decision on every claim", async () => {
    const s = await reach(ctx, seed, "submitted");
    await expectAppError(
      recordDecision(ctx, {
        actorId: seed.assessor.id,
        evidenceId: s.id,
        version: s.version,
        outcome: "assessed",
        claims: [{ targetId: "205.2.4", decision: "accepted" }],
      }),
      "bad_input",
      /Accept or reject 205\.1\.3, 205\.ER4\.b, 205\.ER5\.b as well/,
    );
    const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: s.id });
    expect(view.status).toBe("submitted");
    expect(view.activeClaims.every((c) => c.decision === "pending")).toBe(true);
  });

  test("referred back with a comment, edited and resubmitted, then assessed", async () => {
    const s = await reach(ctx, seed, "submitted");
    await expectAppError(
      recordDecision(ctx, {
        actorId: seed.assessor.id,
        evidenceId: s.id,
        version: s.version,
        outcome: "referred",
      }),
      "bad_input",
      /Say what the candidate should change/,
    );
    const r = await recordDecision(ctx, {
      actorId: seed.assessor.id,
      evidenceId: s.id,
      version: s.version,
      outcome: "referred",
      claims: [{ targetId: "205.2.4", decision: "accepted" }],
      comment: "Tell me what you said to her.",
    });
    expect(r.status).toBe("referred");
    const edited = await editEvidence(ctx, {
      actorId: seed.candidate.id,
      evidenceId: s.id,
      version: r.version,
      text: `${ACCOUNT} I said "Mrs Patel, I'll sort this for you now."`,
    });
    const back = await resubmitEvidence(ctx, {
      actorId: seed.candidate.id,
      evidenceId: s.id,
      version: edited.version,
    });
    expect(back.status).toBe("submitted");
    const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: s.id });
    expect(view.activeClaims.every((c) => c.decision === "pending")).toBe(true);
    expect(view.decisions.map((d) => [d.outcome, d.comment])).toEqual([
      ["referred", "Tell me what you said to her."],
    ]);
    const done = await recordDecision(ctx, {
      actorId: seed.assessor.id,
      evidenceId: s.id,
      version: back.version,
      outcome: "assessed",
      claims: ALL_ACCEPTED,
    });
    expect(done.status).toBe("assessed");
  });

  // Every action against every status that does not allow it.
  const refused: Array<
    [
      EvidenceStatus,
      string,
      (ctx: PortfolioContext, seed: Seed, id: string, version: number) => Promise<unknown>,
    ]
  > = [];
  const submit = (c: PortfolioContext, s: Seed, id: string, version: number) =>
    submitEvidence(c, { actorId: s.candidate.id, evidenceId: id, version });
  const resubmit = (c: PortfolioContext, s: Seed, id: string, version: number) =>
    resubmitEvidence(c, { actorId: s.candidate.id, evidenceId: id, version });
  const edit = (c: PortfolioContext, s: Seed, id: string, version: number) =>
    editEvidence(c, { actorId: s.candidate.id, evidenceId: id, version, text: "changed" });
  const decide = (c: PortfolioContext, s: Seed, id: string, version: number) =>
    recordDecision(c, {
      actorId: s.assessor.id,
      evidenceId: id,
      version,
      outcome: "assessed",
      claims: ALL_ACCEPTED,
    });
  const sample = (c: PortfolioContext, s: Seed, id: string, version: number) =>
    sampleEvidence(c, { actorId: s.verifier.id, evidenceId: id, version, outcome: "agreed" });
  const ask = (c: PortfolioContext, s: Seed, id: string) =>
    requestWitness(c, { actorId: s.candidate.id, evidenceId: id, witnessId: s.witness.id });
  refused.push(["draft", "resubmit", resubmit]);
  refused.push(
    ["submitted", "submit", submit],
    ["submitted", "resubmit", resubmit],
    ["submitted", "edit", edit],
  );
  refused.push(["submitted", "sample", sample]);
  refused.push(["assessed", "submit", submit], ["assessed", "edit", edit], ["assessed", "decide", decide]);
  refused.push(["assessed", "resubmit", resubmit], ["assessed", "request a witness", ask]);
  refused.push(
    ["referred", "submit", submit],
    ["referred", "decide", decide],
    ["referred", "sample", sample],
  );
  refused.push(["referred", "request a witness", ask]);
  refused.push(["sampled", "submit", submit], ["sampled", "edit", edit], ["sampled", "decide", decide]);
  refused.push(
    ["sampled", "resubmit", resubmit],
    ["sampled", "sample", sample],
    ["sampled", "request a witness", ask],
  );

  test.each(refused)(
    "%s evidence: %s is refused with the reason and nothing changes",
    async (status, _action, act) => {
      const e = await reach(ctx, seed, status);
      const error = await expectAppError(act(ctx, seed, e.id, e.version), "forbidden_state");
      expect(error.message).toMatch(new RegExp(`^${e.ref} `));
      const after = await viewEvidence(ctx, { actorId: seed.candidate.id, evidenceId: e.id });
      expect(after).toMatchObject({ status, version: e.version });
    },
  );

  test("a draft can't be decided on or sampled: it is the candidate's own until submitted", async () => {
    const d = await reach(ctx, seed, "draft");
    await expectAppError(decide(ctx, seed, d.id, d.version), "not_found");
    await expectAppError(sample(ctx, seed, d.id, d.version), "not_found");
  });

  test("a discarded draft is kept, audited, no longer listed, and can't be filed", async () => {
    const { discardDraft } = await import("../../src/portfolio/discard-draft.ts");
    const { listWork } = await import("../../src/portfolio/list-work.ts");
    const d = await reach(ctx, seed, "draft");
    const gone = await discardDraft(ctx, {
      actorId: seed.candidate.id,
      evidenceId: d.id,
      version: d.version,
    });
    expect(gone).toMatchObject({ status: "discarded", version: d.version + 1 });
    expect((await listWork(ctx, { actorId: seed.candidate.id })).own.map((e) => e.id)).not.toContain(d.id);
    await expectAppError(submit(ctx, seed, d.id, gone.version), "forbidden_state", /was discarded/);
    const trail = (await ctx.store.audit.forEntity("evidence", d.id)).map((a) => a.action);
    expect(trail).toEqual(["evidence.drafted", "evidence.discarded"]);
    const s = await reach(ctx, seed, "submitted");
    await expectAppError(
      discardDraft(ctx, { actorId: seed.candidate.id, evidenceId: s.id, version: s.version }),
      "forbidden_state",
      /only a draft can be discarded/,
    );
    await expectAppError(
      discardDraft(ctx, { actorId: seed.otherCandidate.id, evidenceId: s.id, version: s.version }),
      "not_found",
    );
  });

  test("referred evidence is resubmitted, not submitted", async () => {
    const r = await reach(ctx, seed, "referred");
    await expectAppError(submit(ctx, seed, r.id, r.version), "forbidden_state", /resubmit/);
  });

  test("testimony can't be added once the evidence is assessed", async () => {
    const s = await reach(ctx, seed, "submitted");
    const { requestId } = await requestWitness(ctx, {
      actorId: seed.candidate.id,
      evidenceId: s.id,
      witnessId: seed.witness.id,
    });
    const a = await decide(ctx, seed, s.id, s.version);
    expect(a).toMatchObject({ status: "assessed" });
    await expectAppError(
      giveTestimony(ctx, {
        actorId: seed.witness.id,
        requestId,
        statusCategory: 3,
        relationship: "team leader",
        declaredNoPersonalRelationship: true,
        text: "I saw it.",
      }),
      "forbidden_state",
      /already been assessed/,
    );
  });

  test("an old version is refused as changed since it was opened", async () => {
    const d = await reach(ctx, seed, "draft");
    await editEvidence(ctx, {
      actorId: seed.candidate.id,
      evidenceId: d.id,
      version: d.version,
      title: "Christmas queue",
    });
    await expectAppError(submit(ctx, seed, d.id, d.version), "stale", /changed since you opened it/);
  });

  describe("rules checked at submit", () => {
    test("evidence that claims nothing is refused", async () => {
      const d = await draft(ctx, seed, { mapped: {} });
      await expectAppError(submit(ctx, seed, d.id, d.version), "bad_input", /claims nothing yet/);
    });

    test("a unit that is not on the plan is refused", async () => {
      const d = await draft(ctx, seed, { mapped: { criteria: [{ id: "209.1.1", support: { text: "x" } }] } });
      await expectAppError(
        submit(ctx, seed, d.id, d.version),
        "bad_input",
        /unit 209, which is not on your unit plan/,
      );
    });

    test("simulation is refused for a unit that does not allow it, with the reason", async () => {
      const d = await draft(ctx, seed, { setting: "simulation" });
      await expectAppError(
        submit(ctx, seed, d.id, d.version),
        "bad_input",
        /marked as done in a simulation, which unit 205 does not allow/,
      );
    });

    test("a realistic working environment is accepted where the unit allows it", async () => {
      const d = await draft(ctx, seed, { setting: "realistic_working_environment" });
      const s = await submit(ctx, seed, d.id, d.version);
      expect(s).toMatchObject({ status: "submitted" });
    });
  });
});
