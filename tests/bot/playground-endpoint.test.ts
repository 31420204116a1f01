// Bad input through POST /playground/api/messages: a clear answer every time, and no change to any evidence.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import type { EvidenceRecord } from "../../src/core/types.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const LEO = "leo.carter@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

interface Wire {
  status: number;
  body: { error?: string; replies?: Array<{ text?: string; card?: unknown; replacesCard?: boolean }> };
}

let product: Product;
let server: Server;
let url: string;

beforeAll(async () => {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api/messages`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await product?.close();
});

async function raw(body: string, contentType = "application/json"): Promise<Wire> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
  const text = await res.text();
  let parsed: Wire["body"];
  try {
    parsed = JSON.parse(text) as Wire["body"];
  } catch {
    throw new Error(`Not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, body: parsed };
}
const post = (body: unknown) => raw(JSON.stringify(body));

/** Everything the replies say, text and card, as one string. */
const said = (w: Wire) => JSON.stringify(w.body.replies ?? []);

/** Finds an action's data by its verb anywhere in a card (the outbox reorders keys, so walk the JSON). */
function actionIn(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data && typeof n.data === "object")
    return { verb, ...(n.data as Record<string, unknown>) };
  for (const value of Object.values(n)) {
    const found = actionIn(value, verb);
    if (found) return found;
  }
  return undefined;
}

const personId = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";
const evidenceOf = async (email: string) => product.store.evidence.ofCandidate(await personId(email));

/** What must not move when someone is refused: status, version, claims and their decisions, decisions, testimony. */
function state(e: EvidenceRecord | null) {
  return {
    status: e?.status,
    version: e?.version,
    text: e?.text,
    claims: e?.claims.map((c) => `${c.targetId}:${c.active}:${c.decision}`).sort(),
    decisions: e?.decisions.length,
    witnessRequests: e?.witnessRequests.map((r) => r.status),
  };
}
const stateOf = async (id: string) => state(await product.store.evidence.byId(id));

