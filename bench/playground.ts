// Playground benchmark: account → suggestion card through POST /playground/api/messages, 50 candidates at once, paced and in a burst.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/app/config.ts";
import { listen } from "../src/app/server.ts";
import { buildProduct } from "../src/app/wiring.ts";
import { accountFor, addBenchCandidates } from "./shared/candidates.ts";
import { lcg, percentile, round } from "./stats.ts";

const CANDIDATES = 50;
const ACCOUNTS_EACH = 4;
const WARM_UP = 5;
const UNLOADED = 20;
const TARGET_MEDIAN_MS = 300;
/** The measured loop also stops after this long, whatever is left. */
const TIME_CAP_MS = 120_000;
/** A candidate's pause between two accounts in the paced run. */
const THINK_MS = { min: 3000, max: 9000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Reply {
  replies?: Array<{ text?: string; card?: { body?: unknown } }>;
}

export async function run(): Promise<Record<string, unknown>> {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
  const product = await buildProduct(config, { log: () => {} });
  let server: Server | undefined;
  try {
    // 50 extra Level 2 candidates in the demo centre, enrolled like Amira, with the demo assessor and verifier.
    const emails = await addBenchCandidates(product.store, product.catalogue, CANDIDATES);

    server = await listen(product.app, config);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api/messages`;
    let failures = 0;
    const firstFailure: string[] = [];
    /** One account to its suggestion card; the time is to the parsed reply, as the page would have it. */
    async function send(as: string, text: string): Promise<number> {
      const started = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as, text }),
      });
      const out = (await res.json()) as Reply;
      const elapsed = performance.now() - started;
      if (!res.ok || !out.replies?.some((r) => r.card)) {
        failures += 1;
        if (firstFailure.length === 0)
          firstFailure.push(`${res.status} ${JSON.stringify(out).slice(0, 300)}`);
      }
      return elapsed;
    }
    const textFor = (candidate: number, n: number) => accountFor(candidate, n, ACCOUNTS_EACH);

    // Warm the mapper (its index and the language model load on first use), then one candidate at a time.
    for (let i = 0; i < WARM_UP; i++) await send(emails[0] ?? "", textFor(0, i));
    const alone: number[] = [];
    for (let i = 0; i < UNLOADED; i++) alone.push(await send(emails[1] ?? "", textFor(1, i)));
    alone.sort((a, b) => a - b);
    failures = 0;

    // Paced: 50 candidates in session at once, each sending its accounts with a person's pause between them
    // (3–9 s, a fixed pseudo-random sequence), starting at staggered moments. This is the target's figure.
    const random = lcg(20261124);
    const pause = () => THINK_MS.min + random() * (THINK_MS.max - THINK_MS.min);
    const paced = await measure(async (email, c, n) => {
      await sleep(n === 0 ? random() * THINK_MS.max : pause());
      return send(email, textFor(c, n));
    });
    const pacedFailures = failures;
    failures = 0;
    // Burst: the same 50 send their accounts back to back with no pause, a stress figure beyond real use.
    const burst = await measure((email, c, n) => send(email, textFor(c, n + ACCOUNTS_EACH)));

    async function measure(step: (email: string, c: number, n: number) => Promise<number>) {
      const times: number[] = [];
      const deadline = performance.now() + TIME_CAP_MS;
      const wall = performance.now();
      await Promise.all(
        emails.map(async (email, c) => {
          for (let n = 0; n < ACCOUNTS_EACH && performance.now() < deadline; n++)
            times.push(await step(email, c, n));
        }),
      );
      const seconds = (performance.now() - wall) / 1000;
      times.sort((a, b) => a - b);
      return { times, seconds, median: percentile(times, 50) };
    }
    const figures = (prefix: string, m: { times: number[]; seconds: number; median: number }) => ({
      [`${prefix}_requests`]: m.times.length,
      [`${prefix}_median_ms`]: round(m.median, 1),
      [`${prefix}_p95_ms`]: round(percentile(m.times, 95), 1),
      [`${prefix}_max_ms`]: round(m.times.at(-1) ?? Number.NaN, 1),
      [`${prefix}_rate_per_s`]: round(m.times.length / m.seconds, 1),
      [`${prefix}_wall_s`]: round(m.seconds, 1),
    });
    for (const [name, m] of [
      ["paced", paced],
      ["burst", burst],
    ] as const)
      process.stderr.write(
        `  ${name}: ${m.times.length} accounts from ${CANDIDATES} candidates in ${m.seconds.toFixed(1)} s, median ${m.median.toFixed(0)} ms, p95 ${percentile(m.times, 95).toFixed(0)} ms\n`,
      );
    return {
      setup: `embedded PGlite (memory://), demo centre + ${CANDIDATES} Level 2 candidates, offline mapper, loopback HTTP, one process`,
      candidates: CANDIDATES,
      accounts_each: ACCOUNTS_EACH,
      paced_think_time_s: `${THINK_MS.min / 1000}–${THINK_MS.max / 1000}`,
      ...figures("paced", paced),
      ...figures("burst", burst),
      failures: pacedFailures + failures,
      ...(firstFailure.length ? { first_failure: firstFailure[0] } : {}),
      unloaded_median_ms: round(percentile(alone, 50), 1),
      unloaded_p95_ms: round(percentile(alone, 95), 1),
      target_median_ms: TARGET_MEDIAN_MS,
      paced_meets_target: paced.median <= TARGET_MEDIAN_MS,
      burst_meets_target: burst.median <= TARGET_MEDIAN_MS,
    };
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await product.close();
  }
}
