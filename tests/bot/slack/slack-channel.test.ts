// Slack over its real protocol: signed HTTP requests to /slack/events, Web API calls recorded by a local fake.
import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { createApp } from "../../../src/app/server.ts";
import type { ChannelLog } from "../../../src/bot/channel-log.ts";
import { InMemoryConversationStore } from "../../../src/bot/conversation-store.ts";
import { mountSlack, type SlackChannel } from "../../../src/bot/slack/mount.ts";
import type { Catalogue } from "../../../src/standards/catalogue.ts";
import { createFakeBotCore, type FakeBotCore } from "../../helpers/fake-bot-core.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const silent: ChannelLog = { debug() {}, info() {}, warn() {}, error() {} };
const catalogue = { units: new Map(), qualifications: [], unit: () => undefined } as unknown as Catalogue;

interface Running {
  server: Server;
  url: string;
  channel: SlackChannel | undefined;
  conversations: InMemoryConversationStore;
}

async function start(
  env: Record<string, string>,
  core: FakeBotCore,
  log: ChannelLog = silent,
): Promise<Running> {
  const config = loadConfig({ SHIFTNOTE_LOG_LEVEL: "silent", ...env });
  const conversations = new InMemoryConversationStore();
  let channel: SlackChannel | undefined;
  const app = createApp({
    config,
    catalogue,
    mount: [(express) => (channel = mountSlack(express, { config, core, conversations, log }))],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    channel,
    conversations,
  };
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

function sign(body: string, timestamp = Math.floor(Date.now() / 1000), key = secret) {
  const signature = `v0=${createHmac("sha256", key).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

async function send(
  url: string,
  payload: unknown,
  options: {
    form?: boolean;
    headers?: Record<string, string>;
    timestamp?: number;
    key?: string;
    raw?: string;
  } = {},
) {
  const body =
    options.raw ??
    (options.form
      ? new URLSearchParams(
          Object.entries(payload as Record<string, unknown>).map(([k, v]): [string, string] => [
            k,
            typeof v === "string" ? v : JSON.stringify(v),
          ]),
        ).toString()
      : JSON.stringify(payload));
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
      ...sign(body, options.timestamp, options.key),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text(), ms: Date.now() - started };
}

const dm = (eventId: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: "event_callback",
  token: "legacy",
  team_id: "T1",
  api_app_id: "A1",
  event_id: eventId,
  event_time: Math.floor(Date.now() / 1000),
  event: {
    type: "message",
    channel_type: "im",
    channel: "D1",
    user: "U1",
    text,
    ts: "1700000000.000100",
    event_ts: "1700000000.000100",
    ...extra,
  },
});

describe("Slack over signed HTTP", () => {
  let api: FakeSlackApi;
  let core: FakeBotCore;
  let bot: Running;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    api.users.set("U1", { name: "Casey Candidate", email: "Casey@Example.org" });
    api.users.set("U2", { name: "Sam Leader", email: "sam@example.org" });
    core = createFakeBotCore();
    bot = await start(
      { SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_API_URL: api.apiUrl },
      core,
    );
  });
  afterAll(async () => {
    await stop(bot.server);
    await api.close();
  });
  beforeEach(async () => {
    // Let the previous test's replies (posted after its ack) land before clearing what was recorded.
    let seen = -1;
    while (seen !== api.calls.length) {
      seen = api.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    core.commands.length = 0;
    core.delayMs = 0;
    api.calls.length = 0;
    api.responses.length = 0;
  });

  it("answers Slack's URL verification challenge", async () => {
    const response = await send(bot.url, {
      type: "url_verification",
      token: "legacy",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });

  it("turns a signed DM into one command and posts the suggestion blocks with chat.postMessage", async () => {
    const response = await send(
      bot.url,
      dm("Ev-dm-1", "On Saturday the card machine failed and I took payments by phone."),
    );
    expect(response.status).toBe(200);
    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted?.authorization).toBe("Bearer xoxb-test-token");
    expect(posted?.args).toMatchObject({
      channel: "D1",
      text: expect.stringContaining("Suggested evidence"),
    });
    expect(posted?.args.thread_ts).toBeUndefined();
    const blocks = posted?.args.blocks as Array<{ type: string; elements?: Array<{ value?: string }> }>;
    expect(blocks.map((block) => block.type)).toEqual(["section", "actions"]);
    expect(JSON.parse(blocks[1]?.elements?.[0]?.value ?? "{}")).toMatchObject({
      verb: "evidence.submit",
      evidenceId: "ev-1",
    });
    expect(core.commands).toHaveLength(1);
    expect(core.commands[0]).toMatchObject({
      channel: "slack",
      actor: { channel: "slack", userId: "U1", displayName: "Casey Candidate", email: "casey@example.org" },
      conversationId: "D1",
      eventId: "Ev-dm-1",
      text: "On Saturday the card machine failed and I took payments by phone.",
    });
    expect(await bot.conversations.get("U1", "slack")).toEqual({ channel: "D1", teamId: "T1", userId: "U1" });
  });

  it("answers 401 to a bad signature and to a stale timestamp, and never calls the core", async () => {
    const forged = await send(bot.url, dm("Ev-forged", "hello"), { key: "not-the-secret" });
    expect(forged.status).toBe(401);
    const stale = await send(bot.url, dm("Ev-stale", "hello"), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(bot.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(dm("Ev-unsigned", "hello")),
    });
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(core.commands).toHaveLength(0);
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("answers 401 to a correctly signed request dated more than five minutes ahead, and takes one within the window", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [60 * 60, 6 * 60]) {
      const future = await send(bot.url, dm(`Ev-future-${ahead}`, "hello"), { timestamp: now + ahead });
      expect(future.status).toBe(401);
    }
    const late = await send(bot.url, dm("Ev-late", "hello"), { timestamp: now - 6 * 60 });
    expect(late.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(core.commands).toHaveLength(0);
    const skewed = await send(bot.url, dm("Ev-skewed", "hello"), { timestamp: now + 4 * 60 });
    expect(skewed.status).toBe(200);
    await core.waitForCommands(1);
  });

  it("acks each of three deliveries of one event at once and handles it once, posting its reply once", async () => {
    core.delayMs = 300;
    const event = dm("Ev-retried", "I calmed an angry customer down.");
    const first = await send(bot.url, event);
    const second = await send(bot.url, event, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" },
    });
    const third = await send(bot.url, event, {
      headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_error" },
    });
    for (const delivery of [first, second, third]) {
      expect(delivery.status).toBe(200);
      expect(delivery.ms).toBeLessThan(1000);
    }
    await api.waitFor("chat.postMessage", 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(core.commands.map((command) => command.eventId)).toEqual(["Ev-retried"]);
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("does not post the card again for a retry that arrives after the first delivery finished", async () => {
    const event = dm("Ev-done", "I found a lost child's mum by the tills.");
    await send(bot.url, event);
    await api.waitFor("chat.postMessage", 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const [num, reason] of [
      ["1", "http_timeout"],
      ["2", "http_error"],
    ] as const) {
      const retry = await send(bot.url, event, {
        headers: { "x-slack-retry-num": num, "x-slack-retry-reason": reason },
      });
      expect(retry.status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
    expect(core.commands.map((command) => command.eventId)).toEqual(["Ev-done"]);
  });

  it("drops an http_timeout retry while the first delivery is still being handled", async () => {
    core.delayMs = 1500;
    const event = dm("Ev-slow", "A long voice note.");
    const first = await send(bot.url, event);
    const retry = await send(bot.url, event, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(first.ms).toBeLessThan(1000);
    await api.waitFor("chat.postMessage", 1, 5000);
    expect(core.commands.map((command) => command.eventId)).toEqual(["Ev-slow"]);
  });

  it("sends a block_actions Submit to the core with its verb, ids and inputs, and updates the card in place", async () => {
    const response = await send(
      bot.url,
      {
        payload: {
          type: "block_actions",
          user: { id: "U1", name: "casey" },
          team: { id: "T1" },
          api_app_id: "A1",
          trigger_id: "trigger-1",
          response_url: api.responseUrl,
          channel: { id: "D1", name: "directmessage" },
          container: {
            type: "message",
            message_ts: "1700000100.000100",
            channel_id: "D1",
            is_ephemeral: false,
          },
          message: { type: "message", ts: "1700000100.000100", text: "Suggested evidence" },
          state: {
            values: {
              "claim:CS-L2-U1/1.1": {
                "input:claim:CS-L2-U1/1.1": { type: "checkboxes", selected_options: [{ value: "true" }] },
              },
              comment: { "input:comment": { type: "plain_text_input", value: "Busy Saturday" } },
            },
          },
          actions: [
            {
              type: "button",
              action_id: "evidence.submit",
              block_id: "evidence_actions",
              value: JSON.stringify({ verb: "evidence.submit", evidenceId: "ev-1", version: 1 }),
              action_ts: "1700000200.000200",
            },
          ],
        },
      },
      { form: true },
    );
    expect(response.status).toBe(200);
    const [command] = await core.waitForCommands(1);
    expect(command?.action).toEqual({
      verb: "evidence.submit",
      evidenceId: "ev-1",
      version: 1,
      "claim:CS-L2-U1/1.1": "true",
      comment: "Busy Saturday",
    });
    expect(command?.actor.email).toBe("casey@example.org");
    const [update] = await api.waitFor("chat.update");
    expect(update?.args).toMatchObject({
      channel: "D1",
      ts: "1700000100.000100",
      text: "Submitted for assessment",
    });
  });

  const witnessBlocks = [
    { type: "section", text: { type: "mrkdwn", text: "*Casey asks you to witness their evidence*" } },
    {
      type: "input",
      block_id: "statusCategory",
      label: { type: "plain_text", text: "Your witness status" },
      element: {
        type: "radio_buttons",
        action_id: "input:statusCategory",
        options: [
          { text: { type: "plain_text", text: "Occupational expert familiar with standards" }, value: "2" },
          { text: { type: "plain_text", text: "Colleague" }, value: "4" },
        ],
      },
    },
    {
      type: "input",
      block_id: "relationship",
      label: { type: "plain_text", text: "How you work with Casey" },
      element: { type: "plain_text_input", action_id: "input:relationship" },
    },
    {
      type: "input",
      block_id: "declaration",
      label: { type: "plain_text", text: "I am not related to the candidate" },
      element: {
        type: "checkboxes",
        action_id: "input:declaration",
        options: [{ text: { type: "plain_text", text: "Yes, that is true" }, value: "true" }],
      },
    },
    {
      type: "input",
      block_id: "testimony",
      label: { type: "plain_text", text: "What you saw" },
      element: { type: "plain_text_input", action_id: "input:testimony", multiline: true },
    },
  ];
  const fullTestimony = {
    statusCategory: { "input:statusCategory": { type: "radio_buttons", selected_option: { value: "4" } } },
    relationship: { "input:relationship": { type: "plain_text_input", value: "I lead her Saturday shift" } },
    declaration: { "input:declaration": { type: "checkboxes", selected_options: [{ value: "true" }] } },
    testimony: {
      "input:testimony": { type: "plain_text_input", value: "I saw her take card payments by phone." },
    },
  };
  const testifyPress = (values: Record<string, unknown>, trigger: string) => ({
    payload: {
      type: "block_actions",
      user: { id: "U2" },
      team: { id: "T1" },
      trigger_id: trigger,
      response_url: api.responseUrl,
      channel: { id: "C1" },
      container: { type: "message", message_ts: "1700000300.000100", channel_id: "C1" },
      message: {
        type: "message",
        ts: "1700000300.000100",
        thread_ts: "1700000000.000100",
        blocks: witnessBlocks,
      },
      state: { values },
      actions: [
        {
          type: "button",
          action_id: "witness.testify",
          value: JSON.stringify({ verb: "witness.testify", evidenceId: "ev-1", version: 2 }),
          action_ts: "1700000301.000100",
        },
      ],
    },
  });
  const expectedTestimony = {
    verb: "witness.testify",
    evidenceId: "ev-1",
    version: 2,
    statusCategory: "4",
    relationship: "I lead her Saturday shift",
    declaration: "true",
    testimony: "I saw her take card payments by phone.",
  };

  it("sends a witness's complete testimony from the card's own inputs straight to the core", async () => {
    await send(bot.url, testifyPress(fullTestimony, "trigger-full"), { form: true });
    const [command] = await core.waitForCommands(1);
    expect(command).toMatchObject({
      conversationId: "C1",
      threadId: "1700000000.000100",
      action: expectedTestimony,
    });
    expect(api.callsTo("views.open")).toHaveLength(0);
    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted?.args).toMatchObject({ channel: "C1", thread_ts: "1700000000.000100" });
  });

  it("opens a modal (where Slack enforces required inputs) when the testimony is incomplete, then sends the submission", async () => {
    const partial = { relationship: fullTestimony.relationship };
    await send(bot.url, testifyPress(partial, "trigger-2"), { form: true });
    const [opened] = await api.waitFor("views.open");
    expect(opened?.args.trigger_id).toBe("trigger-2");
    const view = opened?.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ type: string; block_id?: string; element?: { initial_value?: string } }>;
    };
    expect(view.callback_id).toBe("shiftnote.testimony");
    const inputs = view.blocks.filter((block) => block.type === "input");
    expect(inputs.map((block) => block.block_id)).toEqual([
      "statusCategory",
      "relationship",
      "declaration",
      "testimony",
    ]);
    expect(inputs[1]?.element?.initial_value).toBe("I lead her Saturday shift");
    expect(core.commands).toHaveLength(0);

    const submitted = await send(
      bot.url,
      {
        payload: {
          type: "view_submission",
          user: { id: "U2" },
          team: { id: "T1" },
          trigger_id: "trigger-3",
          view: {
            id: "V1",
            type: "modal",
            callback_id: "shiftnote.testimony",
            private_metadata: view.private_metadata,
            state: { values: fullTestimony },
          },
        },
      },
      { form: true },
    );
    expect(submitted.status).toBe(200);
    const [command] = await core.waitForCommands(1);
    expect(command).toMatchObject({
      conversationId: "C1",
      threadId: "1700000000.000100",
      eventId: "view:V1",
      actor: { userId: "U2", email: "sam@example.org" },
      action: expectedTestimony,
    });
    await api.waitFor("chat.postMessage");
  });

  it("turns an app_mention in a channel into a command with the mentioned team leader, replying in the thread", async () => {
    await send(bot.url, {
      type: "event_callback",
      team_id: "T1",
      event_id: "Ev-mention",
      event: {
        type: "app_mention",
        channel: "C1",
        user: "U1",
        text: "<@UBOT> please ask <@U2> to witness my Saturday account",
        ts: "1700000400.000100",
      },
    });
    const [command] = await core.waitForCommands(1);
    expect(command?.text).toBe("please ask @Sam Leader to witness my Saturday account");
    expect(command?.mentions).toEqual([
      { channel: "slack", userId: "U2", displayName: "Sam Leader", email: "sam@example.org" },
    ]);
    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted?.args).toMatchObject({ channel: "C1", thread_ts: "1700000400.000100" });
    // Channel conversations are not remembered as someone's DM.
    expect(
      ((await bot.conversations.get("U1", "slack")) as { channel?: string } | undefined)?.channel,
    ).not.toBe("C1");
  });

  it("passes a thread reply in a channel on (a witness answering), but not top-level chatter", async () => {
    await send(bot.url, {
      type: "event_callback",
      team_id: "T1",
      event_id: "Ev-chatter",
      event: {
        type: "message",
        channel_type: "channel",
        channel: "C1",
        user: "U2",
        text: "lunch?",
        ts: "1700000500.000100",
      },
    });
    await send(bot.url, {
      type: "event_callback",
      team_id: "T1",
      event_id: "Ev-thread",
      event: {
        type: "message",
        channel_type: "channel",
        channel: "C1",
        user: "U2",
        text: "Yes, I saw that.",
        ts: "1700000501.000100",
        thread_ts: "1700000000.000100",
      },
    });
    const [command] = await core.waitForCommands(1);
    expect(command).toMatchObject({
      eventId: "Ev-thread",
      threadId: "1700000000.000100",
      text: "Yes, I saw that.",
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(core.commands).toHaveLength(1);
  });

  it.each([
    ["group", "G1"],
    ["mpim", "G2"],
  ])(
    "treats a %s (private channel, group DM) as a channel: its thread replies go on and are answered in the thread, its chatter does not",
    async (channelType, channel) => {
      const event = (id: string, extra: Record<string, unknown>) => ({
        type: "event_callback",
        team_id: "T1",
        event_id: id,
        event: { type: "message", channel_type: channelType, channel, user: "U2", ...extra },
      });
      await send(bot.url, event(`Ev-${channelType}-chatter`, { text: "lunch?", ts: "1700000600.000100" }));
      await send(
        bot.url,
        event(`Ev-${channelType}-thread`, {
          text: "Yes, I saw that.",
          ts: "1700000601.000100",
          thread_ts: "1700000000.000100",
        }),
      );
      const [command] = await core.waitForCommands(1);
      expect(command).toMatchObject({
        eventId: `Ev-${channelType}-thread`,
        conversationId: channel,
        threadId: "1700000000.000100",
        text: "Yes, I saw that.",
      });
      const [posted] = await api.waitFor("chat.postMessage");
      expect(posted?.args).toMatchObject({ channel, thread_ts: "1700000000.000100" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(core.commands).toHaveLength(1);
      // Like a channel, and unlike a DM, it is not remembered as the person's conversation with the bot.
      expect(
        ((await bot.conversations.get("U2", "slack")) as { channel?: string } | undefined)?.channel,
      ).not.toBe(channel);
    },
  );

  it("passes an audio clip on with Slack's transcript and a download that carries the bot token", async () => {
    api.files.set("clip.webm", new Uint8Array([9, 8, 7]));
    await send(
      bot.url,
      dm("Ev-clip", "", {
        subtype: "file_share",
        files: [
          {
            id: "F1",
            name: "audio_message.webm",
            mimetype: "audio/webm",
            subtype: "slack_audio",
            url_private_download: `${api.filesUrl}clip.webm`,
            transcription: {
              status: "complete",
              preview: { content: "I helped a customer find a gift.", has_more: false },
            },
          },
        ],
      }),
    );
    const [command] = await core.waitForCommands(1);
    const file = command?.files?.[0];
    expect(file).toMatchObject({
      name: "audio_message.webm",
      mimeType: "audio/webm",
      platformTranscript: "I helped a customer find a gift.",
    });
    expect(Array.from((await file?.fetch?.()) ?? [])).toEqual([9, 8, 7]);
    expect(api.downloads.at(-1)).toEqual({ name: "clip.webm", authorization: "Bearer xoxb-test-token" });
  });

  it("runs /shiftnote progress as a text command and answers through response_url", async () => {
    const response = await send(
      bot.url,
      {
        command: "/shiftnote",
        text: "help",
        user_id: "U1",
        channel_id: "C1",
        team_id: "T1",
        trigger_id: "trigger-4",
        response_url: api.responseUrl,
      },
      { form: true },
    );
    expect(response.status).toBe(200);
    const [command] = await core.waitForCommands(1);
    expect(command).toMatchObject({ text: "help", eventId: "command:trigger-4", conversationId: "C1" });
    const until = Date.now() + 3000;
    while (api.responses.length === 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.responses[0]).toMatchObject({
      response_type: "ephemeral",
      text: "Tell me what happened on your shift.",
    });
  });

  it("sends a proactive message to a stored reference", async () => {
    await bot.channel?.sendProactive({ channel: "D1" }, { text: "Your evidence was assessed." });
    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted?.args).toMatchObject({ channel: "D1", text: "Your evidence was assessed." });
  });

  it("refuses bad input with a clean 4xx, acks unknown events, and never answers 500", async () => {
    expect((await send(bot.url, null, { raw: "{ not json" })).status).toBe(400);
    const unknownEvent = await send(bot.url, {
      type: "event_callback",
      team_id: "T1",
      event_id: "Ev-unknown",
      event: { type: "reaction_added", user: "U1", reaction: "thumbsup" },
    });
    expect(unknownEvent.status).toBe(200);
    const unknownType = await send(bot.url, { type: "something_new" });
    expect(unknownType.status).toBeLessThan(500);
    const foreignButton = await send(
      bot.url,
      {
        payload: {
          type: "block_actions",
          user: { id: "U1" },
          trigger_id: "trigger-5",
          channel: { id: "D1" },
          container: { type: "message", message_ts: "1", channel_id: "D1" },
          actions: [{ type: "button", action_id: "x", value: "not json", action_ts: "1" }],
        },
      },
      { form: true },
    );
    expect(foreignButton.status).toBe(200);
    // Bolt stops reading at its body limit and the socket is closed after the 413, so this one asks for a fresh connection.
    const huge = await send(bot.url, null, {
      raw: "x".repeat(2 * 1024 * 1024),
      headers: { connection: "close" },
    });
    expect(huge.status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(core.commands).toHaveLength(0);
  });
});

describe("Slack switched off", () => {
  it("logs one line and answers 503 when the signing secret or token is missing", async () => {
    const lines: string[] = [];
    const log: ChannelLog = {
      debug() {},
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
    };
    const core = createFakeBotCore();
    const bot = await start({ SLACK_BOT_TOKEN: "xoxb-only" }, core, log);
    try {
      expect(bot.channel).toBeUndefined();
      expect(lines).toEqual([expect.stringMatching(/^Slack is off: set SLACK_SIGNING_SECRET/)]);
      expect((await send(bot.url, dm("Ev-off", "hi"))).status).toBe(503);
      expect(core.commands).toHaveLength(0);
    } finally {
      await stop(bot.server);
    }
  });
});
