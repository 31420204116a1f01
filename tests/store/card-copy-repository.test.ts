// Card copies on both databases: one row per message, the newest kept per evidence, old ones dropped, erasure removes them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CARD_COPY_LIMITS } from "../../src/store/card-copy-repository.ts";
import type { Store } from "../../src/store/store.ts";
import { testBackends } from "./backends.ts";

const backends = await testBackends();

describe.each(backends)("card copies on $name", (backend) => {
  let store: Store;
  let dispose = async () => {};
  const test = it.skipIf(Boolean(backend.skip));

  beforeAll(async () => {
    if (backend.skip) return;
    const db = await backend.open();
    store = db.store;
    dispose = db.dispose;
  });
  afterAll(() => dispose());

  /** A centre with a candidate (linked to a Slack user), an assessor (not linked) and one draft. */
  async function setting() {
    const centre = await store.people.createCentre(`Copies ${Math.random()}`);
    const person = (name: string, roles: Array<"candidate" | "assessor">) =>
      store.people.createPerson({
        centreId: centre.id,
        email: `${name}.${Math.random()}@example.test`,
        name,
        roles,
      });
    const candidate = await person("Cara", ["candidate"]);
    const assessor = await person("Asa", ["assessor"]);
    const slackId = `U${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
    await store.people.linkIdentity(candidate.id, "slack", slackId);
    const enrolment = await store.enrolments.create({
      centreId: centre.id,
      candidateId: candidate.id,
      qualificationId: "cs-l2",
      level: 2,
      unitIds: ["205"],
      assessorId: assessor.id,
      internalVerifierId: null,
    });
    const draft = () =>
      store.evidence.createDraft({
        enrolmentId: enrolment.id,
        candidateId: candidate.id,
        title: "t",
        source: "typed",
        method: "personal_statement",
        setting: "workplace",
        occurredOn: "2025-11-22",
        text: "text",
        authorId: candidate.id,
        claims: [
          { kind: "criterion", targetId: "205.1.1", unitId: "205", proposedBy: "mapper", support: "s" },
        ],
        audit: { actor: { personId: candidate.id }, action: "evidence.drafted", entityType: "evidence" },
      });
    return { candidate, assessor, slackId, draft };
  }

  test("a message is recorded once, with whoever it was last drawn for, and read back with their chat id", async () => {
    const { candidate, assessor, slackId, draft } = await setting();
    const e = await draft();
    const copy = { evidenceId: e.id, channel: "slack" as const, channelId: "D1", messageTs: "1.000100" };
    await store.cardCopies.record({ ...copy, personId: assessor.id });
    await store.cardCopies.record({ ...copy, personId: candidate.id });
    await store.cardCopies.record({ ...copy, personId: assessor.id, messageTs: "2.000100" });
    const copies = await store.cardCopies.ofEvidence(e.id, "slack", 10);
    expect(copies.map((c) => [c.messageTs, c.personId, c.chatUserId])).toEqual([
      ["2.000100", assessor.id, null],
      ["1.000100", candidate.id, slackId],
    ]);
    expect(await store.cardCopies.ofEvidence(e.id, "teams", 10)).toEqual([]);
    expect(await store.cardCopies.ofEvidence(e.id, "slack", 1)).toHaveLength(1);
    await store.cardCopies.remove("D1", "2.000100");
    expect((await store.cardCopies.ofEvidence(e.id, "slack", 10)).map((c) => c.messageTs)).toEqual([
      "1.000100",
    ]);
  });

  test("only the newest copies of a piece of evidence are kept, and none older than the age limit", async () => {
    const { candidate, draft } = await setting();
    const e = await draft();
    const other = await draft();
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    const record = (evidenceId: string, ts: string, when: Date) =>
      store.cardCopies.record(
        { evidenceId, personId: candidate.id, channel: "slack", channelId: "DCAP", messageTs: ts },
        when,
      );
    // A copy of the other evidence, recorded just over the age limit before the rest.
    const old = new Date(start - (CARD_COPY_LIMITS.maxAgeDays * 24 * 60 + 1) * 60_000);
    await record(other.id, "old.1", old);
    expect(await store.cardCopies.ofEvidence(other.id, "slack", 10)).toHaveLength(1);
    for (let i = 0; i < CARD_COPY_LIMITS.perEvidence + 3; i++) await record(e.id, `m.${i}`, at(i));
    const kept = await store.cardCopies.ofEvidence(e.id, "slack", 100);
    expect(kept).toHaveLength(CARD_COPY_LIMITS.perEvidence);
    expect(kept[0]?.messageTs).toBe(`m.${CARD_COPY_LIMITS.perEvidence + 2}`);
    expect(kept.at(-1)?.messageTs).toBe("m.3");
    expect(await store.cardCopies.ofEvidence(other.id, "slack", 10)).toEqual([]);
  });

  test("forgetting a person removes their copies and no one else's", async () => {
    const { candidate, assessor, draft } = await setting();
    const e = await draft();
    const base = { evidenceId: e.id, channel: "slack" as const, channelId: "DF" };
    await store.cardCopies.record({ ...base, personId: candidate.id, messageTs: "f.1" });
    await store.cardCopies.record({ ...base, personId: assessor.id, messageTs: "f.2" });
    expect(await store.transaction((tx) => tx.cardCopies.forget(candidate.id))).toBe(1);
    expect((await store.cardCopies.ofEvidence(e.id, "slack", 10)).map((c) => c.personId)).toEqual([
      assessor.id,
    ]);
  });
});
