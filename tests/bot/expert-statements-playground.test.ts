// Over the playground endpoint: expert witness statements attached to a piece of Amira's evidence, by her assessor
// for Tom (who then signs it in chat) and by Tom himself; the evidence card marks the testimony as an expert's.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const DANA = "dana.okafor@demo.shiftnote.test";
const GRACE = "grace.mensah@demo.shiftnote.test";
const LEO = "leo.carter@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

type Reply = { text?: string; card?: unknown };
let product: Product;
let server: Server;
let base: string;
let ref = "";
let criteria: string[] = [];

beforeAll(async () => {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api`;
  // the centre records Tom Reid as an expert witness for Amira's units; he signs his record and the centre confirms it
  const id = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";
  const [enrolment] = await product.store.enrolments.ofCandidate(await id(AMIRA));
  const record = await product.portfolio.recordExpertWitness({
    actor: { personId: await id(DANA) },
    personId: await id(TOM),
    position: "Team leader",
    site: "Leeds store",
    unitIds: enrolment?.unitIds ?? [],
    experienceYears: 5,
    experience: "Five years leading the customer service desk and training new starters.",
    standardsKnowledge: "Trained on the Level 2 standards with the centre.",
    cpd: "Complaint handling refresher each year.",
    assessmentQualification: "Working towards the assessor award.",
  });
  await product.portfolio.signExpertWitnessRecord({ actorId: await id(TOM), expertWitnessId: record.id });
  await product.portfolio.confirmExpertWitness({ actorId: await id(DANA), expertWitnessId: record.id });
  // Amira files and submits an account: the evidence the statements are about
  const drafted = await say(AMIRA, ACCOUNT);
  const submit = verbData(drafted.find((r) => r.card)?.card, "evidence.submit");
  await act(AMIRA, submit as Record<string, unknown>);
  ref = JSON.stringify(drafted).match(/Evidence (E\d+)\./)?.[1] as string;
  const filed = (await product.store.evidence.ofCandidate(await id(AMIRA))).find((e) => e.ref === ref);
  const unit = filed?.claims.find((c) => c.active)?.unitId;
  criteria = (filed?.claims ?? []).filter((c) => c.active && c.unitId === unit).map((c) => c.targetId);
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await product?.close();
});

async function send(as: string, body: Record<string, unknown>): Promise<Reply[]> {
  const response = await fetch(`${base}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ as, ...body }),
  });
  return ((await response.json()) as { replies: Reply[] }).replies;
}
const say = (as: string, text: string) => send(as, { text });
const act = (as: string, action: Record<string, unknown>) => send(as, { action });
const inbox = async (as: string) =>
  ((await (await fetch(`${base}/inbox?as=${encodeURIComponent(as)}`)).json()) as { replies: Reply[] })
    .replies;
const words = (replies: Reply[]) => replies.map((r) => r.text ?? "").join("\n");
function verbData(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data && typeof n.data === "object")
    return { verb, ...(n.data as Record<string, unknown>) };
  for (const value of Object.values(n)) {
    const found = verbData(value, verb);
    if (found) return found;
  }
  return undefined;
}
const statements = async () =>
  (await product.store.evidence.ofCandidate((await product.store.people.byEmail(AMIRA))?.id ?? "")).filter(
    (e) => e.source === "witness",
  );

