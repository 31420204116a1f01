// The PGlite client Prisma's adapter talks to: each parameterised query is one protocol message to a kept plan.
import { type PGlite, parse, protocol, type QueryOptions, type Results } from "@electric-sql/pglite";

/**
 * What pglite-prisma-adapter uses of a PGlite instance. Its own `query` costs six round trips into WebAssembly
 * (parse, describe the statement, bind, describe the portal, execute, sync) and plans the SQL every time; most
 * of a short statement's time went there. This client sends Parse (once per distinct SQL text, as a named
 * statement), Bind, Describe, Execute and Sync as one message, so PostgreSQL keeps the plan and the wasm
 * boundary is crossed once. Parameters are sent as text, serialised by their JavaScript type as node-postgres
 * does, so PostgreSQL infers their types from the SQL exactly as it does for the server behind @prisma/adapter-pg.
 */
export interface AdapterClient {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(work: (tx: AdapterTransaction) => Promise<T>): Promise<T>;
}

export interface AdapterTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<unknown>;
  rollback(): Promise<void>;
}

type Parsers = Parameters<typeof parse.parseResults>[1];

/** PGlite's own locks: one for a whole transaction (or a lone query), one for each exchange with the backend. */
interface Locks {
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T>;
  parsers: Parsers;
}

/**
 * Statements kept prepared, least recently used dropped first: the product's repositories have a few dozen.
 * Only parameterised statements are kept; SQL with its values written in (bulk loads) runs once, unnamed.
 */
const MAX_PREPARED = 300;
const MAX_PREPARED_SQL = 16_384;

export function pgliteClient(db: PGlite): AdapterClient {
  const locks = db as unknown as Locks;
  const prepared = new Map<string, string>();
  let counter = 0;

  // PGlite merges the caller's parsers into its own table of every type on each query; the adapter always
  // passes the same ones, so the merged table is made once per distinct set.
  const merged = new WeakMap<object, { base: Parsers; table: Parsers }>();
  function parsersFor(options: QueryOptions | undefined): Parsers {
    const extra = options?.parsers;
    if (!extra) return locks.parsers;
    let entry = merged.get(extra);
    // PGlite replaces its table when it learns new types (an enum's array type, say).
    if (entry?.base !== locks.parsers) {
      entry = { base: locks.parsers, table: { ...locks.parsers, ...extra } };
      merged.set(extra, entry);
    }
    return entry.table;
  }

  async function run<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return locks._runExclusiveQuery(async () => {
      let name = prepared.get(sql);
      let parsing = false;
      const parts: Uint8Array[] = [];
      if (name !== undefined) {
        // Most recently used last, so the first key is the one to drop.
        prepared.delete(sql);
        prepared.set(sql, name);
      } else {
        const keep = params.length > 0 && sql.length <= MAX_PREPARED_SQL;
        name = keep ? `shiftnote_${++counter}` : "";
        if (keep && prepared.size >= MAX_PREPARED) {
          const [oldest, oldName] = prepared.entries().next().value as [string, string];
          prepared.delete(oldest);
          parts.push(protocol.serialize.close({ type: "S", name: oldName }));
        }
        parts.push(protocol.serialize.parse({ name, text: sql }));
        parsing = keep;
      }
      parts.push(
        protocol.serialize.bind({ statement: name, values: params.map(toText) }),
        protocol.serialize.describe({ type: "P" }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      );
      let messages: Awaited<ReturnType<PGlite["execProtocol"]>>["messages"];
      try {
        ({ messages } = await db.execProtocol(concat(parts)));
      } catch (error) {
        // A kept statement the schema changed under is prepared afresh next time; other failures keep it.
        if (isPlanInvalid(error)) prepared.delete(sql);
        // A statement prepared in a batch that failed is not kept: close it, whether or not it was made
        // (closing a name that does not exist is not an error), so failures leave nothing behind.
        if (parsing)
          await db
            .execProtocol(
              concat([protocol.serialize.close({ type: "S", name }), protocol.serialize.sync()]),
              {
                throwOnError: false,
              },
            )
            .catch(() => {});
        throw error;
      }
      if (name && !prepared.has(sql)) prepared.set(sql, name);
      const [result] = parse.parseResults(messages, parsersFor(options), {
        ...(options?.rowMode ? { rowMode: options.rowMode } : {}),
      });
      return result as Results<T>;
    });
  }

  return {
    query: (sql, params, options) => locks._runExclusiveTransaction(() => run(sql, params, options)),
    exec: (sql) => db.exec(sql),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: (sql, params, options) => run(sql, params, options),
          exec: (sql) => tx.exec(sql),
          rollback: () => tx.rollback(),
        }),
      ),
  };
}

/** SQLSTATE 0A000 "cached plan must not change result type": the schema changed under a kept statement. */
function isPlanInvalid(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "0A000";
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A parameter in PostgreSQL's text format, by its JavaScript type (as node-postgres sends them). */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
  if (value instanceof ArrayBuffer) return `\\x${Buffer.from(value).toString("hex")}`;
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = toText(v) ?? "";
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}
