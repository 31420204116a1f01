// Writes docs/BENCHMARKS.md from one run's figures: replaces the sections of the benches that ran, keeps the others and every section's "### Notes".

export interface BenchSection {
  name: string;
  figures: Record<string, unknown>;
}

const HEAD =
  "# Benchmarks\n\nWritten by `npm run bench` (one bench: `npm run bench -- NAME`). Figures from one shared, noisy machine: compare ratios within one run, not across runs. A section's `### Notes` are written by hand and kept when its figures are rewritten: date them.\n\n";

/** The "### Notes" part of a section, up to the next heading of the same or a higher level. */
function notesOf(block: string): string {
  const match = /^### Notes\b[\s\S]*?(?=^#{1,3} (?!#)|(?![\s\S]))/m.exec(block);
  return match ? `${match[0].trimEnd()}\n\n` : "";
}

/** The new document: `previous` with the sections of `sections` rewritten for this run, sorted by name. */
export function writeReport(
  previous: string,
  sections: readonly BenchSection[],
  started: string,
  machine: string,
): string {
  const blocks = new Map<string, string>();
  for (const match of previous.matchAll(/^## (\S+)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm))
    blocks.set(match[1] ?? "", match[0]);
  for (const { name, figures } of sections) {
    const rows = Object.entries(figures).map(
      ([k, v]) => `| ${k} | ${typeof v === "number" ? Number(v.toFixed(3)) : JSON.stringify(v)} |`,
    );
    blocks.set(
      name,
      `## ${name}\n\nRun ${started} on ${machine}.\n\n| figure | value |\n| --- | --- |\n${rows.join("\n")}\n\n${notesOf(blocks.get(name) ?? "")}`,
    );
  }
  return (
    HEAD +
    [...blocks.keys()]
      .sort()
      .map((k) => blocks.get(k))
      .join("")
  );
}
