// Store benchmark: 1,000 candidates × 100 pieces of evidence × 5 claims, then coverage p95 and submit→decide throughput.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { addPerson } from "../src/portfolio/add-person.ts";
import { type PortfolioContext, portfolioContext } from "../src/portfolio/context.ts";
import { createCentre } from "../src/portfolio/create-centre.ts";
import { getProgress } from "../src/portfolio/get-progress.ts";
import { recordDecision } from "../src/portfolio/record-decision.ts";
import { submitEvidence } from "../src/portfolio/submit-evidence.ts";
import { loadCatalogue } from "../src/standards/catalogue.ts";
import type { BulkValue } from "../src/store/bulk-repository.ts";
import { openStore, type Store } from "../src/store/store.ts";
import { lcg, percentile, round } from "./stats.ts";

const POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
/** The size; BENCH_STORE_CANDIDATES makes a smaller portfolio for a quick look (figures then say so). */
const SIZE = {
  candidates: Number(process.env.BENCH_STORE_CANDIDATES) || 1000,
  evidencePerCandidate: 100,
  claimsPerEvidence: 5,
};
const UNITS = ["201", "202", "205", "206", "207", "213", "216"];
const COVERAGE_RUNS = 200;
const PAIRS = 600;
/** Every measured loop also stops after this long, whatever its count. */
const TIME_CAP_MS = 120_000;

function bar(label: string, done: number, total: number, started: number) {
  if (!process.stderr.isTTY && done < total && done % Math.ceil(total / 10) !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = done / Math.max(0.001, (performance.now() - started) / 1000);
  process.stderr.write(
    `\r  ${label.padEnd(22)} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)}% ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} (${Math.round(rate).toLocaleString("en-GB")}/s)${done >= total ? "\n" : ""}`,
  );
}

interface Loaded {
  assessorId: string;
  candidates: Array<{ id: string; enrolmentId: string }>;
  /** Drafts of candidates of the first assessor, with their claim targets, for submit→decide. */
  drafts: Array<{ id: string; candidateId: string; targets: string[] }>;
  loadSeconds: number;
  rows: Record<string, number>;
}

export async function load(ctx: PortfolioContext): Promise<Loaded> {
  const { store, catalogue } = ctx;
  const random = lcg(20251124);
  const centre = await createCentre(ctx, {
    actor: { system: "cli" },
    name: `Bench ${randomUUID().slice(0, 8)}`,
  });
  const assessor = await addPerson(ctx, {
    actor: { system: "cli" },
    centreId: centre.id,
    email: `assessor.${centre.id}@bench.test`,
    name: "Bench Assessor",
    roles: ["assessor"],
  });
  const pool = UNITS.flatMap((unitId) => {
    const unit = catalogue.unit(unitId);
    if (!unit) return [];
    return [
      ...unit.elements.flatMap((e) => e.criteria.map((c) => ({ id: c.id, kind: "criterion", unitId }))),
      ...unit.knowledge.map((k) => ({ id: k.id, kind: "knowledge", unitId })),
      ...unit.evidenceRequirements.flatMap((er) =>
        er.ranges.map((r) => ({ id: r.id, kind: "range", unitId })),
      ),
    ];
  });
  const started = performance.now();
  const candidates = Array.from({ length: SIZE.candidates }, (_, i) => ({
    id: randomUUID(),
    enrolmentId: randomUUID(),
    email: `candidate${i}.${centre.id}@bench.test`,
  }));
  const rows: Record<string, number> = {};
  rows.person = await store.bulk.insert(
    "person",
    candidates.map((c, i) => [c.id, centre.id, c.email, `Candidate ${i}`, ["candidate"]]),
  );
  rows.enrolment = await store.bulk.insert(
    "enrolment",
    candidates.map((c) => [
      c.enrolmentId,
      centre.id,
      c.id,
      "cs-l2",
      2,
      UNITS,
      assessor.id,
      SIZE.evidencePerCandidate + 1,
    ]),
  );

  const evidenceTotal = SIZE.candidates * SIZE.evidencePerCandidate;
  const evidence: BulkValue[][] = [];
  const versions: BulkValue[][] = [];
  const claims: BulkValue[][] = [];
  const drafts: Loaded["drafts"] = [];
  for (const [ci, c] of candidates.entries()) {
    for (let n = 1; n <= SIZE.evidencePerCandidate; n++) {
      const id = randomUUID();
      const roll = random();
      const status = roll < 0.6 ? "assessed" : roll < 0.8 ? "submitted" : roll < 0.9 ? "referred" : "draft";
      evidence.push([
        id,
        c.enrolmentId,
        c.id,
        `E${n}`,
        `Shift ${n}`,
        status,
        1,
        "typed",
        "personal_statement",
      ]);
      versions.push([
        randomUUID(),
        id,
        1,
        `Account ${n} of candidate ${ci}: a busy shift on the tills.`,
        c.id,
      ]);
      const targets = new Set<number>();
      while (targets.size < SIZE.claimsPerEvidence) targets.add(Math.floor(random() * pool.length));
      const chosen = [...targets].map((t) => pool[t]).filter((t) => t !== undefined);
      for (const t of chosen)
        claims.push([
          randomUUID(),
          id,
          t.kind,
          t.id,
          t.unitId,
          "mapper",
          "a supporting sentence",
          status === "assessed" ? (random() < 0.9 ? "accepted" : "rejected") : "pending",
        ]);
      if (status === "draft" && drafts.length < PAIRS)
        drafts.push({ id, candidateId: c.id, targets: chosen.map((t) => t.id) });
    }
  }
  let t = performance.now();
  rows.evidence = await store.bulk.insert("evidence", evidence, {
    progress: (done) => bar("evidence", done, evidenceTotal, t),
  });
  t = performance.now();
  rows.evidence_version = await store.bulk.insert("evidence_version", versions, {
    progress: (done) => bar("evidence versions", done, evidenceTotal, t),
  });
  t = performance.now();
  rows.claim = await store.bulk.insert("claim", claims, {
    progress: (done) => bar("claims", done, claims.length, t),
  });
  await store.bulk.analyse();
  return {
    assessorId: assessor.id,
    candidates,
    drafts,
    loadSeconds: round((performance.now() - started) / 1000),
    rows,
  };
}

export async function coverage(ctx: PortfolioContext, loaded: Loaded) {
  const random = lcg(7);
  const times: number[] = [];
  const until = performance.now() + TIME_CAP_MS;
  for (let i = 0; i < COVERAGE_RUNS && performance.now() < until; i++) {
    const candidate = loaded.candidates[Math.floor(random() * loaded.candidates.length)];
    if (!candidate) continue;
    const t = performance.now();
    await getProgress(ctx, { actor: { personId: loaded.assessorId }, candidateId: candidate.id });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)) };
}

