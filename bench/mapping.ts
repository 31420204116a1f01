// Mapping benchmark: start-up (catalogue, model and vectors), resident memory, p50/p95 and texts per second of the offline mapper, in a fresh process.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

const TEXTS = [
  "It was a Saturday lunchtime and the queue was out of the door. A customer asked me whether we had the blue jacket in a size twelve. I checked the stock system, found one at our other branch and asked my manager if we could have it sent over for free. She agreed, so I arranged it and rang the customer the next day to say it had arrived.",
  "so um this man rang up really angry because his broadband had been down for three days and he works from home so i listened and said sorry and then i checked the line and saw an engineer was booked for friday so i asked my team leader if we could get an earlier slot and she found one for the next morning and i gave him a credit for the days he lost",
  "I am the shift supervisor and I watched Sam deal with an elderly lady who could not work the self-service machine. Sam went over straight away, spoke slowly and clearly, and took her through it step by step without rushing her. She thanked him twice on the way out.",
  "can I swap my Sunday shift with someone?",
  "A tenant emailed to say her repair had been cancelled twice. I read back through her previous emails, apologised in my reply, explained what had gone wrong and booked the contractor for a firm date. I summarised the next steps at the end of the email and gave her my direct line.",
];

/** Runs in the child: everything from a cold process. */
async function child(): Promise<void> {
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const { loadCatalogue } = await import("../src/standards/catalogue.ts");
  const { mapEvidence } = await import("../src/mapping/offline.ts");
  const catalogue = loadCatalogue();
  mapEvidence(TEXTS[0] as string, { level: 2 }, catalogue);
  const startupMs = performance.now() - started;
  const long = `${TEXTS[0]} ${TEXTS[4]} ${TEXTS[2]} ${TEXTS[0]}`;
  const texts = [...TEXTS, long];
  const times: number[] = [];
  // CPU time as well as wall time: on a shared machine the wall clock counts the other processes' turns too.
  const cpuTimes: number[] = [];
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const rounds = 40;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++)
    for (const text of texts) {
      const s = performance.now();
      const c = process.cpuUsage();
      mapEvidence(text, { level: 2, units: ["101", "105", "201", "205", "206", "209", "213"] }, catalogue);
      cpuTimes.push(cpuMs(process.cpuUsage(c)));
      times.push(performance.now() - s);
    }
  const totalMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const quantile = (xs: number[], p: number) =>
    xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] as number;
  const q = (p: number) => quantile(times, p);
  process.stdout.write(
    JSON.stringify({
      mapping_startup_ms: Math.round(startupMs),
      mapping_rss_mb: Math.round(process.memoryUsage().rss / 1e6),
      // Node with tsx before anything of the project is loaded: what every command pays anyway.
      mapping_rss_node_tsx_mb: Math.round(baselineRss / 1e6),
      mapping_rss_own_mb: Math.round((process.memoryUsage().rss - baselineRss) / 1e6),
      mapping_heap_mb: Math.round(process.memoryUsage().heapUsed / 1e6),
      mapping_texts_per_second: Math.round((times.length / totalMs) * 1000),
      mapping_p50_ms: Math.round(q(0.5) * 100) / 100,
      mapping_p95_ms: Math.round(q(0.95) * 100) / 100,
      mapping_cpu_p50_ms: Math.round(quantile(cpuTimes, 0.5) * 100) / 100,
      mapping_cpu_p95_ms: Math.round(quantile(cpuTimes, 0.95) * 100) / 100,
    }),
  );
}

/** Start-up, memory and throughput, measured in a fresh Node process (with tsx, as `npm start` runs). */
export async function run(): Promise<Record<string, unknown>> {
  const self = fileURLToPath(import.meta.url);
  const load = loadavg()[0] ?? 0;
  const out = execFileSync(process.execPath, ["--import", "tsx", self, "--child"], { encoding: "utf8" });
  // The machine is shared: the load average says how far to trust the timings.
  return { ...(JSON.parse(out) as Record<string, unknown>), load_average_1m: Math.round(load * 10) / 10 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && process.argv.includes("--child"))
  await child();
