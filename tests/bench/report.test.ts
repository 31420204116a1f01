// docs/BENCHMARKS.md as `npm run bench` rewrites it: the run's sections replaced, the others kept, hand-written notes kept.
import { describe, expect, it } from "vitest";
import { writeReport } from "../../bench/report.ts";

const previous = `# Benchmarks

Old head.

## mapping

Run 2026-12-01T00:00:00.000Z on old machine.

| figure | value |
| --- | --- |
| mapping_p95_ms | 30 |

### Notes

Written on 1 December: the p95 is over its target.

## store

Run 2026-12-01T00:00:00.000Z on old machine.

| figure | value |
| --- | --- |
| writes_per_second | 900 |

`;

describe("the benchmarks document", () => {
  const next = writeReport(
    previous,
    [{ name: "mapping", figures: { mapping_p95_ms: 18.25 } }],
    "NOW",
    "this machine",
  );

  it("rewrites the figures of the bench that ran, with the machine and the time", () => {
    expect(next).toContain("## mapping\n\nRun NOW on this machine.");
    expect(next).toContain("| mapping_p95_ms | 18.25 |");
    expect(next).not.toContain("| mapping_p95_ms | 30 |");
  });

  it("keeps the notes written by hand under the new figures", () => {
    const mapping = next.slice(next.indexOf("## mapping"), next.indexOf("## store"));
    expect(mapping).toContain("### Notes\n\nWritten on 1 December: the p95 is over its target.");
    expect(mapping.indexOf("### Notes")).toBeGreaterThan(mapping.indexOf("| mapping_p95_ms | 18.25 |"));
  });

  it("keeps the sections of benches that did not run", () => {
    expect(next).toContain("| writes_per_second | 900 |");
    expect(next.match(/^## /gm)).toHaveLength(2);
  });
});
