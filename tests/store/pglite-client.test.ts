// The PGlite client behind Prisma: parameters round-trip by type, kept statements survive errors, locks hold.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdapterClient, pgliteClient, toText } from "../../src/store/pglite-client.ts";

describe("parameters as text", () => {
  it("writes each JavaScript type as PostgreSQL reads it", () => {
    expect(toText(null)).toBeNull();
    expect(toText(undefined)).toBeNull();
    expect(toText("it's")).toBe("it's");
    expect(toText(42)).toBe("42");
    expect(toText(12345678901234567890n)).toBe("12345678901234567890");
    expect(toText(true)).toBe("t");
    expect(toText(new Date("2026-11-24T10:00:00.000Z"))).toBe("2026-11-24T10:00:00.000Z");
    expect(toText(new Uint8Array([0, 255, 16]))).toBe("\\x00ff10");
    expect(toText(["a", 'say "hi"', "back\\slash", null])).toBe('{"a","say \\"hi\\"","back\\\\slash",NULL}');
    expect(toText({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });
});

describe("pgliteClient", () => {
  let db: PGlite;
  let client: AdapterClient;

  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec(
      `CREATE TABLE note (id text PRIMARY KEY, tags text[], body jsonb, n int, at timestamptz, raw bytea)`,
    );
    client = pgliteClient(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it("round-trips arrays, JSON, numbers, times and bytes through inserted rows", async () => {
    await client.query("INSERT INTO note VALUES ($1, $2, $3, $4, $5, $6)", [
      "a",
      ["x", 'quote "q"', "comma,y"],
      JSON.stringify({ k: "v" }),
      7,
      new Date("2026-11-24T10:00:00.000Z"),
      new Uint8Array([1, 2, 3]),
    ]);
    const { rows } = await client.query<{
      tags: string[];
      body: unknown;
      n: number;
      at: Date;
      raw: Uint8Array;
    }>("SELECT tags, body, n, at, raw FROM note WHERE id = $1", ["a"]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.tags).toEqual(["x", 'quote "q"', "comma,y"]);
    expect(row?.body).toEqual({ k: "v" });
    expect(row?.n).toBe(7);
    expect(row?.at.toISOString()).toBe("2026-11-24T10:00:00.000Z");
    expect([...(row?.raw ?? [])]).toEqual([1, 2, 3]);
  });

  it("answers the same statement again after it failed, and after a statement that never parsed", async () => {
    const insert = "INSERT INTO note (id, n) VALUES ($1, $2)";
    await client.query(insert, ["dup", 1]);
    await expect(client.query(insert, ["dup", 2])).rejects.toMatchObject({ code: "23505" });
    await expect(client.query("SELEC nothing", [])).rejects.toThrow(/syntax/);
    await client.query(insert, ["dup2", 3]);
    const { rows } = await client.query<{ n: number }>("SELECT n FROM note WHERE id = ANY($1) ORDER BY n", [
      ["dup", "dup2"],
    ]);
    expect(rows.map((r) => r.n)).toEqual([1, 3]);
  });

  it("keeps a transaction's queries apart from queries outside it, and rolls back", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = client.transaction(async (tx) => {
      await tx.query("INSERT INTO note (id, n) VALUES ($1, $2)", ["tx", 1]);
      await gate;
      await tx.rollback();
    });
    // Waits for the transaction: it must not see (or join) the uncommitted row.
    const outside = client.query<{ count: number }>("SELECT count(*)::int AS count FROM note WHERE id = $1", [
      "tx",
    ]);
    release();
    await inside.catch(() => {});
    expect((await outside).rows[0]?.count).toBe(0);
  });

  it("serves many interleaved queries without mixing up their answers", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.query("INSERT INTO note (id, n) VALUES ($1, $2)", [`m${i}`, i]),
      ),
    );
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.query<{ n: number }>("SELECT n FROM note WHERE id = $1", [`m${i}`]),
      ),
    );
    expect(answers.map((a) => a.rows[0]?.n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("leaves no prepared statement behind when a statement's first run fails", async () => {
    const kept = async () =>
      (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements")).rows[0]
        ?.n ?? 0;
    await client.query("INSERT INTO note (id, n) VALUES ($1, $2)", ["first-fail", 1]);
    const before = await kept();
    for (let i = 0; i < 5; i++)
      await expect(
        client.query(`INSERT INTO note (id, n) VALUES ($1, $2) RETURNING ${i} AS attempt`, ["first-fail", 2]),
      ).rejects.toMatchObject({ code: "23505" });
    expect(await kept()).toBe(before);
  });

  it("keeps a bounded number of statements prepared, and none for SQL with its values written in", async () => {
    const kept = async () =>
      (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements")).rows[0]
        ?.n ?? 0;
    const before = await kept();
    for (let i = 0; i < 50; i++) await client.query(`SELECT ${i} AS literal`);
    expect(await kept()).toBe(before);
    for (let i = 0; i < 350; i++) await client.query(`SELECT $1::int + ${i} AS n`, [i]);
    expect(await kept()).toBeLessThanOrEqual(300);
    // A statement dropped from the cache is prepared again and still answers.
    const { rows } = await client.query<{ n: number }>("SELECT $1::int + 0 AS n", [5]);
    expect(rows[0]?.n).toBe(5);
  });
});
