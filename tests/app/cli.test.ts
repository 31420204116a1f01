// The shiftnote command as a person runs it: output, exit codes, and no stack traces on bad input.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "../../bin/shiftnote.js");
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("shiftnote standards", () => {
  it("lists the Level 3 units with titles and criterion counts", () => {
    const r = run("standards", "list", "--level", "3");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/301\s+L3\s+Understand customer service to improve service delivery\s+20 criteria/);
    expect(r.out).toMatch(/205\s+L2\s+Make customer service personal/);
  });

  it("shows a unit in full, and as the catalogue object with --json", () => {
    const r = run("standards", "show", "205");
    expect(r.code).toBe(0);
    expect(r.out).toContain("205.1.2");
    expect(r.out).toContain("205.ER4.b");
    const json = JSON.parse(run("standards", "show", "205", "--json").out);
    expect(json.id).toBe("205");
    expect(json.elements.length).toBeGreaterThan(1);
  });

  it("answers an unknown unit or a bad level in one line with exit code 2", () => {
    for (const args of [
      ["standards", "show", "999"],
      ["standards", "list", "--level", "7"],
      ["rules", "check", "--level", "x", "--units", "1"],
      ["nonsense"],
    ]) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trim().split("\n")[0]?.length).toBeGreaterThan(10);
    }
  });

  it("validates the shipped catalogue and rejects a broken file with the path and reason", () => {
    expect(run("standards", "check").code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "shiftnote-"));
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        units: [
          {
            id: "901",
            icsUnit: null,
            title: "Broken unit",
            level: 9,
            theme: null,
            standardsInSeeds: true,
            realisticWorkingEnvironment: "unknown",
            simulation: "unknown",
            sources: ["me"],
          },
        ],
      }),
    );
    const r = run("standards", "check", bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.json: units\[901\]\.level: /);
  });
});

describe("shiftnote rules check", () => {
  it("passes a valid Level 1 plan", () => {
    const r = run("rules", "check", "--level", "1", "--units", "101,2a,3,4,105,106");
    expect(r.code).toBe(0);
    expect(r.out).toContain("meets every rule");
  });

  it("says why a Level 3 plan fails", () => {
    const r = run("rules", "check", "--level", "3", "--units", "301,205,206,207,211");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ 8 units in all: The plan has 5/);
    expect(r.out).toMatch(/Missing 302/);
  });

  it("names unknown units", () => {
    const r = run("rules", "check", "--level", "3", "--units", "301,302,999");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown unit 999/);
  });
});
