// "Submitted" is when evidence was submitted, not when it last changed; referred evidence waits for the candidate.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";

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

const say = async (as: string, text: string) =>
  JSON.stringify(
    await (
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as, text }),
      })
    ).json(),
  );

describe("when evidence was submitted", () => {
  it("is kept when it is submitted, and later changes (testimony) do not move it", async () => {
    const amira = await product.store.people.byEmail(AMIRA);
    const priya = await product.store.people.byEmail(PRIYA);
    const evidence = await product.store.evidence.ofCandidate(amira?.id ?? "");
    const submitted = evidence.filter((e) => e.status === "submitted");
    expect(submitted.length).toBeGreaterThan(0);
    for (const e of submitted) expect(e.submittedAt).not.toBeNull();
    // something is attached to it later (as a witness's testimony or a new request does): it changes, later
    const target = submitted[0];
    await new Promise((resolve) => setTimeout(resolve, 20));
    await product.store.evidence.touch(target?.id ?? "", ["submitted"]);
    const later = await product.store.evidence.byId(target?.id ?? "");
    expect(later?.submittedAt).toBe(target?.submittedAt);
    expect(later?.submittedAt && later.submittedAt < later.updatedAt).toBe(true);

    const queue = await product.portfolio.assessorQueue({ actorId: priya?.id ?? "" });
    const item = queue.items.find((i) => i.evidenceId === later?.id);
    expect(item?.waitingSince).toBe(later?.submittedAt);
    // drafts never submitted have none
    for (const e of evidence.filter((x) => x.status === "draft")) expect(e.submittedAt).toBeNull();
  });

  it("progress tells the candidate that referred evidence is waiting for them, not the assessor", async () => {
    const said = await say(AMIRA, "progress");
    // The progress card says it, once: not counted as waiting for the assessor, and how to open it.
    expect(said).toMatch(/E(\d+) was referred back to you: type E\1 to open it and change it/);
    expect(said).not.toMatch(/referred back by your assessor, so it is waiting for you/);
  });
});
