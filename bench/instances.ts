// Scale-out benchmark: 50 candidates filing accounts through the playground against one and against two `shiftnote serve` processes on one PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadCatalogue } from "../src/standards/catalogue.ts";
import { openStore } from "../src/store/store.ts";
import { accountFor, addBenchCandidates } from "./shared/candidates.ts";
import { percentile, round } from "./stats.ts";

const POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const CANDIDATES = 50;
/** Each candidate sends at most this many accounts back to back in a run (within the playground's rate limits)… */
const ACCOUNTS_EACH = 8;
/** …and a run stops after this long, whatever is left. */
const TIME_CAP_MS = 30_000;
const WARM_UP = 5;
const root = fileURLToPath(new URL("..", import.meta.url));

interface Instance {
  child: ChildProcess;
  url: string;
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts `shiftnote serve` on a free port against `databaseUrl` and waits for its "running on" line (at most 3 minutes). */
function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ["bin/shiftnote.js", "serve", "--port", "0"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      SHIFTNOTE_PLAYGROUND: "1",
      SHIFTNOTE_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`shiftnote serve did not start within 3 minutes:\n${out.slice(-2000)}`));
    }, 180_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const running = out.match(/Shiftnote is running on (http:\/\/127\.0\.0\.1:\d+)/);
      if (running?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: running[1] });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`shiftnote serve exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}

async function stop(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => instance.child.once("exit", () => resolve()));
  instance.child.kill("SIGTERM");
  const timer = setTimeout(() => instance.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function run(): Promise<Record<string, unknown>> {
  if (!(await portOpen("127.0.0.1", 5432)))
    return { skipped: "nothing listens on 127.0.0.1:5432, so there is no PostgreSQL to share" };
  const name = `shiftnote_bench_instances_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const databaseUrl = POSTGRES_URL.replace(/\/postgres$/, `/${name}`);
  const instances: Instance[] = [];
  try {
    // The first instance migrates the empty database and loads the demo centre; the candidates are added beside it.
    instances.push(await startInstance(databaseUrl));
    const store = await openStore(databaseUrl);
    let emails: string[];
    try {
      emails = await addBenchCandidates(store, loadCatalogue(), CANDIDATES);
    } finally {
      await store.close();
    }
    instances.push(await startInstance(databaseUrl));

    let failures = 0;
    let firstFailure: string | undefined;
    async function send(url: string, as: string, text: string): Promise<number> {
      const started = performance.now();
      try {
        const res = await fetch(`${url}/playground/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ as, text }),
        });
        const out = (await res.json()) as { replies?: Array<{ card?: unknown }> };
        if (!res.ok || !out.replies?.some((r) => r.card)) {
          failures += 1;
          firstFailure ??= `${res.status} ${JSON.stringify(out).slice(0, 300)}`;
        }
      } catch (error) {
        failures += 1;
        firstFailure ??= String(error);
      }
      return performance.now() - started;
    }
    // Each process builds its mapper's index on first use: warm both, outside the figures.
    for (const [i, instance] of instances.entries())
      for (let n = 0; n < WARM_UP; n++) await send(instance.url, emails[i] ?? "", accountFor(i, 100 + n, 1));
    failures = 0;

    /** 50 candidates sending back to back (saturation), candidate c to `targets[c % targets.length]`. */
    async function measure(label: string, targets: Instance[], offset: number) {
      const load_before = round(loadavg()[0] ?? Number.NaN, 2);
      const times: number[] = [];
      const deadline = performance.now() + TIME_CAP_MS;
      const wall = performance.now();
      failures = 0;
      await Promise.all(
        emails.map(async (email, c) => {
          const target = targets[c % targets.length] as Instance;
          for (let n = 0; n < ACCOUNTS_EACH && performance.now() < deadline; n++)
            times.push(await send(target.url, email, accountFor(c, offset + n, ACCOUNTS_EACH)));
        }),
      );
      const seconds = (performance.now() - wall) / 1000;
      times.sort((a, b) => a - b);
      process.stderr.write(
        `  ${label}: ${times.length} accounts in ${seconds.toFixed(1)} s (${(times.length / seconds).toFixed(1)}/s), p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, ${failures} failed\n`,
      );
      return {
        [`${label}_requests`]: times.length,
        [`${label}_per_second`]: round(times.length / seconds, 1),
        [`${label}_p50_ms`]: round(percentile(times, 50), 1),
        [`${label}_p95_ms`]: round(percentile(times, 95), 1),
        [`${label}_max_ms`]: round(times.at(-1) ?? Number.NaN, 1),
        [`${label}_wall_s`]: round(seconds, 1),
        [`${label}_failures`]: failures,
        [`${label}_load_average_1m_before`]: load_before,
        [`${label}_load_average_1m_after`]: round(loadavg()[0] ?? Number.NaN, 2),
      };
    }
    const one = await measure("one_instance", instances.slice(0, 1), 0);
    const two = await measure("two_instances", instances, ACCOUNTS_EACH);
    const ratio = round(
      (two.two_instances_per_second as number) / (one.one_instance_per_second as number),
      2,
    );
    return {
      setup: `one PostgreSQL (127.0.0.1:5432), demo centre + ${CANDIDATES} Level 2 candidates, offline mapper; each instance a separate \`shiftnote serve\` process; loopback HTTP from this process; one instance first, then two (candidates alternate between them)`,
      machine: `${cpus().length} cores shared with the other engineers' work: the load average says how busy it was`,
      candidates: CANDIDATES,
      accounts_each_at_most: ACCOUNTS_EACH,
      time_cap_s: TIME_CAP_MS / 1000,
      ...one,
      ...two,
      two_vs_one_throughput: ratio,
      reading: `${
        ratio >= 1.3
          ? `two processes served ${ratio} times the accounts per second of one`
          : `about the same throughput (${ratio} times): a second process adds no CPU when the cores are already busy`
      }; the ${cpus().length} cores are shared with other people's work (the load averages above), which can change the figures from one run to the next by more than that, so compare within one run and repeat before concluding`,
      ...(firstFailure ? { first_failure: firstFailure } : {}),
    };
  } finally {
    for (const instance of instances) await stop(instance);
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
