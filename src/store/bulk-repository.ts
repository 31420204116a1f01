// Bulk loading for benchmarks and imports: many rows per statement, straight into the tables, no audit events.
import type { Db } from "./db.ts";

/** The tables that may be bulk-loaded, with their columns in the order rows give them. */
export const BULK_TABLES = {
  person: ["id", "centre_id", "email", "name", "roles"],
  enrolment: [
    "id",
    "centre_id",
    "candidate_id",
    "qualification_id",
    "level",
    "unit_ids",
    "assessor_id",
    "next_evidence_number",
  ],
  evidence: ["id", "enrolment_id", "candidate_id", "ref", "title", "status", "version", "source", "method"],
  evidence_version: ["id", "evidence_id", "number", "text", "author_id"],
  claim: ["id", "evidence_id", "kind", "target_id", "unit_id", "proposed_by", "support", "decision"],
} as const;

export type BulkTable = keyof typeof BULK_TABLES;
export type BulkValue = string | number | boolean | null | string[];

const CASTS: Record<string, string> = {
  roles: '::"Role"[]',
  status: '::"EvidenceStatus"',
  source: '::"EvidenceSource"',
  method: '::"EvidenceMethod"',
  kind: '::"ClaimKind"',
  proposed_by: '::"ClaimProposer"',
  decision: '::"ClaimDecision"',
};

function literal(value: BulkValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(",")}]::text[]`;
  return `'${value.replaceAll("'", "''")}'`;
}

export class BulkRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts rows in statements of `batch` rows, calling `progress` after each. Values are written as SQL literals
   * (quotes doubled), which keeps one code path for PGlite and PostgreSQL and avoids the parameter limit.
   */
  async insert(
    table: BulkTable,
    rows: Iterable<BulkValue[]>,
    options: { batch?: number; progress?: (done: number) => void } = {},
  ): Promise<number> {
    const columns = BULK_TABLES[table];
    const batch = options.batch ?? 2000;
    const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
    let pending: string[] = [];
    let done = 0;
    const flush = async () => {
      if (!pending.length) return;
      await this.db.$executeRawUnsafe(head + pending.join(","));
      done += pending.length;
      pending = [];
      options.progress?.(done);
    };
    for (const row of rows) {
      if (row.length !== columns.length) throw new RangeError(`${table} rows have ${columns.length} values.`);
      pending.push(`(${row.map((v, i) => literal(v) + (CASTS[columns[i] ?? ""] ?? "")).join(",")})`);
      if (pending.length >= batch) await flush();
    }
    await flush();
    return done;
  }

  /** Refreshes the planner's statistics after a bulk load. */
  async analyse(): Promise<void> {
    await this.db.$executeRawUnsafe("ANALYZE");
  }
}