export async function submitDecide(
  ctx: PortfolioContext,
  drafts: Loaded["drafts"],
  assessorId: string,
  concurrency: number,
) {
  const queue = [...drafts];
  let done = 0;
  const started = performance.now();
  const until = started + TIME_CAP_MS;
  const worker = async () => {
    for (let d = queue.shift(); d && performance.now() < until; d = queue.shift()) {
      const s = await submitEvidence(ctx, { actorId: d.candidateId, evidenceId: d.id, version: 1 });
      await recordDecision(ctx, {
        actorId: assessorId,
        evidenceId: d.id,
        version: s.version,
        outcome: "assessed",
        claims: d.targets.map((targetId) => ({ targetId, decision: "accepted" as const })),
      });
      done += 1;
      bar(`submit→decide ×${concurrency}`, done, drafts.length, started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (done < drafts.length) process.stderr.write("\n");
  const seconds = (performance.now() - started) / 1000;
  return { pairs: done, concurrency, seconds: round(seconds), per_second: round(done / seconds) };
}

/** Loads, measures coverage, then submit→decide once per concurrency level, each on its own share of the drafts. */
async function benchOne(name: string, url: string, concurrencies: number[]) {
  process.stderr.write(`store bench on ${name}\n`);
  const store: Store = await openStore(url);
  try {
    const ctx = portfolioContext(store, loadCatalogue());
    const loaded = await load(ctx);
    const cov = await coverage(ctx, loaded);
    const share = Math.floor(loaded.drafts.length / concurrencies.length);
    const submit_decide = [];
    for (const [i, concurrency] of concurrencies.entries())
      submit_decide.push(
        await submitDecide(
          ctx,
          loaded.drafts.slice(i * share, (i + 1) * share),
          loaded.assessorId,
          concurrency,
        ),
      );
    return { load_seconds: loaded.loadSeconds, rows: loaded.rows, coverage: cov, submit_decide };
  } finally {
    await store.close();
  }
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Runs the benchmark on embedded PGlite and, when a server listens on 127.0.0.1:5432, on PostgreSQL. */
export async function run(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {
    size: SIZE,
    targets: { coverage_p95_ms: 50, pglite_submit_decide_per_second: 200 },
  };
  result.pglite = await benchOne("pglite (memory://)", "memory://", [1]);
  // The default `npm start` uses: PGlite keeping its files in a data directory.
  const dataDir = mkdtempSync(join(tmpdir(), "shiftnote-bench-pgdata-"));
  try {
    result.pglite_data_directory = await benchOne("pglite (data directory)", `file:${dataDir}`, [1]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!(await portOpen("127.0.0.1", 5432))) {
    result.postgresql = { skipped: "nothing listens on 127.0.0.1:5432" };
    return result;
  }
  const name = `shiftnote_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    result.postgresql = await benchOne("postgresql", POSTGRES_URL.replace(/\/postgres$/, `/${name}`), [1, 8]);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
