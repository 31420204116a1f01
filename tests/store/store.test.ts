// The store on both databases: migrations applied once, repositories' guards, the append-only audit log, constraints.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/store/connect.ts";
import { databaseTarget } from "../../src/store/database-url.ts";
import { readMigrations } from "../../src/store/migrate.ts";
import type { Store } from "../../src/store/store.ts";
import { createPostgresDatabase, testBackends } from "./backends.ts";

const backends = await testBackends();

describe("DATABASE_URL", () => {
  it("names a PostgreSQL server, a PGlite folder or a throwaway PGlite", () => {
    expect(databaseTarget("postgresql://u@h:5432/db")).toEqual({
      kind: "postgresql",
      url: "postgresql://u@h:5432/db",
    });
    expect(databaseTarget("postgres://u@h/db").kind).toBe("postgresql");
    expect(databaseTarget("file:./var/pgdata")).toEqual({ kind: "pglite", dataDir: "./var/pgdata" });
    expect(databaseTarget("file:///srv/shiftnote/pgdata")).toEqual({
      kind: "pglite",
      dataDir: "/srv/shiftnote/pgdata",
    });
    expect(databaseTarget("memory://")).toEqual({ kind: "pglite", dataDir: undefined });
  });
});

describe.each(backends)("store on $name", (backend) => {
  let store: Store;
  let database: Database;
  let dispose = async () => {};
  const test = it.skipIf(Boolean(backend.skip));

  beforeAll(async () => {
    if (backend.skip) return;
    const db = await backend.open();
    store = db.store;
    database = db.database;
    dispose = db.dispose;
  });
  afterAll(() => dispose());

  test("migrations are applied on the first start only, and recorded as Prisma records them", async () => {
    const migrations = readMigrations();
    let url: string;
    let cleanup: () => Promise<void>;
    if (backend.name === "pglite") {
      const dir = mkdtempSync(join(tmpdir(), "shiftnote-pgdata-"));
      url = `file:${dir}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const db = await createPostgresDatabase("shiftnote_migrate");
      url = db.url;
      cleanup = db.drop;
    }
    try {
      const first = await openDatabase(url);
      expect(first.applied).toEqual(migrations.map((m) => m.name));
      const rows = await first.prisma.$queryRawUnsafe<
        Array<{ migration_name: string; checksum: string; finished_at: Date | null }>
      >(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(
        migrations.map((m) => [m.name, m.checksum]),
      );
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      await first.close();
      const second = await openDatabase(url);
      expect(second.applied).toEqual([]);
      expect(await second.prisma.centre.count()).toBe(0);
      await second.close();
    } finally {
      await cleanup();
    }
  });

  test("the audit log refuses updates and deletes", async () => {
    await store.audit.append({
      actor: { label: "test" },
      action: "test.done",
      entityType: "test",
      entityId: "t1",
    });
    const raw = database.prisma;
    expect(await databaseError(raw.$executeRawUnsafe(`UPDATE "audit_event" SET action = 'changed'`))).toMatch(
      /append-only/,
    );
    expect(await databaseError(raw.$executeRawUnsafe(`DELETE FROM "audit_event"`))).toMatch(/append-only/);
    expect((await store.audit.forEntity("test", "t1")).map((a) => a.action)).toEqual(["test.done"]);
  });

  test("a transaction that fails writes nothing, audit event included", async () => {
    const centre = await store.people.createCentre(`Tx ${Math.random()}`);
    await expect(
      store.transaction(async (tx) => {
        await tx.people.createPerson({
          centreId: centre.id,
          email: "tx@example.test",
          name: "Tx",
          roles: ["candidate"],
        });
        await tx.audit.append({
          actor: { label: "test" },
          action: "person.added",
          entityType: "person",
          entityId: "tx",
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.people.byEmail("tx@example.test")).toBeNull();
    expect(await store.audit.forEntity("person", "tx")).toEqual([]);
  });

  test("evidence moves on only from the version and status it was read at; a stale change writes nothing", async () => {
    const centre = await store.people.createCentre(`V ${Math.random()}`);
    const person = await store.people.createPerson({
      centreId: centre.id,
      email: `v.${Math.random()}@example.test`,
      name: "V",
      roles: ["candidate"],
    });
    const enrolment = await store.enrolments.create({
      centreId: centre.id,
      candidateId: person.id,
      qualificationId: "cs-l2",
      level: 2,
      unitIds: ["205"],
      assessorId: null,
      internalVerifierId: null,
    });
    const e = await store.evidence.createDraft({
      enrolmentId: enrolment.id,
      candidateId: person.id,
      title: "t",
      source: "typed",
      method: "personal_statement",
      setting: "workplace",
      occurredOn: "2025-11-22",
      text: "text",
      authorId: person.id,
      claims: [{ kind: "criterion", targetId: "205.1.1", unitId: "205", proposedBy: "mapper", support: "s" }],
      audit: { actor: { personId: person.id }, action: "evidence.drafted", entityType: "evidence" },
    });
    expect(e.ref).toBe("E1");
    const stale = await store.transitions.apply({
      evidenceId: e.id,
      expectedVersion: 7,
      from: ["draft"],
      to: "submitted",
      audit: {
        actor: { personId: person.id },
        action: "evidence.submitted",
        entityType: "evidence",
        entityId: e.id,
      },
      event: { id: `stale-${e.id}`, action: "evidence.submit", actorId: person.id },
    });
    expect(stale).toBeNull();
    expect((await store.audit.forEntity("evidence", e.id)).map((a) => a.action)).toEqual([
      "evidence.drafted",
    ]);
    expect(await store.audit.processed(`stale-${e.id}`)).toBeNull();
    const facts = await store.transitions.facts(e.id);
    expect(facts).toMatchObject({ status: "draft", version: 1, setting: "workplace", planUnitIds: ["205"] });
    expect(facts?.claims.map((c) => c.targetId)).toEqual(["205.1.1"]);
    expect(await store.evidence.advance(e.id, 1, ["draft"], "submitted")).toBe(2);
    expect(await store.evidence.advance(e.id, 1, ["submitted"], "assessed")).toBeNull();
    expect(await store.evidence.advance(e.id, 2, ["draft"], "submitted")).toBeNull();
    const record = await store.evidence.byId(e.id);
    expect(record).toMatchObject({ status: "submitted", version: 2, occurredOn: "2025-11-22", text: "text" });
    expect(await store.evidence.coverageClaims(enrolment.id)).toEqual([
      {
        kind: "criterion",
        targetId: "205.1.1",
        unitId: "205",
        decision: "pending",
        evidenceRef: "E1",
        evidenceStatus: "submitted",
        evidenceMethod: "personal_statement",
      },
    ]);
    const raw = database.prisma;
    await expect(
      raw.$executeRawUnsafe(
        `INSERT INTO "witness_request" (id, evidence_id, witness_id, requested_by_id) VALUES ('r1', '${e.id}', '${person.id}', '${person.id}');
         `,
      ),
    ).resolves.toBe(1);
    expect(
      await databaseError(
        raw.$executeRawUnsafe(
          `INSERT INTO "testimony" (id, request_id, evidence_id, witness_id, status_category, relationship, declared_no_personal_relationship, text) VALUES ('t1', 'r1', '${e.id}', '${person.id}', 6, 'x', true, 'x')`,
        ),
      ),
    ).toMatch(/status_category/);
  });

  test("once(): the same event id does the work once, even when both deliveries race", async () => {
    const centre = await store.people.createCentre(`Once ${Math.random()}`);
    let runs = 0;
    const work = () =>
      store.once("evt-1", "centre.touch", null, async (tx) => {
        runs += 1;
        await tx.audit.append({
          actor: { label: "test" },
          action: "centre.touched",
          entityType: "centre",
          entityId: centre.id,
        });
        return centre.id;
      });
    const [a, b] = await Promise.all([work(), work()]);
    expect([a, b]).toEqual([centre.id, centre.id]);
    expect(await work()).toBe(centre.id);
    expect(
      (await store.audit.forEntity("centre", centre.id)).filter((x) => x.action === "centre.touched"),
    ).toHaveLength(1);
    expect(runs).toBeLessThanOrEqual(2);
  });
});

/** The database's own words for why a raw statement failed (the adapters put them in different places). */
async function databaseError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message?: string; meta?: { driverAdapterError?: { cause?: { message?: string } } } };
    return `${e.meta?.driverAdapterError?.cause?.message ?? ""} ${e.message ?? ""}`;
  }
  return "(no error)";
}
