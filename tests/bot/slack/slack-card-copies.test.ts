// Every Slack copy of an evidence card follows the evidence: real core, embedded database, signed HTTP, a fake Slack API.
import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import type { ChannelLog } from "../../../src/bot/channel-log.ts";
import { portfolioConversationReferences } from "../../../src/bot/conversation-references.ts";
import { InMemorySlackCardCopies, portfolioCardCopies } from "../../../src/bot/slack/card-copies.ts";
import { changedEvidence } from "../../../src/bot/slack/copy-keeper.ts";
import { mountSlack, type SlackChannel } from "../../../src/bot/slack/mount.ts";
import type { BotReply } from "../../../src/bot/types.ts";
import { createFakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";

const secret = "copies-signing-secret-0123456789ab";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const BUSY =
  "Lunchtime was packed and the card machine went down, so a lady at my till got upset. I apologised, explained, " +
  "and checked with my manager that I could take her payment on the back office terminal. She thanked me as she left.";
const RETURN =
  "A customer brought back a kettle that had stopped working. I listened, said sorry, checked the receipt and " +
  "offered a replacement or a refund. He chose the replacement and I showed him how to register the guarantee.";

let api: FakeSlackApi;
let product: Product;
let slack: SlackChannel | undefined;
let server: Server;
let url: string;
const warnings: string[] = [];
const log: ChannelLog = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };

function sign(body: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

async function send(body: string, contentType: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...sign(body) },
    body,
  });
  expect(response.status).toBe(200);
}

