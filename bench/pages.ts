// Pages benchmark: server time to render a unit's recording-form matrix for a candidate with 300 pieces of evidence.
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/app/config.ts";
import { createApp } from "../src/app/server.ts";
import { addPerson } from "../src/portfolio/add-person.ts";
import { portfolioContext } from "../src/portfolio/context.ts";
import { createCentre } from "../src/portfolio/create-centre.ts";
import { enrolCandidate } from "../src/portfolio/enrol-candidate.ts";
import { createPortfolio } from "../src/portfolio/index.ts";
import { getRecordingForm } from "../src/portfolio/recording-form.ts";
import { loadCatalogue } from "../src/standards/catalogue.ts";
import type { BulkValue } from "../src/store/bulk-repository.ts";
import { openStore } from "../src/store/store.ts";
import { mountPages } from "../src/web/pages.ts";
import { signLink } from "../src/web/signed-link.ts";
import { matrixPage } from "../src/web/views/matrix.ts";
import { lcg, percentile, round } from "./stats.ts";

const EVIDENCE = 300;
const CLAIMS_PER_EVIDENCE = 6;
const UNITS = ["201", "202", "205", "206", "207", "213", "216"];
const UNIT = "205";
const RUNS = 200;
const WARMUP = 10;
/** Each measured loop also stops after this long, whatever its count. */
const TIME_CAP_MS = 60_000;
const TARGET_MEDIAN_MS = 150;

async function measure(work: () => Promise<unknown>): Promise<{ median: number; p95: number; runs: number }> {
  for (let i = 0; i < WARMUP; i++) await work();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < RUNS && performance.now() - started < TIME_CAP_MS) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: round(percentile(times, 50)), p95: round(percentile(times, 95)), runs: times.length };
}

export async function run(): Promise<Record<string, unknown>> {
  const store = await openStore("memory://");
  const catalogue = loadCatalogue();
  const ctx = portfolioContext(store, catalogue);
  let server: Server | undefined;
  try {
    const cli = { system: "cli" } as const;
    const centre = await createCentre(ctx, { actor: cli, name: `Pages bench ${randomUUID().slice(0, 8)}` });
    const person = (name: string, roles: Array<"candidate" | "assessor">) =>
      addPerson(ctx, {
        actor: cli,
        centreId: centre.id,
        email: `${name.toLowerCase().replace(/\W+/g, ".")}.${centre.id}@bench.test`,
        name,
        roles,
      });
    const assessor = await person("Bench Assessor", ["assessor"]);
    const candidate = await person("Bench Candidate", ["candidate"]);
    const { enrolment } = await enrolCandidate(ctx, {
      actor: cli,
      candidateId: candidate.id,
      level: 2,
      unitIds: UNITS,
      assessorId: assessor.id,
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
    // a third of the claims on the measured unit, so its matrix is dense
    const unitPool = pool.filter((t) => t.unitId === UNIT);
    const random = lcg(20251124);
    const evidence: BulkValue[][] = [];
    const versions: BulkValue[][] = [];
    const claims: BulkValue[][] = [];
    for (let n = 1; n <= EVIDENCE; n++) {
      const id = randomUUID();
      const roll = random();
      const status = roll < 0.2 ? "submitted" : roll < 0.4 ? "sampled" : "assessed";
      evidence.push([
        id,
        enrolment.id,
        candidate.id,
        `E${n}`,
        `Evidence ${n}`,
        status,
        3,
        "typed",
        "personal_statement",
      ]);
      versions.push([randomUUID(), id, 1, `Account ${n} of a shift with a customer.`, candidate.id]);
      const chosen = new Set<string>();
      while (chosen.size < CLAIMS_PER_EVIDENCE) {
        const from = random() < 0.34 ? unitPool : pool;
        const target = from[Math.floor(random() * from.length)];
        if (!target || chosen.has(target.id)) continue;
        chosen.add(target.id);
        const decision = status === "submitted" ? "pending" : random() < 0.1 ? "rejected" : "accepted";
        claims.push([
          randomUUID(),
          id,
          target.kind,
          target.id,
          target.unitId,
          "mapper",
          "a sentence",
          decision,
        ]);
      }
    }
    await store.bulk.insert("evidence", evidence);
    await store.bulk.insert("evidence_version", versions);
    await store.bulk.insert("claim", claims);
    await store.bulk.analyse();

    // server time: the use case (authorised as the assessor) and the HTML, as the route does
    const viewer = { person: assessor, csrf: "bench" };
    const inProcess = await measure(async () => {
      const form = await getRecordingForm(ctx, {
        actor: { personId: assessor.id },
        candidateId: candidate.id,
        unitId: UNIT,
      });
      return matrixPage(viewer, form);
    });

    // and over HTTP on loopback, with a session, for the whole request
    const config = loadConfig({ SHIFTNOTE_SESSION_SECRET: "bench-secret-bench-secret-bench-secret" });
    const app = createApp({
      config,
      catalogue,
      mount: [(a) => mountPages(a, { config, portfolio: createPortfolio({ store, catalogue }) })],
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Signing in as a person does: the link's token posted from its page's button.
    const token = new URL(signLink(assessor.id, config)).searchParams.get("token") ?? "";
    const login = await fetch(`${base}/auth/link`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const url = `${base}/pages/candidates/${candidate.id}/units/${UNIT}`;
    let bytes = 0;
    const overHttp = await measure(async () => {
      const res = await fetch(url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`The matrix page answered ${res.status}.`);
      bytes = (await res.text()).length;
    });
    return {
      evidence: EVIDENCE,
      claims: claims.length,
      unit: UNIT,
      render_median_ms: inProcess.median,
      render_p95_ms: inProcess.p95,
      render_runs: inProcess.runs,
      http_median_ms: overHttp.median,
      http_p95_ms: overHttp.p95,
      page_kb: Math.round(bytes / 1024),
      target_median_ms: TARGET_MEDIAN_MS,
      within_target: inProcess.median <= TARGET_MEDIAN_MS,
    };
  } finally {
    if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
    await store.close();
  }
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
