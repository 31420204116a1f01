// A decision made on the assessor's page reaches everyone the same way as one made in chat: through the outbox.
import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { startDelivery } from "../../src/app/delivery.ts";
import { createApp } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { portfolioConversationReferences } from "../../src/bot/conversation-references.ts";
import { portfolioCardCopies } from "../../src/bot/slack/card-copies.ts";
import { mountSlack } from "../../src/bot/slack/mount.ts";
import { signLink } from "../../src/web/signed-link.ts";
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from "../helpers/fake-slack-api.ts";

const secret = "delivery-signing-secret-0123456789";
const SESSION = "delivery-session-secret-0123456789abcdef";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "Saturday afternoon was heaving and the card reader kept freezing, so an older gentleman at my till got cross about waiting. " +
  "I said sorry, told him what was going on and asked my supervisor whether I could put the payment through on the other till. " +
  "She agreed, I walked him over so he didn't lose his place, and he left smiling and thanked me.";

let api: FakeSlackApi;
let product: Product;
let web: Server;
let slackServer: Server;
let base: string;
let slackUrl: string;
const config = loadConfig({
  DATABASE_URL: "memory://",
  SHIFTNOTE_PLAYGROUND: "1",
  SHIFTNOTE_SESSION_SECRET: SESSION,
  SHIFTNOTE_LOG_LEVEL: "silent",
});

const listen = (app: ReturnType<typeof createApp>) =>
  new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });

async function until<T>(look: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await look();
    if (found !== undefined && found !== null && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The data of the first action for `verb` anywhere in a card or Slack blocks. */
function actionData(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data) return n.data as Record<string, unknown>;
  if (typeof n.value === "string" && n.value.startsWith("{")) {
    const value = JSON.parse(n.value) as Record<string, unknown>;
    if (value.verb === verb) return value;
  }
  for (const child of Object.values(n)) {
    const found = actionData(child, verb);
    if (found) return found;
  }
  return undefined;
}

/** The playground's API, speaking as someone. */
async function playground(as: string, body: Record<string, unknown>) {
  const res = await fetch(`${base}/playground/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ as, ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { replies: Array<{ text?: string; card?: unknown }> };
}

/** Priya signs in on the pages and decides every claim of the evidence as accepted. */
async function decideOnThePage(evidenceId: string) {
  const priya = await product.store.people.byEmail(PRIYA);
  const token = new URL(signLink(priya?.id ?? "", config)).searchParams.get("token") ?? "";
  const signedIn = await fetch(`${base}/auth/link`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
  const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const home = await (await fetch(`${base}/pages`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? "";
  const evidence = await product.store.evidence.byId(evidenceId);
  const fields: Record<string, string> = {
    _csrf: csrf,
    version: String(evidence?.version),
    outcome: "assessed",
    comment: "Well handled.",
  };
  for (const claim of evidence?.claims.filter((c) => c.active) ?? [])
    fields[`decision:${claim.targetId}`] = "accepted";
  const res = await fetch(
    `${base}/pages/candidates/${evidence?.candidateId}/evidence/${evidence?.ref}/decision`,
    {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    },
  );
  expect(res.status).toBe(303);
  return evidence?.ref ?? "";
}

function sign(body: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}
async function slackSend(body: string, contentType: string) {
  const res = await fetch(slackUrl, {
    method: "POST",
    headers: { "content-type": contentType, ...sign(body) },
    body,
  });
  expect(res.status).toBe(200);
}
let sequence = 0;
async function dm(user: string, channel: string, text: string) {
  sequence += 1;
  const ts = `7.${sequence}`;
  await slackSend(
    JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: `Ev-delivery-${sequence}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "message", channel_type: "im", channel, user, text, ts, event_ts: ts },
    }),
    "application/json",
  );
}
async function press(user: string, channel: string, messageTs: string, value: Record<string, unknown>) {
  sequence += 1;
  const payload = {
    type: "block_actions",
    user: { id: user },
    team: { id: "T1" },
    trigger_id: `trigger-${sequence}`,
    response_url: api.responseUrl,
    channel: { id: channel },
    container: { type: "message", message_ts: messageTs, channel_id: channel },
    message: { type: "message", ts: messageTs, text: "card" },
    state: { values: {} },
    actions: [
      {
        type: "button",
        action_id: String(value.verb),
        block_id: "actions",
        value: JSON.stringify(value),
        action_ts: `6.${sequence}`,
      },
    ],
  };
  await slackSend(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
  );
}
const calls = (from: number, method: string, channel: string, ts?: string): SlackApiCall[] =>
  api.calls
    .slice(from)
    .filter(
      (c) => c.method === method && c.args.channel === channel && (ts === undefined || c.args.ts === ts),
    );

