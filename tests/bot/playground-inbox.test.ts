// The playground's inbox: switching person shows what came since you last looked, not every old message again.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

type Reply = { id: string; text?: string; card?: unknown; earlier?: boolean };
let product: Product;
let server: Server;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await product?.close();
});

const speak = async (as: string, body: Record<string, unknown>) =>
  (await (
    await fetch(`${base}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as, ...body }),
    })
  ).json()) as { replies: Reply[] };
const inbox = async (as: string) =>
  ((await (await fetch(`${base}/inbox?as=${encodeURIComponent(as)}`)).json()) as { replies: Reply[] })
    .replies;

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

async function submitAnAccount() {
  const drafted = await speak(AMIRA, { text: ACCOUNT });
  const submit = verbData(drafted.replies.find((r) => r.card)?.card, "evidence.submit");
  expect(submit).toBeDefined();
  await speak(AMIRA, { action: submit });
}

describe("the playground inbox", () => {
  it("gives each message once: a second look, or switching back, shows only what is new", async () => {
    await submitAnAccount();
    const first = await inbox(PRIYA);
    // The demo centre's own submissions and Amira's new one: all new to Priya, each once.
    expect(first.at(-1)?.text).toMatch(/^Amira Hussain submitted E\d+ for you to assess/);
    expect(new Set(first.map((r) => r.id)).size).toBe(first.length);
    expect(first.every((r) => !r.earlier)).toBe(true);

    // Looking again (the page polls, or Priya is chosen again) shows nothing already shown.
    await inbox(AMIRA);
    expect(await inbox(PRIYA)).toEqual([]);

    // A new submission arrives: only that one is shown.
    await submitAnAccount();
    const next = await inbox(PRIYA);
    expect(next).toHaveLength(1);
    expect(next[0]?.text).toMatch(/submitted E\d+ for you to assess/);
    expect(next[0]?.id).not.toBe(first[0]?.id);
  }, 60_000);
});
