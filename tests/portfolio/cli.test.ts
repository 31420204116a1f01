// The admin, progress and demo commands against an embedded database folder, as a centre admin would use them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/app/cli-args.ts";
import { command as admin } from "../../src/app/commands/admin.ts";
import { command as demo } from "../../src/app/commands/demo.ts";
import { command as progress } from "../../src/app/commands/progress.ts";

// Each command opens and closes the database folder, as it does when run from a shell: a few seconds each.
describe("admin, progress and demo commands", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "shiftnote-cli-"));
  let previous: string | undefined;
  const printed: string[] = [];

  beforeAll(() => {
    previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${join(dir, "pgdata")}`;
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    rmSync(dir, { recursive: true, force: true });
  });
  const output = () => printed.splice(0).join("\n");

  it("sets up a centre, a person and an enrolment, then shows progress, exports and erases", async () => {
    expect(await admin.run(["centre", "add", "Northgate Stores"])).toBe(0);
    expect(
      await admin.run([
        "person",
        "add",
        "--centre",
        "Northgate Stores",
        "--email",
        "kim@example.com",
        "--name",
        "Kim Lee",
        "--roles",
        "candidate",
      ]),
    ).toBe(0);
    expect(
      await admin.run([
        "person",
        "add",
        "--centre",
        "Northgate Stores",
        "--email",
        "raj@example.com",
        "--name",
        "Raj Patel",
        "--roles",
        "assessor",
      ]),
    ).toBe(0);
    expect(
      await admin.run([
        "enrol",
        "kim@example.com",
        "--level",
        "2",
        "--units",
        "201,205",
        "--assessor",
        "raj@example.com",
      ]),
    ).toBe(0);
    expect(output()).toMatch(
      /Enrolled Kim Lee on .* with units 201, 205\.\n.*✗ 7 units in all: The plan has 2\./,
    );
    expect(await admin.run(["link", "kim@example.com", "--channel", "slack", "--id", "U024BE7LH"])).toBe(0);
    expect(await admin.run(["people", "--centre", "Northgate Stores"])).toBe(0);
    expect(output()).toMatch(/Kim Lee\s+kim@example.com\s+candidate/);

    expect(await progress.run(["kim@example.com"])).toBe(0);
    const text = output();
    expect(text).toContain("205 Make customer service personal");
    expect(text).toMatch(/· 205\.1\.1/);
    expect(text).toContain("205: still needs routine service (ER4a), a busy period (ER4b)");
    expect(await progress.run(["kim@example.com", "--json"])).toBe(0);
    const json = JSON.parse(output());
    expect(json.enrolments[0].units[1].criteria[0]).toEqual({
      id: "205.1.1",
      text: expect.any(String),
      state: "missing",
      refs: [],
    });

    const out = join(dir, "kim.json");
    expect(await admin.run(["export", "kim@example.com", "--out", out])).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).person.email).toBe("kim@example.com");
    await expect(admin.run(["erase", "kim@example.com"])).rejects.toBeInstanceOf(UsageError);
    expect(await admin.run(["erase", "kim@example.com", "--yes"])).toBe(0);
    expect(output()).toMatch(/Erased Kim Lee's personal data: 1 chat identity removed/);
    await expect(progress.run(["kim@example.com"])).rejects.toMatchObject({ code: "not_found" });
  });

  it("loads the demo centre twice and prints its people with emails and roles", async () => {
    expect(await demo.run([])).toBe(0);
    const first = output();
    expect(first).toMatch(/Priya Shah\s+priya\.shah@demo\.shiftnote\.test\s+assessor/);
    expect(first).toMatch(
      /Amira Hussain\s+amira\.hussain@demo\.shiftnote\.test\s+candidate\s+demo-amira\s+Level 2/,
    );
    expect(await demo.run([])).toBe(0);
    expect(output()).toBe(first);
  });
});
