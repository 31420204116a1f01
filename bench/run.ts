// `npm run bench`: runs every bench module in bench/ and writes their figures, with the machine, to docs/BENCHMARKS.md.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const docs = fileURLToPath(new URL("../docs/BENCHMARKS.md", import.meta.url));
const only = process.argv.slice(2);

const modules = readdirSync(here)
  // stats.ts holds what the benches share; it is no bench itself.
  .filter((n) => n.endsWith(".ts") && n !== "run.ts" && n !== "stats.ts")
  .map((n) => n.replace(/\.ts$/, ""))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const started = new Date().toISOString();
const sections: Array<{ name: string; figures: Record<string, unknown> }> = [];

for (const name of modules) {
  process.stderr.write(`bench ${name} …\n`);
  const mod = (await import(`./${name}.ts`)) as { run(): Promise<Record<string, unknown>> };
  const figures = await mod.run();
  sections.push({ name, figures });
  console.log(JSON.stringify({ bench: name, ...figures }));
}

// Keep the sections of benches not run this time; replace the ones that were.
const previous = (() => {
  try {
    return readFileSync(docs, "utf8");
  } catch {
    return "";
  }
})();
const blocks = new Map<string, string>();
for (const match of previous.matchAll(/^## (\S+)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm))
  blocks.set(match[1] ?? "", match[0]);
for (const { name, figures } of sections) {
  const rows = Object.entries(figures).map(
    ([k, v]) => `| ${k} | ${typeof v === "number" ? Number(v.toFixed(3)) : JSON.stringify(v)} |`,
  );
  blocks.set(
    name,
    `## ${name}\n\nRun ${started} on ${machine}.\n\n| figure | value |\n| --- | --- |\n${rows.join("\n")}\n\n`,
  );
}
const head =
  "# Benchmarks\n\nWritten by `npm run bench` (one bench: `npm run bench -- NAME`). Figures from one shared, noisy machine: compare ratios within one run, not across runs.\n\n";
writeFileSync(
  docs,
  head +
    [...blocks.keys()]
      .sort()
      .map((k) => blocks.get(k))
      .join(""),
);
process.stderr.write(`Figures written to docs/BENCHMARKS.md\n`);
