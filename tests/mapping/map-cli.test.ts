// `shiftnote map` as a person runs it: readable and JSON output, standard input, bad usage, the LLM fallback, --audio.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readModelFile } from "../../src/mapping/model.ts";
import type { MappingResult } from "../../src/mapping/types.ts";
import { type FakeOpenAi, reply, startFakeOpenAi } from "../helpers/fake-openai.ts";

const bin = join(import.meta.dirname, "../../bin/shiftnote.js");

// The environment of a machine with no OpenAI settings, whatever the developer's shell has.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("OPENAI_") && !k.startsWith("SHIFTNOTE_LLM")),
);

/** Runs the CLI without blocking, so the fake server in this process can answer it. */
function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { encoding: "utf8", timeout: 60_000, env: { ...baseEnv, ...options.env } },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

const ACCOUNT =
  "On Saturday the shop was heaving and the card machine kept freezing. A man called Dave Pritchard had been " +
  "waiting twenty minutes, so I apologised, explained what was wrong and took his number, 07700 900461, " +
  "so I could ring him when his order was ready. I rang him back at four and he was really pleased.";

let dir: string;
let file: string;
let api: FakeOpenAi;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shiftnote-map-"));
  file = join(dir, "account.txt");
  writeFileSync(file, ACCOUNT);
  api = await startFakeOpenAi();
});
afterAll(async () => api.close());

