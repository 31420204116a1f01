// OPENAI_API_KEY switches the bot to the LLM re-ranker; any failure leaves the offline result, and the card says which answered.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { type FakeOpenAi, reply, startFakeOpenAi } from "../helpers/fake-openai.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.";
const CHAT = "/v1/chat/completions";

let api: FakeOpenAi;
const running: Array<{ product: Product; server: Server }> = [];

beforeAll(async () => {
  api = await startFakeOpenAi();
});
afterAll(async () => {
  for (const { product, server } of running) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await product.close();
  }
  await api.close();
});

async function start(env: Record<string, string>) {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1", ...env });
  const product = await buildProduct(config, { log: () => {} });
  const server = await listen(product.app, config);
  running.push({ product, server });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api/messages`;
  return async (text: string) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: AMIRA, text }),
    });
    return JSON.stringify(await res.json());
  };
}

/** Answers with the first criterion the mapper offered, quoting the account. */
function pickFirstOffered(request: { json: unknown }) {
  const asked = JSON.stringify(request.json);
  const id = /\b\d{3}\.\d+\.\d+\b/.exec(asked)?.[0] ?? "none";
  return reply.chatJson({
    isEvidence: true,
    criteria: [{ id, quote: "I checked the tracking", confidence: 0.9 }],
    knowledge: [],
    ranges: [],
  });
}

describe("the mapper the bot uses", () => {
  it("without a key: the offline mapper, and the card says so", async () => {
    const send = await start({});
    const said = await send(ACCOUNT);
    expect(said).toContain("Suggested by the offline mapper.");
    expect(api.requests).toHaveLength(0);
  }, 120_000);

  it("with a key: the LLM re-ranks, and the card names it", async () => {
    api.reset();
    api.route("POST", CHAT, pickFirstOffered);
    const send = await start({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: api.baseUrl });
    const said = await send(ACCOUNT);
    expect(api.requests.filter((r) => r.path === CHAT)).toHaveLength(1);
    expect(said).toContain("Suggested by the language model (LLM mapper)");
    expect(said).toContain("I checked the tracking");
  }, 120_000);

  it("with a key and a failing service: the offline suggestions stand, and the card says why", async () => {
    api.reset();
    api.route("POST", CHAT, reply.error(500));
    const send = await start({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: api.baseUrl });
    const said = await send(ACCOUNT);
    expect(said).toContain(
      "Suggested by the offline mapper: the language model service had an error (HTTP 500).",
    );
    expect(said).toContain("Here is what I think");
  }, 120_000);
});
