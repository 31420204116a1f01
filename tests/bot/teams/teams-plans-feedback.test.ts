// Teams over its real protocol with the real core: Priya's plan form and feedback as Adaptive Cards, sent by Action.Execute.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { listen } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import { type FakeConnector, startFakeConnector } from "../../helpers/fake-connector.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const BOT = { id: "28:shiftnote-bot", name: "Shiftnote" };
const people = {
  amira: { id: "29:amira", name: "Amira Hussain", aadObjectId: "aad-amira" },
  priya: { id: "29:priya", name: "Priya Shah", aadObjectId: "aad-priya" },
};

let connector: FakeConnector;
let product: Product;
let server: Server;
let url: string;
let counter = 0;

function activity(from: (typeof people)[keyof typeof people], rest: Record<string, unknown>) {
  counter += 1;
  return {
    type: "message",
    id: `in-${counter}`,
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { tenantId: "tenant-1", id: `a:personal-${from.id}`, conversationType: "personal" },
    ...rest,
  };
}
const post = async (body: unknown) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};
const execute = (from: (typeof people)[keyof typeof people], data: Record<string, unknown>) =>
  post(
    activity(from, {
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId: "activity-1",
      value: { trigger: "manual", action: { type: "Action.Execute", verb: data.verb, data } },
    }),
  );
function verbData(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.type === "Action.Execute" && n.verb === verb && n.data) return n.data as Record<string, unknown>;
  for (const value of Object.values(n)) {
    const found = verbData(value, verb);
    if (found) return found;
  }
  return undefined;
}
const personOf = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";

beforeAll(async () => {
  connector = await startFakeConnector();
  connector.members.set("29:amira", { ...people.amira, email: AMIRA });
  connector.members.set("29:priya", { ...people.priya, email: PRIYA });
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
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await connector.close();
});

describe("plans and feedback in Teams", () => {
  it("the plan form is an Adaptive Card with a date, a time and the methods to tick; Action.Execute makes the plan", async () => {
    await post(activity(people.amira, { text: "hello" }));
    const before = connector.sent.length;
    await post(activity(people.priya, { text: "plan for Amira 205 on 14/12 at 2pm in the staff room" }));
    const form = JSON.stringify(connector.sent.slice(before).map((s) => s.activity));
    expect(form).toContain('"type":"Input.Date"');
    expect(form).toContain('"type":"Input.Time"');
    expect(form).toContain('"isMultiSelect":true');
    expect(form).toContain('"value":"14:00"');
    const make = verbData(
      connector.sent.slice(before).map((s) => s.activity),
      "plan.make",
    ) as Record<string, unknown>;
    const answered = await execute(people.priya, {
      ...make,
      unit: "205",
      methods: "direct_observation,professional_discussion",
      venue: "Staff room",
      date: "2099-12-14",
      time: "14:00",
      requirements: "205: a quiet period",
      feedbackArrangements: "Straight after.",
    });
    expect(answered.status).toBe(200);
    // the invoke's answer is the plan card, signed by Priya
    expect(JSON.stringify(answered.body)).toContain("Confirmed by Priya Shah on ");
    const [plan] = await product.store.actionPlans.ofCandidate(await personOf(AMIRA));
    expect(plan).toMatchObject({ unitId: "205", venue: "Staff room", requirements: "205: a quiet period" });
    expect(plan?.methods).toEqual(["direct_observation", "professional_discussion"]);
  }, 60_000);

  it("feedback typed in Teams reaches Amira with a reply box; her reply by Action.Execute is kept", async () => {
    const before = connector.sent.length;
    await post(
      activity(people.priya, {
        text: "feedback for Amira on unit 205: A warm welcome. Outcome: 205.1.3 shown",
      }),
    );
    let card: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !card; i++) {
      card = verbData(
        connector.sent
          .slice(before)
          .filter((s) => s.conversationId.includes("amira"))
          .map((s) => s.activity),
        "feedback.reply",
      );
      if (!card) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(card).toBeDefined();
    const replied = await execute(people.amira, { ...card, reply: "Thank you." });
    expect(JSON.stringify(replied.body)).toContain("Amira Hussain replied:");
    const [kept] = await product.store.feedback.ofCandidate(await personOf(AMIRA));
    expect(kept?.reply).toBe("Thank you.");
  }, 60_000);
});
