// A PostgreSQL outage: a change committed before it is never called "nothing changed", its notification arrives when the database is back, and every door answers.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { type Delivery, startDelivery } from "../../src/app/delivery.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { createBotCore } from "../../src/bot/core.ts";
import type { BotCore, BotReply } from "../../src/bot/types.ts";
import { adaptiveCard } from "../../src/cards/index.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { type ThrowawayCluster, throwawayCluster, throwawaySkip } from "../helpers/throwaway-postgres.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

const said = (replies: BotReply[]) =>
  replies.map((r) => `${r.text ?? ""} ${JSON.stringify(r.card ? adaptiveCard(r.card.view) : "")}`).join(" ");

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

describe.skipIf(throwawaySkip !== undefined)("a PostgreSQL outage", () => {
  let cluster: ThrowawayCluster;
  let store: Store;
  let portfolio: Portfolio;
  let core: BotCore;
  let delivery: Delivery;
  const logged: string[] = [];
  let stopAfterCommit = false;

  beforeAll(async () => {
    cluster = await throwawayCluster();
    store = await openStore(cluster.url);
    portfolio = createPortfolio({
      store,
      catalogue: loadCatalogue(),
      mapper: (text, options) => mapEvidence(text, options),
      // Called once the change is committed: the database goes away before the bot re-reads it.
      notify: {
        notify: async (event) => {
          if (stopAfterCommit && event.type === "evidence.submitted") {
            stopAfterCommit = false;
            cluster.stop();
          }
        },
      },
    });
    await portfolio.loadDemoCentre();
    core = createBotCore({ portfolio, log: (message, error) => logged.push(`${message} ${String(error)}`) });
    delivery = startDelivery({ portfolio, channels: {}, everyMs: 0, log: (line) => logged.push(line) });
  }, 180_000);

  afterAll(async () => {
    await delivery?.close();
    await portfolio?.close().catch(() => {});
    cluster?.destroy();
  });

  const web = (email: string, extra: { text?: string; action?: Record<string, unknown> }, eventId: string) =>
    core.handle({
      channel: "web",
      actor: { channel: "web", userId: email, email },
      conversationId: `web:${email}`,
      text: extra.text ?? "",
      ...(extra.action ? { action: extra.action as { verb: string } } : {}),
      eventId,
    });

  it("says a submit committed before the database stopped was saved, and tells the assessor once it is back", async () => {
    const drafted = await web(AMIRA, { text: ACCOUNT }, "outage-draft");
    const submit = actionIn(
      drafted.replies.map((r) => (r.card ? adaptiveCard(r.card.view) : undefined)),
      "evidence.submit",
    );
    expect(submit, said(drafted.replies)).toBeDefined();
    await delivery.flush();

    stopAfterCommit = true;
    const answer = await web(AMIRA, { action: submit ?? {} }, "outage-submit");
    const words = said(answer.replies);
    expect(words).not.toMatch(/nothing was changed/i);
    expect(words).toMatch(/That was saved/);

    // While it is down, delivery tries and gives up on nothing.
    await delivery.flush().catch(() => {});
    await delivery.flush().catch(() => {});
    cluster.start();
    const evidence = await store.evidence.byId(String(submit?.evidenceId));
    expect(evidence?.status).toBe("submitted");
    await delivery.flush();
    const priya = await portfolio.personByEmail(PRIYA);
    const inbox = await portfolio.channels.inbox(priya?.id ?? "");
    expect(JSON.stringify(inbox)).toContain(evidence?.ref ?? "no ref");
    expect(await portfolio.outbox.pending(50, 5)).toEqual([]);
  }, 120_000);

  it("answers a message during the outage with try again in a minute, and recovers without a restart", async () => {
    cluster.stop();
    const during = await web(AMIRA, { text: ACCOUNT }, "outage-during");
    const words = said(during.replies);
    expect(words).toMatch(/try again in a minute/i);
    expect(words).toMatch(/nothing you saved before was lost/i);
    expect(words).not.toMatch(/nothing was changed/i);
    cluster.start();
    const after = await web(AMIRA, { text: ACCOUNT }, "outage-after");
    expect(
      actionIn(
        after.replies.map((r) => (r.card ? adaptiveCard(r.card.view) : undefined)),
        "evidence.submit",
      ),
    ).toBeDefined();
    // Prisma's errors are one line each, not pages of formatted context.
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line.length, line.slice(0, 200)).toBeLessThan(2000);
  }, 120_000);
});

describe.skipIf(throwawaySkip !== undefined)("the playground during an outage", () => {
  let cluster: ThrowawayCluster;
  let product: Product;
  let server: Server;

  beforeAll(async () => {
    cluster = await throwawayCluster();
    const config = loadConfig({ DATABASE_URL: cluster.url, PORT: "0", HOST: "127.0.0.1" });
    product = await buildProduct(config, { log: () => {} });
    server = await listen(product.app, config);
  }, 180_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await product?.close().catch(() => {});
    cluster?.destroy();
  });

  it("answers with try again in a minute, then works again once the database is back", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api/messages`;
    const post = () =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as: AMIRA, text: ACCOUNT }),
      });
    cluster.stop();
    const during = await post();
    const body = JSON.stringify(await during.json());
    expect([200, 503]).toContain(during.status);
    expect(body).toMatch(/try again in a minute/i);
    expect(body).toMatch(/nothing you saved before was lost/i);
    cluster.start();
    const after = await post();
    expect(after.status).toBe(200);
    expect(JSON.stringify(await after.json())).toContain("evidence.submit");
  }, 120_000);
});
