// Idempotent retries, the concurrent decision, erasure, export, progress and admin on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.ts";
import { addPerson } from "../../src/portfolio/add-person.ts";
import { assignStaff } from "../../src/portfolio/assign-staff.ts";
import { portfolioContext } from "../../src/portfolio/context.ts";
import { createCentre } from "../../src/portfolio/create-centre.ts";
import { ERASED_TEXT, erasePerson } from "../../src/portfolio/erase-person.ts";
import { exportPortfolio } from "../../src/portfolio/export-portfolio.ts";
import { getProgress } from "../../src/portfolio/get-progress.ts";
import { giveTestimony } from "../../src/portfolio/give-testimony.ts";
import { linkIdentity } from "../../src/portfolio/link-identity.ts";
import { recordDecision } from "../../src/portfolio/record-decision.ts";
import { requestWitness } from "../../src/portfolio/request-witness.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { viewEvidence } from "../../src/portfolio/view-evidence.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { testBackends } from "../store/backends.ts";
import { expectAppError } from "./expect-error.ts";
import { ACCOUNT, CLI, draft, type Seed, seedCentre, testContext } from "./fixture.ts";
import { ALL_ACCEPTED, reach } from "./steps.ts";

const backends = await testBackends();

describe.each(backends)("records on $name", (backend) => {
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
  const ownEvidence = async () =>
    (await exportPortfolio(ctx, { actor: CLI, candidateId: seed.candidate.id })).evidence.map((e) => e.id);

  describe("idempotent retries", () => {
    test("the same event id twice files one draft", async () => {
      const before = (await ownEvidence()).length;
      const eventId = `slack:Ev${Math.random()}`;
      const first = await draft(ctx, seed, { eventId });
      const retry = await draft(ctx, seed, { eventId });
      expect(retry.id).toBe(first.id);
      expect((await ownEvidence()).length).toBe(before + 1);
    });

    test("the same event delivered twice at once still files one draft", async () => {
      const before = (await ownEvidence()).length;
      const eventId = `teams:${Math.random()}`;
      const results = await Promise.all([draft(ctx, seed, { eventId }), draft(ctx, seed, { eventId })]);
      expect(results[0].id).toBe(results[1].id);
      expect((await ownEvidence()).length).toBe(before + 1);
    });

    test("a double-tapped decision is recorded once and the retry gets the same answer", async () => {
      const s = await reach(ctx, seed, "submitted");
      const input = {
        actorId: seed.assessor.id,
        evidenceId: s.id,
        version: s.version,
        outcome: "assessed" as const,
        claims: ALL_ACCEPTED,
        eventId: `tap:${s.id}`,
      };
      const first = await recordDecision(ctx, input);
      const again = await recordDecision(ctx, input);
      expect(again).toEqual(first);
      const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: s.id });
      expect(view.decisions).toHaveLength(1);
      const trail = await ctx.store.audit.forEntity("evidence", s.id);
      expect(trail.filter((a) => a.action === "evidence.assessed")).toHaveLength(1);
    });

    test("retried submit, witness request and testimony each happen once", async () => {
      const d = await draft(ctx, seed);
      const submit = {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        version: d.version,
        eventId: `s:${d.id}`,
      };
      const s1 = await submitEvidence(ctx, submit);
      expect(await submitEvidence(ctx, submit)).toEqual(s1);
      const ask = {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
        eventId: `w:${d.id}`,
      };
      const r1 = await requestWitness(ctx, ask);
      expect((await requestWitness(ctx, ask)).requestId).toBe(r1.requestId);
      const say = {
        actorId: seed.witness.id,
        requestId: r1.requestId,
        statusCategory: 4,
        relationship: "shift manager",
        declaredNoPersonalRelationship: true,
        text: "I saw it happen.",
        eventId: `t:${d.id}`,
      };
      const t1 = await giveTestimony(ctx, say);
      expect(await giveTestimony(ctx, say)).toEqual(t1);
      const trail = (await ctx.store.audit.forEntity("evidence", d.id)).map((a) => a.action);
      expect(trail).toEqual([
        "evidence.drafted",
        "evidence.submitted",
        "signature.recorded",
        "witness.requested",
        "witness.testimony_given",
      ]);
    });

    test("an event id used by someone else is not taken as their retry", async () => {
      const eventId = `shared:${Math.random()}`;
      await draft(ctx, seed, { eventId });
      await expectAppError(
        draft(ctx, seed, { eventId, candidateId: seed.otherCandidate.id }),
        "conflict",
        /already used for something else/,
      );
    });
  });

  describe("concurrent decisions", () => {
    test("two decisions on the same version: one wins, the other is told it changed, nothing is lost", async () => {
      const s = await reach(ctx, seed, "submitted");
      const refer = recordDecision(ctx, {
        actorId: seed.assessor.id,
        evidenceId: s.id,
        version: s.version,
        outcome: "referred",
        comment: "Add what you said.",
      });
      const assess = recordDecision(ctx, {
        actorId: seed.assessor.id,
        evidenceId: s.id,
        version: s.version,
        outcome: "assessed",
        claims: ALL_ACCEPTED,
      });
      const results = await Promise.allSettled([refer, assess]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const loser = lost[0]?.reason as AppError;
      expect(loser).toBeInstanceOf(AppError);
      expect(loser).toMatchObject({ code: "stale" });
      expect(loser.message).toMatch(/changed since you opened it, so nothing was saved/);
      const view = await viewEvidence(ctx, { actorId: seed.assessor.id, evidenceId: s.id });
      expect(view.decisions).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ status: string }>).value.status;
      expect(view.status).toBe(winner);
      expect(view.decisions[0]?.outcome).toBe(winner);
      expect(view.version).toBe(s.version + 1);
    });
  });

  describe("erasure", () => {
    test("erasing a candidate removes their details and words; the trail keeps that it happened", async () => {
      const centre = await createCentre(ctx, { actor: CLI, name: `Erase ${Math.random()}` });
      const admin = await addPerson(ctx, {
        actor: CLI,
        centreId: centre.id,
        email: `admin.${Math.random()}@example.test`,
        name: "Kim Admin",
        roles: ["admin"],
      });
      const candidate = await addPerson(ctx, {
        actor: { personId: admin.id },
        centreId: centre.id,
        email: `zoe.${Math.random()}@example.test`,
        name: "Zoe Leaving",
        roles: ["candidate"],
      });
      const assessor = await addPerson(ctx, {
        actor: CLI,
        centreId: centre.id,
        email: `ass.${Math.random()}@example.test`,
        name: "Al Assessor",
        roles: ["assessor"],
      });
      await linkIdentity(ctx, {
        actor: CLI,
        personId: candidate.id,
        channel: "slack",
        externalId: `U${Date.now()}`,
      });
      const { enrolCandidate } = await import("../../src/portfolio/enrol-candidate.ts");
      await enrolCandidate(ctx, {
        actor: CLI,
        candidateId: candidate.id,
        level: 2,
        unitIds: ["205"],
        assessorId: assessor.id,
      });
      const mine = { ...seed, candidate, assessor };
      const e = await reach(ctx, mine, "assessed");
      // Where the bot reaches Zoe, and a message waiting for her in the playground.
      await ctx.store.channelState.saveReference(candidate.id, "slack", {
        channel: "D0ZOE",
        userId: "U0ZOE",
      });
      await ctx.store.channelState.pushOutbox(candidate.id, "web", { text: "Zoe, E1 is assessed." });

      const erased = await erasePerson(ctx, { actor: { personId: admin.id }, personId: candidate.id });
      expect(erased).toMatchObject({ identitiesRemoved: 1, evidenceErased: 1 });

      const person = await ctx.store.people.byId(candidate.id);
      expect(person).toMatchObject({ name: "Erased person", erased: true, roles: [] });
      expect(person?.email).not.toContain("zoe");
      const dump = JSON.stringify(await exportPortfolio(ctx, { actor: CLI, candidateId: candidate.id }));
      expect(dump).not.toContain("Zoe");
      expect(dump).not.toContain("zoe.");
      expect(dump).not.toContain("Saturday before Christmas");
      expect(dump).not.toContain("I used her name");
      expect(dump).toContain(ERASED_TEXT);
      expect(await ctx.store.channelState.reference(candidate.id, "slack")).toBeNull();
      expect(await ctx.store.channelState.recentOutbox(candidate.id, "web", 10)).toEqual([]);
      const view = await ctx.store.evidence.byId(e.id);
      expect(view).toMatchObject({ status: "assessed", text: ERASED_TEXT });
      expect(view?.decisions).toHaveLength(1);
      const trail = await ctx.store.audit.forEntity("person", candidate.id);
      expect(trail.at(-1)).toMatchObject({ action: "person.erased", actorId: admin.id });
      expect(JSON.stringify(trail)).not.toContain("Zoe");
      // The erased person is nobody now: they can't act, and they can't be erased twice.
      await expectAppError(draft(ctx, mine, {}), "not_found");
      await expectAppError(
        erasePerson(ctx, { actor: CLI, personId: candidate.id }),
        "forbidden_state",
        /already been erased/,
      );
    });
  });

  describe("export and progress", () => {
    test("the export holds the evidence, its versions, testimony, decisions, coverage and trail", async () => {
      const d = await draft(ctx, seed);
      const { requestId } = await requestWitness(ctx, {
        actorId: seed.candidate.id,
        evidenceId: d.id,
        witnessId: seed.witness.id,
      });
      await giveTestimony(ctx, {
        actorId: seed.witness.id,
        requestId,
        statusCategory: 3,
        relationship: "team leader",
        declaredNoPersonalRelationship: true,
        text: "Confirmed.",
      });
      const exported = await exportPortfolio(ctx, {
        actor: { personId: seed.candidate.id },
        candidateId: seed.candidate.id,
      });
      const copy = JSON.parse(JSON.stringify(exported));
      expect(copy.format).toBe("shiftnote.portfolio/1");
      const mine = copy.evidence.find((e: { id: string }) => e.id === d.id);
      expect(mine.versions[0].text).toBe(ACCOUNT);
      expect(mine.witnessRequests[0].testimony.text).toBe("Confirmed.");
      expect(copy.enrolments[0].coverage.units.length).toBeGreaterThan(0);
      expect(copy.audit.some((a: { action: string }) => a.action === "witness.testimony_given")).toBe(true);
    });

    test("progress shows assessed, claimed and missing items with their evidence refs, and the gaps in words", async () => {
      const centre = await createCentre(ctx, { actor: CLI, name: `Progress ${Math.random()}` });
      const person = (name: string, roles: ("candidate" | "assessor")[]) =>
        addPerson(ctx, {
          actor: CLI,
          centreId: centre.id,
          email: `${name}.${Math.random()}@example.test`,
          name,
          roles,
        });
      const candidate = await person("Pat", ["candidate"]);
      const assessor = await person("Quinn", ["assessor"]);
      const { enrolCandidate } = await import("../../src/portfolio/enrol-candidate.ts");
      await enrolCandidate(ctx, {
        actor: CLI,
        candidateId: candidate.id,
        level: 2,
        unitIds: ["205", "201"],
        assessorId: assessor.id,
      });
      const mine = { ...seed, candidate, assessor };
      const assessed = await reach(ctx, mine, "assessed");
      const claimed = await draft(ctx, mine, {
        mapped: {
          criteria: [{ id: "205.1.1", support: { text: "x" } }],
          ranges: [{ id: "205.ER4.a", support: { text: "y" } }],
        },
      });
      await submitEvidence(ctx, { actorId: candidate.id, evidenceId: claimed.id, version: claimed.version });
      await draft(ctx, mine, { mapped: { criteria: [{ id: "205.1.2", support: { text: "z" } }] } });

      const [coverage] = await getProgress(ctx, {
        actor: { personId: candidate.id },
        candidateId: candidate.id,
      });
      const unit = coverage?.units.find((u) => u.unitId === "205");
      const item = (id: string) =>
        [...(unit?.criteria ?? []), ...(unit?.ranges ?? []), ...(unit?.knowledge ?? [])].find(
          (i) => i.id === id,
        );
      expect(item("205.2.4")).toMatchObject({ state: "assessed", refs: [assessed.ref] });
      expect(item("205.ER4.b")).toMatchObject({ state: "assessed", refs: [assessed.ref] });
      expect(item("205.1.1")).toMatchObject({ state: "claimed", refs: [claimed.ref] });
      expect(item("205.1.2")).toMatchObject({ state: "missing", refs: [] });
      expect(item("205.ER4.c")).toMatchObject({ state: "missing" });
      expect(item("205.K.a")).toMatchObject({ state: "missing" });
      const line = coverage?.gaps.find((g) => g.startsWith("205:"));
      expect(line).toMatch(/^205: still needs .*a quiet period \(ER4c\).*/);
      expect(line).not.toMatch(/a busy period/);
      expect(coverage?.gaps.some((g) => g.startsWith("Unit plan: 7 units in all"))).toBe(true);
      expect(coverage?.reading.find((r) => r.section === "2.4")?.for).toContain("205.K.a");
    });
  });

  describe("admin", () => {
    test("a chat identity is unique per channel; the same id on another channel is someone else's", async () => {
      const id = `U${Math.random().toString(36).slice(2)}`;
      await linkIdentity(ctx, { actor: CLI, personId: seed.candidate.id, channel: "teams", externalId: id });
      await linkIdentity(ctx, { actor: CLI, personId: seed.candidate.id, channel: "teams", externalId: id });
      await expectAppError(
        linkIdentity(ctx, { actor: CLI, personId: seed.otherCandidate.id, channel: "teams", externalId: id }),
        "conflict",
        /already linked to someone else/,
      );
      await linkIdentity(ctx, {
        actor: CLI,
        personId: seed.otherCandidate.id,
        channel: "slack",
        externalId: id,
      });
      expect((await ctx.store.people.byChatIdentity("teams", id))?.id).toBe(seed.candidate.id);
      expect((await ctx.store.people.byChatIdentity("slack", id))?.id).toBe(seed.otherCandidate.id);
    });

    test("an admin of another centre can't add people to this one or assign its assessors", async () => {
      await expectAppError(
        addPerson(ctx, {
          actor: { personId: seed.foreignAdmin.id },
          centreId: seed.centre.id,
          email: `x.${Math.random()}@example.test`,
          name: "X",
          roles: ["candidate"],
        }),
        "not_found",
      );
      await expectAppError(
        assignStaff(ctx, {
          actor: { personId: seed.foreignAdmin.id },
          enrolmentId: seed.enrolment.id,
          assessorId: seed.otherAssessor.id,
        }),
        "not_found",
      );
    });

    test("reassigning the assessor moves who may decide", async () => {
      const s = await reach(ctx, seed, "submitted");
      await assignStaff(ctx, {
        actor: { personId: seed.admin.id },
        enrolmentId: seed.enrolment.id,
        assessorId: seed.otherAssessor.id,
      });
      const decide = (actorId: string) =>
        recordDecision(ctx, {
          actorId,
          evidenceId: s.id,
          version: s.version,
          outcome: "assessed",
          claims: ALL_ACCEPTED,
        });
      await expectAppError(decide(seed.assessor.id), "not_found");
      expect(await decide(seed.otherAssessor.id)).toMatchObject({ status: "assessed" });
      await assignStaff(ctx, { actor: CLI, enrolmentId: seed.enrolment.id, assessorId: seed.assessor.id });
    });

    test("the same email can't be added twice", async () => {
      await expectAppError(
        addPerson(ctx, {
          actor: CLI,
          centreId: seed.centre.id,
          email: seed.candidate.email,
          name: "Dup",
          roles: ["candidate"],
        }),
        "conflict",
        /already in Shiftnote/,
      );
    });
  });

  test("a failing notifier does not undo the change", async () => {
    const noisy = portfolioContext(ctx.store, loadCatalogue(), {
      notify: {
        notify() {
          throw new Error("Teams is down");
        },
      },
    });
    const d = await draft(noisy, seed);
    const s = await submitEvidence(noisy, {
      actorId: seed.candidate.id,
      evidenceId: d.id,
      version: d.version,
    });
    expect(s.status).toBe("submitted");
  });
});
