// `npm run bench`: runs every bench module in bench/ and writes their figures, with the machine, to docs/BENCHMARKS.md.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { type BenchSection, writeReport } from "./report.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const docs = fileURLToPath(new URL("../docs/BENCHMARKS.md", import.meta.url));
const only = process.argv.slice(2);

const modules = readdirSync(here)
  // stats.ts holds what the benches share and report.ts writes the document; neither is a bench.
  .filter((n) => n.endsWith(".ts") && !["run.ts", "stats.ts", "report.ts"].includes(n))
  .map((n) => n.replace(/\.ts$/, ""))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const started = new Date().toISOString();
const sections: BenchSection[] = [];

for (const name of modules) {
  process.stderr.write(`bench ${name} …\n`);
  const mod = (await import(`./${name}.ts`)) as { run(): Promise<Record<string, unknown>> };
  const figures = await mod.run();
  sections.push({ name, figures });
  console.log(JSON.stringify({ bench: name, ...figures }));
}

const previous = (() => {
  try {
    return readFileSync(docs, "utf8");
  } catch {
    return "";
  }
})();
writeFileSync(docs, writeReport(previous, sections, started, machine));
process.stderr.write(`Figures written to docs/BENCHMARKS.md\n`);
