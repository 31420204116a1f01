// Teams over its real protocol with the real core: a card's refresh names the people who may act on it, not only its reader.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { listen } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import { type ConnectorCall, type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const ACCOUNT =
  "Lunchtime was packed and the card machine went down, so a lady at my till got upset. I apologised, explained, " +
  "and checked with my manager that I could take her payment on the back office terminal. She thanked me as she left.";
const BOT = { id: "28:shiftnote-bot", name: "Shiftnote" };
const people = {
  amira: { id: "29:amira", name: "Amira Hussain", aadObjectId: "aad-amira" },
  priya: { id: "29:priya", name: "Priya Shah", aadObjectId: "aad-priya" },
  tom: { id: "29:tom", name: "Tom Reid", aadObjectId: "aad-tom" },
};
type Who = keyof typeof people;

let connector: FakeConnector;
let product: Product;
let server: Server;
let url: string;
let counter = 0;

const activity = (who: Who, rest: Record<string, unknown>) => {
  counter += 1;
  return {
    type: "message",
    id: `in-${counter}`,
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: people[who],
    recipient: BOT,
    conversation: { id: `a:personal-${who}`, conversationType: "personal", tenantId: "tenant-1" },
    ...rest,
  };
};
const post = (body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

type Card = { refresh?: { userIds?: string[] }; body?: unknown[]; actions?: unknown[] };
const cardsIn = (calls: ConnectorCall[]): Array<{ conversationId: string; card: Card }> =>
  calls.flatMap((call) =>
    ((call.activity.attachments ?? []) as Array<{ content: Card }>).map((a) => ({
      conversationId: decodeURIComponent(call.conversationId),
      card: a.content,
    })),
  );
const withVerb = (verb: string) => (entry: { card: Card }) =>
  JSON.stringify(entry.card).includes(`"${verb}"`);

/** Every Input.Toggle of a card with the value it starts with, as Teams merges inputs into Action.Execute data. */
function toggles(card: unknown, into: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(card)) for (const item of card) toggles(item, into);
  else if (card && typeof card === "object") {
    const node = card as Record<string, unknown>;
    if (node.type === "Input.Toggle" && typeof node.id === "string")
      into[node.id] = String(node.value ?? node.valueOff ?? "false");
    for (const value of Object.values(node)) toggles(value, into);
  }
  return into;
}

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.set("29:amira", { ...people.amira, email: "amira.hussain@demo.shiftnote.test" });
  connector.members.set("29:priya", { ...people.priya, email: "priya.shah@demo.shiftnote.test" });
  connector.members.set("29:tom", { ...people.tom, email: "tom.reid@demo.shiftnote.test" });
  const config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: "0",
    TEAMS_ANONYMOUS: "1",
    SHIFTNOTE_PLAYGROUND: "1",
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  // Priya (Amira's assessor) and Tom (her team leader) have each said hello to the bot once, so it can name them.
  for (const who of ["priya", "tom"] as const)
    expect((await post(activity(who, { text: "hello" }))).status).toBe(200);
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await connector.close();
});

describe("refresh.userIds on Teams cards", () => {
  let suggestion: Card | undefined;

  it("addresses Amira's suggestion card to her and to her assessor", async () => {
    const before = connector.sent.length;
    await post(activity("amira", { text: ACCOUNT }));
    suggestion = cardsIn(connector.sent.slice(before)).find(withVerb("evidence.submit"))?.card;
    expect(suggestion?.refresh?.userIds).toEqual(["29:amira", "29:priya"]);
  });

  it("addresses the witness card sent to Tom to Tom, the one who answers it, and not to Amira", async () => {
    const before = connector.sent.length;
    await post(activity("amira", { text: "ask Tom Reid to witness" }));
    const toTom = cardsIn(connector.sent.slice(before)).find(
      (entry) => entry.conversationId === "a:personal-tom" && withVerb("witness.testify")(entry),
    );
    expect(toTom?.card.refresh?.userIds).toEqual(["29:tom"]);
  });

  it("addresses the suggestion card in a channel thread to Amira and Priya, whoever else reads the thread", async () => {
    const channel = {
      id: "19:team-general@thread.tacv2;messageid=1700000000500",
      conversationType: "channel",
    };
    const before = connector.sent.length;
    await post(
      activity("amira", {
        id: "1700000000500",
        conversation: channel,
        text: `<at>Shiftnote</at> ${ACCOUNT}`,
        entities: [{ type: "mention", text: "<at>Shiftnote</at>", mentioned: BOT }],
      }),
    );
    const inThread = cardsIn(connector.sent.slice(before)).find(
      (entry) => entry.conversationId === channel.id && withVerb("evidence.submit")(entry),
    );
    expect(inThread?.card.refresh?.userIds).toEqual(["29:amira", "29:priya"]);
  });

  it("addresses the decision card sent to Priya to her and to the candidate", async () => {
    const submit = JSON.stringify(suggestion?.actions ?? []).match(
      /"verb":"evidence\.submit","evidenceId":"([^"]+)","version":(\d+)/,
    );
    expect(submit).not.toBeNull();
    const before = connector.sent.length;
    const pressed = await post(
      activity("amira", {
        type: "invoke",
        name: "adaptiveCard/action",
        value: {
          trigger: "manual",
          action: {
            type: "Action.Execute",
            verb: "evidence.submit",
            data: {
              ...toggles(suggestion),
              verb: "evidence.submit",
              evidenceId: submit?.[1],
              version: Number(submit?.[2]),
            },
          },
        },
      }),
    );
    expect(pressed.status).toBe(200);
    const toPriya = cardsIn(connector.sent.slice(before)).find(
      (entry) => entry.conversationId === "a:personal-priya" && withVerb("evidence.decide")(entry),
    );
    expect(toPriya?.card.refresh?.userIds).toEqual(["29:priya", "29:amira"]);
  });
});