describe("expert witness statements in the playground", () => {
  it("Priya attaches Tom's statement to Amira's evidence; Tom signs it in chat; the evidence card marks it expert", async () => {
    expect(criteria.length).toBeGreaterThan(0);
    const attached = await say(
      PRIYA,
      `expert statement for Amira on ${ref} from Tom Reid: I watched Amira take the call, apologise and book the first van. Criteria: ${criteria.join(", ")}`,
    );
    expect(words(attached)).toMatch(
      /^E\d+ is filed: Tom Reid's expert witness statement on Amira Hussain's evidence\. Tom Reid is asked to sign it\./,
    );
    const [statement] = await statements();
    expect(statement?.title).toBe(
      `Expert witness statement: Tom Reid, unit ${criteria[0]?.split(".")[0]} (on ${ref})`,
    );
    expect(statement?.claims.map((c) => c.targetId).sort()).toEqual([...criteria].sort());

    // Tom is asked to sign it; a verifier pressing his button hears "not found"
    const told = (await inbox(TOM)).find((r) => verbData(r.card, "statement.sign"));
    expect(told?.text).toMatch(
      /Priya Shah has attached your expert witness statement to Amira Hussain's evidence/,
    );
    const sign = verbData(told?.card, "statement.sign") as Record<string, unknown>;
    expect(words(await act(GRACE, sign))).toMatch(/can't find/i);
    // until Tom has signed, Amira is not asked to sign
    expect(verbData(await inbox(AMIRA), "statement.sign")).toBeUndefined();

    // before Tom signs, the evidence card says it is an expert's and not yet signed by them
    const open = { verb: "evidence.open", evidenceId: statement?.id, version: statement?.version };
    expect(JSON.stringify(await act(PRIYA, open))).toContain(
      "Expert witness statement by Tom Reid, Team leader (not yet signed by the expert)",
    );
    const signed = await act(TOM, sign);
    expect(words(signed)).toMatch(/^Signed\. Your statement \(E\d+\) is with Amira Hussain's assessor/m);
    expect(JSON.stringify(signed)).toContain("Confirmed by Tom Reid on ");
    const after = JSON.stringify(await act(PRIYA, open));
    expect(after).toContain("Expert witness statement by Tom Reid, Team leader");
    expect(after).not.toContain("not yet signed by the expert");

    // now Amira is asked to sign it (the form's candidate signature); a stranger can't, and she signs once
    const asked = (await inbox(AMIRA)).find((r) => verbData(r.card, "statement.sign"));
    expect(asked?.text).toMatch(/^Tom Reid has signed an expert witness statement on your evidence \(E\d+\)/);
    expect(JSON.stringify(asked?.card)).toContain("press Sign if it is a true account of what you did");
    const hers = verbData(asked?.card, "statement.sign") as Record<string, unknown>;
    expect(words(await act(GRACE, hers))).toMatch(/can't find/i);
    const countersigned = await act(AMIRA, hers);
    expect(words(countersigned)).toMatch(
      /^Signed: your signature is on Tom Reid's expert witness statement \(E\d+\)\./m,
    );
    expect(JSON.stringify(countersigned)).toContain("Confirmed by Amira Hussain on ");
    expect(verbData(countersigned, "statement.sign")).toBeUndefined();
  }, 60_000);

  it("Tom attaches his own, signed as he sends it, against the evidence's claims; Priya is told", async () => {
    const before = (await statements()).length;
    await inbox(PRIYA);
    const own = await say(
      TOM,
      `expert statement for Amira on ${ref}: I saw her ring the customer back the next day.`,
    );
    expect(words(own)).toMatch(
      /your expert witness statement on Amira Hussain's evidence, signed by you\. Priya Shah is told/,
    );
    expect(JSON.stringify(own)).toContain("Confirmed by Tom Reid on ");
    expect(verbData(own, "statement.sign")).toBeUndefined();
    expect(await statements()).toHaveLength(before + 1);
    expect(words(await inbox(PRIYA))).toContain(
      "Tom Reid has attached an expert witness statement for you to assess.",
    );
    // signed by Tom as he sent it, so Amira is asked to sign it at once
    const asked = (await inbox(AMIRA)).find((r) => verbData(r.card, "statement.sign"));
    expect(asked?.text).toMatch(/^Tom Reid has signed an expert witness statement on your evidence/);
  }, 60_000);

  it("someone with no expert record, or a candidate, attaches nothing; a draft or missing number is not found", async () => {
    const before = (await statements()).length;
    expect(words(await say(GRACE, `expert statement for Amira on ${ref}: she did well.`))).toMatch(
      /can't find that candidate/i,
    );
    expect(
      JSON.stringify(await say(LEO, `expert statement for Amira on ${ref}: she did well.`)),
    ).not.toContain("is filed");
    expect(
      words(await say(PRIYA, "expert statement for Amira on E999 from Tom Reid: she did well.")),
    ).toMatch(/can't find/i);
    expect(words(await say(PRIYA, `expert statement for Amira on ${ref}: she did well.`))).toContain(
      "Say whose statement it is",
    );
    expect(await statements()).toHaveLength(before);
    expect(words(await say(PRIYA, "help"))).toContain(
      'Type "expert statement for <candidate> on E6 from <expert witness>',
    );
  }, 60_000);
});