describe("POST /playground/api/messages with bad input", () => {
  it("refuses a body over 64 KB with a 413 and a JSON error", async () => {
    const before = (await evidenceOf(AMIRA)).length;
    const res = await post({ as: AMIRA, text: "I helped a customer. ".repeat(4000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/too large.*shorter message/i);
    expect(await evidenceOf(AMIRA)).toHaveLength(before);
  });

  it("answers a 10,000-character account politely and files nothing", async () => {
    const before = (await evidenceOf(AMIRA)).length;
    const long = `${ACCOUNT} `.repeat(Math.ceil(10_000 / (ACCOUNT.length + 1))).slice(0, 10_000);
    const res = await post({ as: AMIRA, text: long });
    expect(res.status).toBe(200);
    expect(res.body.replies).toHaveLength(1);
    expect(res.body.replies?.[0]?.card).toBeUndefined();
    expect(res.body.replies?.[0]?.text).toMatch(
      /10,000 characters.*Split it into two accounts.*Nothing was filed/,
    );
    expect(await evidenceOf(AMIRA)).toHaveLength(before);
  });

  it("answers malformed JSON with a 400 and a JSON error", async () => {
    const res = await raw('{"as": "amira.hussain@demo.shiftnote.test", "text": "hello');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/not valid JSON/);
  });

  it('answers a message without "as", or with nothing to say, with a 400', async () => {
    const missing = await post({ text: "hello" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/Say who you are with "as"/);
    const notText = await post({ as: 42, text: "hello" });
    expect(notText.status).toBe(400);
    const empty = await post({ as: AMIRA, text: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/Send some "text", an "action"/);
    const arrayBody = await raw("[1, 2, 3]");
    expect(arrayBody.status).toBe(400);
  });

  it("tells someone the centre has not added that it kept nothing", async () => {
    const res = await post({ as: "stranger@example.test", text: ACCOUNT });
    expect(res.status).toBe(200);
    expect(res.body.replies?.[0]?.text).toMatch(/I don't know you yet.*haven't kept anything/);
  });
});

describe("the assessor's queue in chat", () => {
  it("Open on a queue item shows the decision card with Back to my queue, which brings the queue back in its place", async () => {
    const queue = await post({ as: PRIYA, text: "queue" });
    const open = actionIn(queue.body.replies?.find((r) => r.card)?.card, "evidence.open");
    expect(open, said(queue)).toBeDefined();
    const opened = await post({ as: PRIYA, action: open });
    const decision = opened.body.replies?.[0];
    expect(decision?.replacesCard).toBe(true);
    expect(actionIn(decision?.card, "evidence.decide"), said(opened)).toBeDefined();
    expect(JSON.stringify(decision?.card)).toContain("Back to my queue");
    const back = actionIn(decision?.card, "queue.show");
    expect(back, said(opened)).toBeDefined();

    const again = await post({ as: PRIYA, action: back });
    const shown = again.body.replies?.[0];
    expect(shown?.replacesCard).toBe(true);
    expect(actionIn(shown?.card, "evidence.open"), said(again)).toEqual(open);
    // a candidate pressing a copy of the button is told the queue is for assessors
    expect(said(await post({ as: AMIRA, action: back }))).toContain("The queue is for assessors.");
  });
});

describe("forged, stale and misplaced card actions", () => {
  let draft: { id: string; submit: Record<string, unknown>; decideE2: Record<string, unknown>; e2: string };

  beforeAll(async () => {
    const made = await post({ as: AMIRA, text: ACCOUNT });
    const card = made.body.replies?.find((r) => r.card)?.card;
    const submit = actionIn(card, "evidence.submit");
    expect(submit, said(made)).toBeDefined();
    // Amira's submitted demo evidence, waiting for Priya: the approval card's decide action as Priya sees it.
    const e2 = (await evidenceOf(AMIRA)).find((e) => e.status === "submitted");
    expect(e2).toBeDefined();
    const opened = await post({
      as: PRIYA,
      action: { verb: "evidence.open", evidenceId: e2?.id, version: e2?.version },
    });
    const decide = actionIn(opened.body.replies?.[0]?.card, "evidence.decide");
    expect(decide, said(opened)).toBeDefined();
    const claims = e2?.claims.filter((c) => c.active) ?? [];
    const inputs = Object.fromEntries(claims.map((c) => [`decision:${c.id}`, "accept"]));
    draft = {
      id: String(submit?.evidenceId),
      submit: submit ?? {},
      decideE2: { ...decide, ...inputs },
      e2: e2?.id ?? "",
    };
  });

  it("answers an unknown verb without changing anything", async () => {
    const before = await stateOf(draft.id);
    const res = await post({ as: AMIRA, action: { ...draft.submit, verb: "evidence.delete_everything" } });
    expect(res.status).toBe(200);
    expect(res.body.replies?.[0]?.text).toMatch(/didn't carry what I expected, so nothing was changed/);
    expect(await stateOf(draft.id)).toEqual(before);
  });

  it("answers a missing or malformed evidence id or version without changing anything", async () => {
    const before = await stateOf(draft.id);
    for (const action of [
      { verb: "evidence.submit" },
      { ...draft.submit, evidenceId: 123 },
      { ...draft.submit, evidenceId: "x".repeat(500) },
      { ...draft.submit, version: -1 },
      { ...draft.submit, version: "two" },
      { ...draft.submit, version: 1.5 },
    ]) {
      const res = await post({ as: AMIRA, action });
      expect(res.status, JSON.stringify(action)).toBe(200);
      expect(res.body.replies?.[0]?.text, JSON.stringify(action)).toMatch(/nothing was changed/);
    }
    expect(await stateOf(draft.id)).toEqual(before);
  });

  it("answers an evidence id that does not exist as not found, with no internal id in the words", async () => {
    const forged = "00000000-0000-4000-8000-000000000000";
    const res = await post({ as: AMIRA, action: { ...draft.submit, evidenceId: forged } });
    expect(res.status).toBe(200);
    expect(res.body.replies?.[0]?.text).toMatch(/can't find that piece of evidence/);
    expect(said(res)).not.toContain(forged);
  });

  it("answers a wrong version with the current card and a 'this changed' notice, and changes nothing", async () => {
    const before = await stateOf(draft.id);
    for (const version of [Number(draft.submit.version) + 5, Number(draft.submit.version) + 1]) {
      const res = await post({ as: AMIRA, action: { ...draft.submit, version } });
      expect(res.status).toBe(200);
      const card = JSON.stringify(res.body.replies?.[0]?.card);
      expect(card).toMatch(/This changed since you opened it; here is the current card/);
      expect(res.body.replies?.[0]?.replacesCard).toBe(true);
      // The current card carries the true version, so pressing it again would work.
      expect(actionIn(res.body.replies?.[0]?.card, "evidence.submit")?.version).toBe(before.version);
    }
    expect(await stateOf(draft.id)).toEqual(before);

    const e2Before = await stateOf(draft.e2);
    const stale = await post({
      as: PRIYA,
      action: { ...draft.decideE2, version: Number(draft.decideE2.version) + 3 },
    });
    expect(JSON.stringify(stale.body.replies?.[0]?.card)).toMatch(/This changed since you opened it/);
    expect(await stateOf(draft.e2)).toEqual(e2Before);
  });

  it("does not let a candidate decide on her own evidence", async () => {
    const before = await stateOf(draft.e2);
    for (const verb of ["evidence.decide", "evidence.approve_all", "evidence.refer"]) {
      const res = await post({ as: AMIRA, action: { ...draft.decideE2, verb, comment: "Looks good to me" } });
      expect(res.status).toBe(200);
      const words = res.body.replies?.[0]?.text ?? "";
      // The decision use case answers "not found" to anyone who may not decide, as it does to strangers.
      expect(words, `${verb}: ${said(res)}`).toMatch(/can't find that piece of evidence/);
      expect(words).not.toMatch(/Error|at .*\.ts/);
    }
    expect(await stateOf(draft.e2)).toEqual(before);
  });

  it("does not let another candidate, or a witness, submit or discard Amira's draft", async () => {
    const before = await stateOf(draft.id);
    for (const [as, verb] of [
      [LEO, "evidence.submit"],
      [LEO, "evidence.discard"],
      [LEO, "evidence.edit"],
      [TOM, "evidence.submit"],
    ] as const) {
      const res = await post({ as, action: { ...draft.submit, verb, text: "Rewritten by someone else" } });
      expect(res.status).toBe(200);
      expect(res.body.replies?.[0]?.text, `${as} ${verb}: ${said(res)}`).toMatch(
        /can't find that piece of evidence/,
      );
      // "Not found" to someone with no access: the account is not shown to them.
      expect(said(res)).not.toContain("delivery had not arrived");
    }
    expect(await stateOf(draft.id)).toEqual(before);
  });

  it("does not let a witness who was not asked give testimony", async () => {
    const before = await stateOf(draft.id);
    const res = await post({
      as: TOM,
      action: {
        verb: "witness.testify",
        evidenceId: draft.id,
        version: draft.submit.version,
        statusCategory: "3",
        relationship: "Team leader",
        declaration: "true",
        testimony: "I saw it all.",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.replies?.[0]?.text).toMatch(/can't find that piece of evidence/);
    expect(await stateOf(draft.id)).toEqual(before);
  });

  it("still works for the right person with the right version afterwards", async () => {
    const res = await post({ as: AMIRA, action: draft.submit });
    expect(said(res)).toMatch(/is filed and on its way to Priya Shah/);
    expect((await stateOf(draft.id)).status).toBe("submitted");
  });
});
