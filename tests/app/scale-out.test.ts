// Two instances on one PostgreSQL: the same message, the same card action and rival decisions through both do the work once, and each notification is delivered once.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { createPostgresDatabase, testBackends } from "../store/backends.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her parcel was lost. I checked the tracking, apologised, explained what had happened and arranged a replacement on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

const postgres = (await testBackends()).find((b) => b.name === "postgresql");

interface Instance {
  product: Product;
  server: Server;
  url: string;
}

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

describe.skipIf(!postgres || postgres.skip !== undefined)("two instances on one PostgreSQL", () => {
  const instances: Instance[] = [];
  let drop = async () => {};

  beforeAll(async () => {
    const db = await createPostgresDatabase("shiftnote_scale");
    drop = db.drop;
    // One after the other: the first loads the demo centre into the empty database, the second finds it there.
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1" });
      const product = await buildProduct(config, { log: () => {} });
      const server = await listen(product.app, config);
      instances.push({ product, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    }
  }, 180_000);
  afterAll(async () => {
    for (const i of instances) {
      await new Promise<void>((resolve) => i.server.close(() => resolve()));
      await i.product.close();
    }
    await drop();
  });

  const post = async (i: Instance, body: unknown, key?: string) => {
    const res = await fetch(`${i.url}/playground/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { replies: Array<{ text?: string; card?: unknown }> };
  };
  const both = <T>(work: (i: Instance) => Promise<T>) => Promise.all(instances.map(work));
  const store = () => instances[0]?.product.store as Product["store"];

  it("files one draft, submits it once and records one decision, whichever instance is asked", async () => {
    const amira = await store().people.byEmail(AMIRA);
    const priya = await store().people.byEmail(PRIYA);
    if (!amira || !priya) throw new Error("no demo people");
    const before = (await store().evidence.ofCandidate(amira.id)).length;

    // The same message (one event id) to both at once.
    const filed = await both((i) => post(i, { as: AMIRA, text: ACCOUNT }, "scale-draft-1"));
    const mine = (await store().evidence.ofCandidate(amira.id)).filter(
      (e) => e.status === "draft" && e.text === ACCOUNT,
    );
    expect((await store().evidence.ofCandidate(amira.id)).length).toBe(before + 1);
    expect(mine).toHaveLength(1);
    const submit = actionIn(
      filed[0]?.replies.map((r) => r.card),
      "evidence.submit",
    );
    expect(submit).toBeDefined();

    // The same card action to both at once (one press, delivered twice), then a second press through both.
    await both((i) => post(i, { as: AMIRA, action: submit }, "scale-submit-1"));
    await both((i) => post(i, { as: AMIRA, action: submit }));
    const submitted = await store().evidence.byId(String(submit?.evidenceId));
    expect(submitted?.status).toBe("submitted");
    const trail = await store().audit.forEntity("evidence", String(submit?.evidenceId));
    expect(trail.filter((t) => t.action === "evidence.submitted")).toHaveLength(1);

    // Priya decides through both at once (two presses): one decision.
    const opened = await post(instances[1] as Instance, {
      as: PRIYA,
      action: { verb: "evidence.open", evidenceId: submitted?.id, version: submitted?.version },
    });
    const decide = actionIn(opened.replies[0]?.card, "evidence.decide");
    expect(decide).toBeDefined();
    const inputs = Object.fromEntries(
      (submitted?.claims ?? []).filter((c) => c.active).map((c) => [`decision:${c.id}`, "accept"]),
    );
    await both((i) => post(i, { as: PRIYA, action: { ...decide, ...inputs } }));
    const decided = await store().evidence.byId(String(submit?.evidenceId));
    expect(decided?.status).toBe("assessed");
    expect(decided?.decisions).toHaveLength(1);

    // Both deliver at once: every notification is delivered, each once.
    await both((i) => i.product.delivery.flush());
    await both((i) => i.product.delivery.flush());
    expect(await instances[0]?.product.portfolio.outbox.pending(50, 5)).toEqual([]);
    const amiraInbox = await store().channelState.recentOutbox(amira.id, "web", 100);
    const priyaInbox = await store().channelState.recentOutbox(priya.id, "web", 100);
    const ref = decided?.ref ?? "no ref";
    const about = (rows: unknown[]) => rows.filter((r) => JSON.stringify(r).includes(ref));
    // Priya was told once that it was submitted; Amira once that it was assessed.
    expect(about(priyaInbox)).toHaveLength(1);
    expect(about(amiraInbox)).toHaveLength(1);
  }, 180_000);
});
