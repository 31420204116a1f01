// "File without the customer's details" redacts every stored copy: the account, its versions, the title and each claim's quote.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const ACCOUNT =
  "Mr Patel rang because his delivery had not arrived, and he gave me his mobile, 07700 900123. I checked the tracking, apologised to Mr Patel, explained the van had broken down and booked it on the first van the next morning. I rang him on 07700 900123 the next day to check it had come and he thanked me.";

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

const post = async (body: unknown) =>
  (await (
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  ).json()) as { replies?: unknown[] };

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

describe("filing without the customer's details", () => {
  it("leaves no copy of the name or the number anywhere in the stored evidence", async () => {
    const filed = await post({ as: AMIRA, text: ACCOUNT });
    const redact = actionIn(filed.replies, "evidence.redact");
    expect(redact).toBeDefined();
    const before = await product.store.evidence.byId(String(redact?.evidenceId));
    expect(before?.claims.some((c) => c.support.includes("Patel") || c.support.includes("07700"))).toBe(true);

    await post({ as: AMIRA, action: redact });

    const after = await product.store.evidence.byId(String(redact?.evidenceId));
    const copies = [
      after?.text ?? "",
      after?.title ?? "",
      ...(after?.claims.map((c) => c.support) ?? []),
      ...(await product.store.evidence.versions([String(redact?.evidenceId)])).map((v) => v.text),
    ];
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) {
      expect(copy).not.toContain("Patel");
      expect(copy).not.toContain("07700");
    }
    expect(after?.text).toContain("[customer's name]");
    expect(
      after?.claims.some(
        (c) => c.support.includes("[customer's name]") || c.support.includes("[phone number]"),
      ),
    ).toBe(true);
  });
});
