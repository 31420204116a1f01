// `shiftnote export` against an embedded database folder: one candidate's forms, and a whole centre with progress.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/app/cli-args.ts";
import { command as admin } from "../../src/app/commands/admin.ts";
import { command as demo } from "../../src/app/commands/demo.ts";
import { command as exportCommand } from "../../src/app/commands/export.ts";
import { flat, HAS_POPPLER, pdfText } from "./pdf-tools.ts";

describe.skipIf(!HAS_POPPLER)("export command", () => {
  const dir = mkdtempSync(join(tmpdir(), "shiftnote-export-"));
  let previous: string | undefined;
  const printed: string[] = [];
  const progress: string[] = [];

  beforeAll(async () => {
    previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${join(dir, "pgdata")}`;
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      progress.push(String(chunk));
      return true;
    });
    expect(await demo.run([])).toBe(0);
  }, 120_000);
  afterAll(() => {
    vi.restoreAllMocks();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes a candidate's recording form, witness list, assessment report and portfolio", async () => {
    const email = "amira.hussain@demo.shiftnote.test";
    const form = join(dir, "out", "rf-205.pdf");
    expect(
      await exportCommand.run(["recording-form", "--candidate", email, "--unit", "205", "--out", form]),
    ).toBe(0);
    const text = pdfText(readFileSync(form));
    expect(text).toContain("205.2.4");
    expect(text).toContain("Sampled by internal verifier");
    const list = join(dir, "out", "witnesses.pdf");
    expect(await exportCommand.run(["witness-list", "--candidate", email, "--out", list])).toBe(0);
    expect(flat(pdfText(readFileSync(list)))).toContain("Tom Reid");
    const report = join(dir, "out", "report.pdf");
    expect(
      await exportCommand.run(["assessment-report", "--candidate", email, "--unit", "206", "--out", report]),
    ).toBe(0);
    expect(flat(pdfText(readFileSync(report)))).toContain("Has the evidence been properly authenticated?");
    const csv = join(dir, "out", "portfolio.csv");
    expect(
      await exportCommand.run(["portfolio", "--candidate", email, "--format", "csv", "--out", csv]),
    ).toBe(0);
    expect(readFileSync(csv, "utf8")).toMatch(/^candidate_email,evidence_ref,/);
    expect(printed.join("\n")).toContain("Wrote");
  });

  it("exports a whole centre into a folder with a progress report", async () => {
    const folder = join(dir, "centre");
    progress.length = 0;
    expect(await exportCommand.run(["recording-form", "--all", "--out", folder])).toBe(0);
    const files = readdirSync(folder);
    // 6 + 7 + 8 units on the plans of the three demo candidates
    expect(files).toHaveLength(21);
    expect(files).toContain("recording-form-amira-hussain-unit-205.pdf");
    expect(progress.join("")).toMatch(/Exporting recording-form.*100%/s);
    const json = join(dir, "centre-json");
    expect(await exportCommand.run(["portfolio", "--all", "--format", "json", "--out", json])).toBe(0);
    expect(readdirSync(json).sort()).toEqual([
      "portfolio-amira-hussain.json",
      "portfolio-leo-carter.json",
      "portfolio-sam-walsh.json",
    ]);
  });

  it("refuses unclear requests with a usage message", async () => {
    await expect(exportCommand.run(["recording-form", "--out", "x.pdf"])).rejects.toThrow(UsageError);
    await expect(
      exportCommand.run(["recording-form", "--candidate", "a@b.c", "--out", "x.pdf"]),
    ).rejects.toThrow(/--unit/);
    await expect(exportCommand.run(["portfolio", "--candidate", "a@b.c", "--out", "x"])).rejects.toThrow(
      /--format csv or --format json/,
    );
    await expect(exportCommand.run(["everything", "--out", "x"])).rejects.toThrow(/recording-form/);
    await expect(
      exportCommand.run(["witness-list", "--candidate", "nobody@example.test", "--out", join(dir, "x.pdf")]),
    ).rejects.toThrow(/Nobody with the email/);
  });

  // Last: it adds a second centre, and `export --all` above expects one.
  it("prints Łukasz and Siobhán as written, with the centre number and registration number the admin set", async () => {
    const centre = "Ysgol Siopa Caerdydd";
    expect(await admin.run(["centre", "add", centre, "--number", "CG-40123"])).toBe(0);
    const lukasz = "lukasz@siopa.example";
    const siobhan = "siobhan@siopa.example";
    expect(
      await admin.run([
        "person",
        "add",
        "--centre",
        centre,
        "--email",
        lukasz,
        "--name",
        "Łukasz Wiśniewski",
        "--roles",
        "candidate",
      ]),
    ).toBe(0);
    expect(
      await admin.run([
        "person",
        "add",
        "--centre",
        centre,
        "--email",
        siobhan,
        "--name",
        "Siobhán Ní Bhriain",
        "--roles",
        "assessor",
      ]),
    ).toBe(0);
    expect(
      await admin.run([
        "enrol",
        lukasz,
        "--level",
        "2",
        "--units",
        "201,202,205,206,207,213,216",
        "--assessor",
        siobhan,
      ]),
    ).toBe(0);
    expect(await admin.run(["assign", lukasz, "--registration", "REG 2026/0042"])).toBe(0);
    expect(printed.join("\n")).toContain("Łukasz Wiśniewski's registration number is REG 2026/0042.");
    const out = join(dir, "out", "lukasz");
    for (const [kind, extra] of [
      ["recording-form", ["--unit", "205"]],
      ["assessment-report", ["--unit", "205"]],
      ["witness-list", []],
    ] as const) {
      const file = join(out, `${kind}.pdf`);
      expect(await exportCommand.run([kind, "--candidate", lukasz, ...extra, "--out", file])).toBe(0);
      const text = flat(pdfText(readFileSync(file)));
      expect(text, kind).toContain("Łukasz Wiśniewski");
      expect(text, kind).toContain("Centre: Ysgol Siopa Caerdydd");
      expect(text, kind).toContain("Centre number: CG-40123");
      expect(text, kind).toContain("Candidate registration number: REG 2026/0042");
      if (kind !== "witness-list") expect(text, kind).toContain("Siobhán Ní Bhriain");
    }
    expect(await admin.run(["centre", "set", centre, "--number", ""])).toBe(0);
    const cleared = join(out, "cleared.pdf");
    expect(
      await exportCommand.run(["recording-form", "--candidate", lukasz, "--unit", "205", "--out", cleared]),
    ).toBe(0);
    expect(flat(pdfText(readFileSync(cleared)))).toContain("Centre number: —");
  });
});