let sequence = 0;
/** A DM from a Slack user, as Slack delivers it. */
async function dm(user: string, channel: string, text: string) {
  sequence += 1;
  await send(
    JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: `Ev-copies-${sequence}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "message",
        channel_type: "im",
        channel,
        user,
        text,
        ts: `9.${sequence}`,
        event_ts: `9.${sequence}`,
      },
    }),
    "application/json",
  );
}

/** A button pressed on a message, as Slack delivers it. */
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
        action_ts: `8.${sequence}`,
      },
    ],
  };
  await send(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
  );
}

async function until<T>(
  look: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await look();
    if (found !== undefined && found !== null && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until no Slack API call has been made for a moment, so one step's work does not spill into the next. */
async function settle() {
  let seen = -1;
  for (let i = 0; i < 100 && seen !== api.calls.length; i++) {
    seen = api.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The data of the first button for `verb` in a call's blocks (and for one evidence, if given). */
function buttonData(call: SlackApiCall | undefined, verb: string, evidenceId?: string) {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const { value } = node as { value?: unknown };
      if (typeof value === "string" && value.startsWith("{")) found.push(JSON.parse(value));
      Object.values(node).forEach(walk);
    }
  };
  walk(call?.args.blocks);
  return found.find((d) => d.verb === verb && (evidenceId === undefined || d.evidenceId === evidenceId));
}

/** The calls to `method` made after `from`, for one message or channel. */
const callsAfter = (from: number, method: string, where: { channel: string; ts?: string }) =>
  api.calls
    .slice(from)
    .filter(
      (c) =>
        c.method === method &&
        c.args.channel === where.channel &&
        (where.ts === undefined || c.args.ts === where.ts),
    );

/** Amira sends an account and submits it; answers the evidence and her suggestion message, and Priya's notification. */
async function fileEvidence(text: string) {
  const from = api.calls.length;
  await dm("UAMIRA", "DAMIRA", text);
  const suggestion = await until(
    () =>
      callsAfter(from, "chat.postMessage", { channel: "DAMIRA" }).find((c) =>
        buttonData(c, "evidence.submit"),
      ),
    "the suggestion card",
  );
  const submit = buttonData(suggestion, "evidence.submit") ?? {};
  const amiraTs = String(suggestion.result?.ts);
  await press("UAMIRA", "DAMIRA", amiraTs, submit);
  const notification = await until(
    () =>
      callsAfter(from, "chat.postMessage", { channel: "DPRIYA" }).find((c) =>
        buttonData(c, "evidence.approve_all", String(submit.evidenceId)),
      ),
    "the approval card in Priya's DM",
  );
  // The submit press goes on after the notification (its reply, the redraw of other copies): let it finish.
  await settle();
  return {
    evidenceId: String(submit.evidenceId),
    amiraTs,
    priyaTs: String(notification.result?.ts),
    notification,
  };
}

beforeAll(async () => {
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  api.users.set("UPRIYA", { name: "Priya Shah", email: PRIYA });
  // The product (real core, embedded database with the demo centre) with Slack mounted beside it on the same store.
  product = await buildProduct(
    loadConfig({ DATABASE_URL: "memory://", SHIFTNOTE_PLAYGROUND: "1", SHIFTNOTE_LOG_LEVEL: "silent" }),
    { log: () => {} },
  );
  const config = loadConfig({
    DATABASE_URL: "memory://",
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_API_URL: api.apiUrl,
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  const { store } = product;
  const app = createApp({
    config,
    catalogue: product.catalogue,
    mount: [
      (express) => {
        slack = mountSlack(express, {
          config,
          core: product.core,
          conversations: portfolioConversationReferences(product.portfolio),
          cardCopies: portfolioCardCopies(product.portfolio),
          afterTurn: () => product.delivery.flush(),
          log,
        });
        // The product's delivery sends through this Slack channel too.
        if (slack) product.channels.slack = slack;
      },
    ],
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  // Priya says hello once, so her DM is known and approval cards come to it.
  await dm("UPRIYA", "DPRIYA", "help");
  const priya = await store.people.byEmail(PRIYA);
  await until(() => store.channelState.reference(priya?.id ?? "", "slack"), "Priya's DM reference");
}, 60_000);

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await api.close();
});

describe("Slack copies of an evidence card", () => {
  it("a decision on a card opened from the queue also redraws the approval card sent before, and the candidate's card", async () => {
    const { evidenceId, amiraTs, priyaTs } = await fileEvidence(BUSY);

    // Copy 2: Priya lists her queue and opens the same evidence, which turns the list into its approval card.
    let from = api.calls.length;
    await dm("UPRIYA", "DPRIYA", "queue");
    const queue = await until(
      () =>
        callsAfter(from, "chat.postMessage", { channel: "DPRIYA" }).find((c) =>
          buttonData(c, "evidence.open", evidenceId),
        ),
      "the queue",
    );
    const queueTs = String(queue.result?.ts);
    from = api.calls.length;
    await press("UPRIYA", "DPRIYA", queueTs, buttonData(queue, "evidence.open", evidenceId) ?? {});
    const opened = await until(
      () => callsAfter(from, "chat.update", { channel: "DPRIYA", ts: queueTs })[0],
      "the opened card",
    );
    // Opening changes nothing, so no other copy is redrawn.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsAfter(from, "chat.update", { channel: "DPRIYA", ts: priyaTs })).toEqual([]);

    // Priya approves on copy 2; copy 1 (the notification) and Amira's card follow.
    from = api.calls.length;
    await press("UPRIYA", "DPRIYA", queueTs, buttonData(opened, "evidence.approve_all", evidenceId) ?? {});
    const redrawn = await until(
      () => callsAfter(from, "chat.update", { channel: "DPRIYA", ts: priyaTs })[0],
      "the notification redrawn",
    );
    const pressed = callsAfter(from, "chat.update", { channel: "DPRIYA", ts: queueTs })[0];
    for (const copy of [pressed, redrawn]) {
      const blocks = JSON.stringify(copy?.args.blocks);
      expect(blocks).toContain("Assessed by Priya Shah");
      expect(blocks).not.toContain("evidence.approve_all");
      expect(blocks).not.toContain("evidence.decide");
    }
    const amiraCopy = await until(
      () => callsAfter(from, "chat.update", { channel: "DAMIRA", ts: amiraTs })[0],
      "Amira's card redrawn",
    );
    expect(JSON.stringify(amiraCopy.args.blocks)).toMatch(/is assessed/);
    expect((await product.store.evidence.byId(evidenceId))?.status).toBe("assessed");

    const copies = await product.store.cardCopies.ofEvidence(evidenceId, "slack", 20);
    expect(copies.map((c) => c.messageTs).sort()).toEqual([amiraTs, priyaTs, queueTs].sort());
    expect(new Set(copies.map((c) => c.chatUserId))).toEqual(new Set(["UAMIRA", "UPRIYA"]));
  }, 60_000);

  it("a copy Slack can no longer update is logged once and forgotten, and the decision still stands", async () => {
    const { evidenceId, amiraTs, priyaTs, notification } = await fileEvidence(RETURN);
    // Amira deleted her suggestion message: Slack refuses to update it.
    api.failures.push({
      method: "chat.update",
      error: "message_not_found",
      when: (args) => args.channel === "DAMIRA" && args.ts === amiraTs,
    });
    const before = warnings.length;
    const from = api.calls.length;
    await press(
      "UPRIYA",
      "DPRIYA",
      priyaTs,
      buttonData(notification, "evidence.approve_all", evidenceId) ?? {},
    );
    const pressed = await until(
      () => callsAfter(from, "chat.update", { channel: "DPRIYA", ts: priyaTs })[0],
      "the pressed card updated",
    );
    expect(JSON.stringify(pressed.args.blocks)).toContain("Assessed by Priya Shah");
    const refused = await until(
      () => callsAfter(from, "chat.update", { channel: "DAMIRA", ts: amiraTs })[0],
      "the update Slack refuses",
    );
    expect(refused.result).toEqual({ ok: false, error: "message_not_found" });
    await until(
      async () =>
        !(await product.store.cardCopies.ofEvidence(evidenceId, "slack", 20)).some(
          (c) => c.messageTs === amiraTs,
        ),
      "the refused copy forgotten",
    );
    expect(warnings.slice(before).filter((w) => w.includes("message_not_found"))).toHaveLength(1);
    expect((await product.store.evidence.byId(evidenceId))?.status).toBe("assessed");
    // Nothing went wrong for Priya: no apology was posted to her.
    expect(
      callsAfter(from, "chat.postMessage", { channel: "DPRIYA" }).filter((c) =>
        String(c.args.text).includes("went wrong"),
      ),
    ).toEqual([]);
  }, 60_000);

  it("erasing a person removes the record of the cards shown to them", async () => {
    const priya = await product.store.people.byEmail(PRIYA);
    const shown = async () =>
      (await product.store.cardCopies.ofEvidence((await evidenceIds())[0] ?? "", "slack", 20)).filter(
        (c) => c.personId === priya?.id,
      );
    expect((await shown()).length).toBeGreaterThan(0);
    await product.portfolio.erasePerson({
      actor: { system: "cli" },
      personId: priya?.id ?? "",
    });
    expect(await shown()).toEqual([]);
  });
});

async function evidenceIds() {
  const amira = await product.store.people.byEmail(AMIRA);
  const evidence = await product.store.evidence.ofCandidate(amira?.id ?? "");
  const copied = [];
  for (const e of evidence)
    if ((await product.store.cardCopies.ofEvidence(e.id, "slack", 1)).length > 0) copied.push(e.id);
  return copied;
}

describe("which copies an action redraws", () => {
  const reply = (evidenceId: string, version: number): BotReply => ({
    card: { adaptive: {}, blocks: [], fallbackText: "", about: { evidenceId, version } },
  });

  it("none when the answer shows the version the button carried, nor for a refresh", () => {
    expect(
      changedEvidence({ verb: "evidence.open", evidenceId: "e1", version: 3 }, [reply("e1", 3)]),
    ).toBeUndefined();
    expect(
      changedEvidence({ verb: "evidence.refresh", evidenceId: "e1", version: 3 }, [reply("e1", 4)]),
    ).toBeUndefined();
    expect(changedEvidence({ verb: "evidence.open" }, [reply("e1", 4)])).toBeUndefined();
  });

  it("the evidence at its new version after a change, and at the button's version when the answer has no card", () => {
    expect(
      changedEvidence({ verb: "evidence.approve_all", evidenceId: "e1", version: 3 }, [reply("e1", 4)]),
    ).toEqual({ evidenceId: "e1", version: 4 });
    expect(
      changedEvidence({ verb: "evidence.discard", evidenceId: "e1", version: 3 }, [{ text: "Discarded." }]),
    ).toEqual({
      evidenceId: "e1",
      version: 3,
    });
  });
});

describe("the witness form", () => {
  it("redraws the other copies of the evidence after testimony is sent from the form, as each reader sees it", async () => {
    const core = createFakeBotCore();
    const copies = new InMemorySlackCardCopies();
    const config = loadConfig({
      SLACK_SIGNING_SECRET: secret,
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_API_URL: api.apiUrl,
      SHIFTNOTE_LOG_LEVEL: "silent",
    });
    const app = createApp({
      config,
      catalogue: product.catalogue,
      mount: [(express) => void mountSlack(express, { config, core, cardCopies: copies, log })],
    });
    const formServer = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const formUrl = `http://127.0.0.1:${(formServer.address() as AddressInfo).port}/slack/events`;
    try {
      // The witness's card in the channel thread, the candidate's card and the assessor's card.
      await copies.record({ evidenceId: "ev-1", userId: "USAM", channel: "C1", ts: "5.1" });
      await copies.record({ evidenceId: "ev-1", userId: "UCASEY", channel: "DCASEY", ts: "5.2" });
      await copies.record({ evidenceId: "ev-1", userId: "UASSESSOR", channel: "DASSESSOR", ts: "5.3" });
      await copies.record({ evidenceId: "ev-2", userId: "UCASEY", channel: "DCASEY", ts: "5.4" });
      const from = api.calls.length;
      const body = new URLSearchParams({
        payload: JSON.stringify({
          type: "view_submission",
          user: { id: "USAM" },
          team: { id: "T1" },
          trigger_id: "trigger-form",
          view: {
            id: "VFORM",
            type: "modal",
            callback_id: "shiftnote.testimony",
            private_metadata: JSON.stringify({
              data: { verb: "witness.testify", evidenceId: "ev-1", version: 2 },
              channel: "C1",
              messageTs: "5.1",
            }),
            state: { values: {} },
          },
        }),
      }).toString();
      const response = await fetch(formUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
        body,
      });
      expect(response.status).toBe(200);
      await until(
        () => callsAfter(from, "chat.update", { channel: "DASSESSOR", ts: "5.3" })[0],
        "the redraw",
      );
      await until(() => callsAfter(from, "chat.update", { channel: "DCASEY", ts: "5.2" })[0], "the redraw");
      const updated = api.calls.slice(from).filter((c) => c.method === "chat.update");
      expect(updated.map((c) => `${c.args.channel}:${c.args.ts}`).sort()).toEqual([
        "DASSESSOR:5.3",
        "DCASEY:5.2",
      ]);
      const refreshes = core.commands.filter((c) => c.action?.verb === "evidence.refresh");
      expect(refreshes.map((c) => [c.actor.userId, c.conversationId, c.action?.evidenceId]).sort()).toEqual([
        ["UASSESSOR", "DASSESSOR", "ev-1"],
        ["UCASEY", "DCASEY", "ev-1"],
      ]);
    } finally {
      await new Promise<void>((done) => formServer.close(() => done()));
    }
  });
});
