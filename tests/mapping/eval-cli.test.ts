// The evaluation CLI end to end: last stdout line is the JSON summary; unknown mapper and missing LLM exit 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const lines = [
  {
    id: "t1",
    kind: "account",
    level: 2,
    registered_units: ["101", "105", "201", "209", "213"],
    text: "A customer rang to complain that his new phone kept crashing. I listened, asked when it started and offered a repair or a replacement. He chose the replacement, so I ordered it and called him back the next day to check it had arrived.",
    gold: { units: ["213"], pcs: ["213.1.1", "213.3.1"], ranges: [] },
  },
  {
    id: "t2",
    kind: "not_evidence",
    level: 2,
    registered_units: ["101"],
    text: "can I swap my Sunday shift?",
    gold: { units: [], pcs: [], ranges: [] },
  },
];

function run(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/app/commands/eval.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
}

describe("eval CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "eval-"));
  const file = join(dir, "set.jsonl");
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);

  it("prints the summary as its last stdout line and a per-kind breakdown on stderr", () => {
    const out = run(file, "--mapper", "offline");
    expect(out.status).toBe(0);
    const last = out.stdout.trim().split("\n").at(-1) as string;
    const summary = JSON.parse(last);
    expect(Object.keys(summary)).toEqual([
      "n",
      "pc_recall_at_10",
      "pc_precision_at_5",
      "unit_f1",
      "range_f1",
      "not_evidence_accuracy",
      "p50_ms",
      "p95_ms",
      "pc_shown_precision",
      "pc_shown_recall",
      "claims_shown_median",
    ]);
    expect(summary.n).toBe(2);
    expect(summary.not_evidence_accuracy).toBe(1);
    expect(out.stderr).toMatch(/account/);
    expect(out.stderr).toMatch(/not_evidence/);
  });

  it("prints the corpus cross-validation by register and by workplace with --by-register", () => {
    const out = run("--by-register");
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(/holding out one register at a time/);
    expect(out.stderr).toMatch(/holding out one workplace at a time/);
    expect(out.stderr).toMatch(/all held out/);
  });

  it("says per situation where ranges are found and lost, for its set and for the corpus cross-validation", () => {
    const busy = {
      id: "t3",
      kind: "account",
      level: 2,
      registered_units: ["101", "105", "201", "205", "213"],
      text: "The shop was heaving on Saturday with a queue out of the door. A man asked me for a charger that fitted his old phone, so I found one behind the till and showed him how it fitted.",
      gold: { units: ["205"], pcs: [], ranges: ["205.ER4.b"] },
    };
    const set = join(dir, "busy.jsonl");
    writeFileSync(set, `${JSON.stringify(busy)}\n`);
    const out = run(set, "--by-register");
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(
      /by situation:\n\s+busy_period\s+gold=\s*1 situation p=\S+ r=\S+\s+ranges gold=\s*1/,
    );
    expect(out.stderr).toMatch(/by situation \(all held out\):\n\s+busy_period\s+gold=\s*\d+/);
  });

  it("runs the baseline", () => {
    const out = run(file, "--mapper", "baseline");
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout.trim().split("\n").at(-1) as string).n).toBe(2);
  });

  it("rejects an unknown mapper with exit code 2", () => {
    const out = run(file, "--mapper", "magic");
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/Unknown mapper/);
  });
});