beforeAll(async () => {
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  api.users.set("UPRIYA", { name: "Priya Shah", email: PRIYA });
  product = await buildProduct(config, { log: () => {} });
  web = await listen(product.app);
  base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  // Slack beside the product, on the same portfolio and the same delivery.
  const slackConfig = loadConfig({
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_API_URL: api.apiUrl,
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  const slackApp = createApp({
    config: slackConfig,
    catalogue: product.catalogue,
    mount: [
      (express) => {
        const slack = mountSlack(express, {
          config: slackConfig,
          core: product.core,
          conversations: portfolioConversationReferences(product.portfolio),
          cardCopies: portfolioCardCopies(product.portfolio),
          afterTurn: () => product.delivery.flush(),
        });
        if (slack) product.channels.slack = slack;
      },
    ],
  });
  slackServer = await listen(slackApp);
  slackUrl = `http://127.0.0.1:${(slackServer.address() as AddressInfo).port}/slack/events`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((done) => web.close(() => done()));
  await new Promise<void>((done) => slackServer.close(() => done()));
  await product.close();
  await api.close();
});

describe("a decision made on the assessor's page", () => {
  it("reaches the candidate's playground inbox, as one made in chat does", async () => {
    const suggested = await playground(AMIRA, { text: ACCOUNT });
    const submit = actionData(suggested.replies.find((r) => r.card)?.card, "evidence.submit");
    expect(submit).toBeDefined();
    await playground(AMIRA, { action: submit });
    const ref = await decideOnThePage(String(submit?.evidenceId));
    const told = await until(async () => {
      const inbox = (await (await fetch(`${base}/playground/api/inbox?as=${AMIRA}`)).json()) as {
        replies: Array<{ text?: string }>;
      };
      return inbox.replies.find((r) => r.text?.includes(`has assessed ${ref}`));
    }, "the outcome in Amira's inbox");
    expect(told.text).toMatch(
      /Priya Shah has assessed E\d+: \d+ accepted, 0 not accepted\. Their comment: "Well handled\."/,
    );
  }, 60_000);

  it("reaches the candidate's Slack DM and redraws the Slack copies of the evidence's cards", async () => {
    // Priya says hello once, so her DM is known and the approval card comes to it.
    await dm("UPRIYA", "DPRIYA", "help");
    await until(
      async () =>
        product.store.channelState.reference((await product.store.people.byEmail(PRIYA))?.id ?? "", "slack"),
      "Priya's DM",
    );
    let from = api.calls.length;
    await dm("UAMIRA", "DAMIRA", ACCOUNT);
    const suggestion = await until(
      () =>
        calls(from, "chat.postMessage", "DAMIRA").find((c) => actionData(c.args.blocks, "evidence.submit")),
      "Amira's suggestion card",
    );
    const submit = actionData(suggestion.args.blocks, "evidence.submit") ?? {};
    const amiraTs = String(suggestion.result?.ts);
    await press("UAMIRA", "DAMIRA", amiraTs, submit);
    const approval = await until(
      () =>
        calls(from, "chat.postMessage", "DPRIYA").find((c) =>
          actionData(c.args.blocks, "evidence.approve_all"),
        ),
      "the approval card in Priya's DM",
    );
    const priyaTs = String(approval.result?.ts);

    from = api.calls.length;
    const ref = await decideOnThePage(String(submit.evidenceId));
    const told = await until(
      () =>
        calls(from, "chat.postMessage", "DAMIRA").find((c) =>
          String(c.args.text).includes(`has assessed ${ref}`),
        ),
      "the outcome in Amira's Slack DM",
    );
    expect(String(told.args.text)).toMatch(/Priya Shah has assessed/);
    const priyaCopy = await until(
      () => calls(from, "chat.update", "DPRIYA", priyaTs)[0],
      "Priya's approval card redrawn",
    );
    expect(JSON.stringify(priyaCopy.args.blocks)).toContain("Assessed by Priya Shah");
    expect(JSON.stringify(priyaCopy.args.blocks)).not.toContain("evidence.approve_all");
    const amiraCopy = await until(
      () => calls(from, "chat.update", "DAMIRA", amiraTs)[0],
      "Amira's card redrawn",
    );
    expect(JSON.stringify(amiraCopy.args.blocks)).toMatch(/is assessed/);
    // Delivered once: nothing is left waiting in the outbox.
    await product.delivery.flush();
    expect(await product.store.outbox.pending(100, 5)).toEqual([]);
  }, 60_000);
});

describe("delivery", () => {
  it("sends on start what a stopped process wrote but never sent", async () => {
    const amira = await product.store.people.byEmail(AMIRA);
    const tom = await product.store.people.byEmail("tom.reid@demo.shiftnote.test");
    // Written with a change, then the process stopped before anything was sent.
    await product.store.outbox.record([
      {
        kind: "witness.testimony_given",
        recipientId: amira?.id ?? "",
        actorId: tom?.id ?? "",
        evidenceId: null,
      },
    ]);
    const restarted = startDelivery({
      portfolio: product.portfolio,
      channels: {},
      everyMs: 0,
      log: () => {},
    });
    await restarted.flush();
    await restarted.close();
    const inbox = (await (await fetch(`${base}/playground/api/inbox?as=${AMIRA}`)).json()) as {
      replies: Array<{ text?: string }>;
    };
    expect(inbox.replies.map((r) => r.text)).toContain(
      "Tom Reid has given witness testimony for your evidence.",
    );
    expect(await product.store.outbox.pending(100, 5)).toEqual([]);
  });
});