// Each run starts Node, tsx and the mapper: seconds on a busy two-core machine.
describe("shiftnote map", { timeout: 120_000 }, () => {
  it("prints a readable mapping with supporting sentences and the privacy warning", async () => {
    const r = await run(["map", "--level", "2", file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Evidence: yes/);
    // loading the model, once per process, is told apart from the mapping of this text
    expect(r.out).toMatch(
      /^Evidence: yes \(mapped by the offline mapper in [\d,]+ ms, after [\d,]+ ms loading the model\)/,
    );
    expect(r.out).toMatch(/\nUnits\n {2}2\d\d /);
    expect(r.out).toMatch(/\n {2}\d{3}\.\d+\.\d+ +\S.*\n +“[^”]+”/);
    expect(r.out).toContain("Privacy: 2 personal details");
    expect(r.out).toContain("A man called [customer's name] had been waiting");
    expect(r.out).toContain("[phone number]");
  });

  it("prints the full result with --json, with offsets into the text as read from standard input", async () => {
    const r = await run(["map", "--json", "--units", "206,207,208", "-"], { input: ACCOUNT });
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out) as MappingResult;
    expect(result.mapper).toBe("offline");
    expect(result.isEvidence).toBe(true);
    expect(result.criteria.length).toBeGreaterThan(0);
    for (const c of result.criteria) {
      expect(["206", "207", "208"]).toContain(c.unitId);
      expect(ACCOUNT.slice(c.support.start, c.support.end)).toBe(c.support.text);
    }
    expect(result.privacy.found.map((f) => f.kind)).toEqual(["name", "phone"]);
  });

  it("says plainly when a message is not evidence", async () => {
    const r = await run(["map", "-"], { input: "hi, can I swap my Friday shift for Sunday?" });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Not evidence: \S/);
    // and what to give it instead, said once: the reason asks already, so no second line repeats it
    expect(r.out).toContain("Tell me what you did for the customer: who they were, what they needed");
    expect(r.out.match(/what they needed/g)).toHaveLength(1);
  });

  it("says what to give it when the file is empty", async () => {
    const r = await run(["map", "-"], { input: "   \n" });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^Not evidence: The message is empty\.\nTell me what you did for the customer: who they were/,
    );
    expect(r.out.match(/what they needed/g)).toHaveLength(1);
  });

  it("with --focus knowledge reads a discussion as the discussion record does: knowledge first, a lower bar and a longer limit", async () => {
    const discussion =
      "My assessor asked me why we keep to the data protection rules when a caller asks about somebody else's " +
      "account. I said we only discuss an account with its holder or someone they have named, because the law " +
      "says personal details must be kept safe. She asked what I would do when a customer wants something I am " +
      "not allowed to give, and I said I would explain the limits of what I can do, say who can help, and pass " +
      "it to my team leader with the details so the customer does not have to repeat it.";
    const [plain, focused, json] = await Promise.all([
      run(["map", "-"], { input: discussion }),
      run(["map", "--focus", "knowledge", "-"], { input: discussion }),
      run(["map", "--json", "--focus", "knowledge", "-"], { input: discussion }),
    ]);
    expect(focused.code, focused.err).toBe(0);
    expect(focused.out).toContain("Read as a professional discussion");
    const at = (out: string, heading: string) => out.indexOf(`\n${heading}`);
    expect(at(focused.out, "Knowledge shown")).toBeGreaterThan(0);
    expect(at(focused.out, "Knowledge shown")).toBeLessThan(at(focused.out, "Criteria the card shows"));
    expect(at(plain.out, "Knowledge shown")).toBeGreaterThan(at(plain.out, "Criteria the card shows"));
    const result = JSON.parse(json.out) as MappingResult;
    expect(result.focus).toBe("knowledge");
    const plainKnowledge = plain.out.split("\nKnowledge shown\n")[1]?.match(/^ {2}\S+\.K\.[a-z]/gm) ?? [];
    // Every item the plain reading shows, and room for more: a lower bar and a longer list.
    expect(result.knowledge.length).toBeGreaterThanOrEqual(plainKnowledge.length);
    for (const item of plainKnowledge) expect(result.knowledge.map((k) => k.id)).toContain(item.trim());
    const { thresholds } = readModelFile()?.file ?? {};
    expect(thresholds?.maxKnowledgeFocus).toBeGreaterThan(
      thresholds?.maxKnowledge ?? Number.POSITIVE_INFINITY,
    );
    expect(thresholds?.knowledgeFocus).toBeLessThanOrEqual(thresholds?.knowledge ?? 0);
  });

  it("answers bad usage in one line with exit code 2", async () => {
    const cases = [
      ["map", "--level", "7", file],
      ["map", "--units", "205,999", file],
      ["map", "--mapper", "magic", file],
      ["map", join(dir, "missing.txt")],
      ["map", file, file],
      ["map", "--focus", "skills", file],
    ];
    const results = await Promise.all(cases.map((args) => run(args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]?.join(" ")).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.split("\n")[0]?.length).toBeGreaterThan(10);
    });
  });

  it("hands --audio to the voice module, which answers a missing file in one line", async () => {
    const r = await run(["map", "--audio", join(dir, "missing.ogg")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("missing.ogg");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("with --mapper llm and no key, shows the offline result and why", async () => {
    const r = await run(["map", "--mapper", "llm", file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Evidence: yes \(mapped by the offline mapper/);
    expect(r.out).toContain("The language model was not used: no OpenAI key");
  });

  it("with --mapper llm, uses the model's answer, or the offline result when the service fails", async () => {
    const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: api.baseUrl, SHIFTNOTE_LLM_TIMEOUT_MS: "3000" };
    api.route("POST", "/v1/chat/completions", (request) => {
      const body = request.json as { messages: Array<{ content: string }> };
      const question = JSON.parse(body.messages[1]?.content ?? "{}");
      const first = question.candidates.criteria[0] as { id: string };
      return reply.chatJson({
        isEvidence: true,
        criteria: [{ id: first.id, quote: "so I apologised, explained what was wrong", confidence: 0.9 }],
        knowledge: [],
        ranges: [],
      });
    });
    const good = JSON.parse(
      (await run(["map", "--mapper", "llm", "--json", file], { env })).out,
    ) as MappingResult;
    expect(good.mapper).toBe("llm");
    expect(good.criteria).toHaveLength(1);
    expect(good.criteria[0]?.support.text).toBe("so I apologised, explained what was wrong");

    api.route("POST", "/v1/chat/completions", reply.error(503));
    const r = await run(["map", "--mapper", "llm", file], { env });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Evidence: yes \(mapped by the offline mapper/);
    expect(r.out).toContain("HTTP 503");
  });
});
