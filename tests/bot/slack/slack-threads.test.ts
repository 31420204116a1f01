// Slack, signed, with the real core: a plain reply under an evidence card becomes testimony; other threads are ignored; shortcuts file a message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "../../../src/app/wiring.ts";
import { SHORTCUTS } from "../../../src/bot/slack/shortcuts.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";
import { type SlackProduct, startSlackProduct, until } from "../../helpers/slack-product.ts";

const secret = "threads-signing-secret-0123456789abcdef";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const ACCOUNT =
  "Lunchtime was packed and the card machine went down, so a lady at my till got upset. I apologised, explained, " +
  "and checked with my manager that I could take her payment on the back office terminal. She thanked me as she left.";
const OTHER_ACCOUNT =
  "A customer rang because his parcel had not arrived. I listened, checked the tracking with him, said sorry for " +
  "the wait and arranged a replacement for the next day. He said he was pleased I had sorted it so quickly.";

let api: FakeSlackApi;
let slack: SlackProduct;
let product: Product;

const event = (eventId: string, event: Record<string, unknown>) => slack.event(eventId, event);
const interaction = (payload: Record<string, unknown>) => slack.interaction(payload);

const postsSince = (before: number) => api.callsTo("chat.postMessage").slice(before);
const personOf = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";

beforeAll(async () => {
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  api.users.set("UTOM", { name: "Tom Reid", email: TOM });
  api.users.set("USAM", { name: "Sam Walsh", email: "sam.walsh@demo.shiftnote.test" });
  api.users.set("UPRIYA", { name: "Priya Shah", email: "priya.shah@demo.shiftnote.test" });
  api.users.set("ULEO", { name: "Leo Carter", email: "leo.carter@demo.shiftnote.test" });
  slack = await startSlackProduct(api, secret);
  product = slack.product;
});
afterAll(async () => {
  await slack.close();
  await api.close();
});

describe("Slack threads: a team leader's plain reply under the evidence", () => {
  let evidenceId = "";
  let cardThread = "";

  it("answers an account in the channel with the card in its thread, and Amira asks Tom to witness", async () => {
    const before = api.callsTo("chat.postMessage").length;
    // Amira writes her account in the team channel, mentioning the bot: the card goes into the thread of her post.
    await event("Ev-th-1", {
      type: "app_mention",
      channel: "CTEAM",
      channel_type: "channel",
      user: "UAMIRA",
      text: `<@UBOT> ${ACCOUNT}`,
      ts: "100.1",
    });
    const card = await until(
      () => postsSince(before).find((c) => JSON.stringify(c.args).includes("evidence.submit")),
      "the suggestion card",
    );
    expect(card.args.channel).toBe("CTEAM");
    expect(card.args.thread_ts).toBe("100.1");
    cardThread = "100.1";
    const drafts = await product.store.evidence.ofCandidate(await personOf(AMIRA));
    evidenceId = drafts.at(-1)?.id ?? "";
    expect(evidenceId).not.toBe("");

    const asked = api.callsTo("chat.postMessage").length;
    await event("Ev-th-2", {
      type: "message",
      channel: "DAMIRA",
      channel_type: "im",
      user: "UAMIRA",
      text: "ask Tom Reid to witness",
      ts: "101.1",
    });
    await until(
      () => postsSince(asked).find((c) => String(c.args.text).includes("asked Tom Reid")),
      "the witness request",
    );
  });

  it("turns Tom's reply in the thread, with no mention, into the witness card with his words, and Send files it", async () => {
    const before = api.callsTo("chat.postMessage").length;
    const words =
      "I was on the next till. Amira stayed calm, said sorry and sorted the payment in the back office.";
    await event("Ev-th-3", {
      type: "message",
      channel: "CTEAM",
      channel_type: "channel",
      user: "UTOM",
      text: words,
      ts: "102.1",
      thread_ts: cardThread,
    });
    const confirm = await until(
      () => postsSince(before).find((c) => JSON.stringify(c.args).includes("witness.testify")),
      "the confirm card",
    );
    // In the thread, with Tom's words already in the box, and nothing kept yet.
    expect(confirm.args.thread_ts).toBe(cardThread);
    expect(String(confirm.args.text)).toMatch(/Nothing is kept until you do/);
    expect(JSON.stringify(confirm.args.blocks)).toContain(JSON.stringify(words).slice(1, -1));
    const request = await product.store.witnesses.byEvidenceAndWitness(evidenceId, await personOf(TOM));
    expect(request?.status).toBe("pending");

    // Tom chooses his status, says how he works with Amira, ticks the declaration and presses Send.
    const evidence = await product.store.evidence.header(evidenceId);
    const button = JSON.stringify({ verb: "witness.testify", evidenceId, version: evidence?.version });
    await interaction({
      type: "block_actions",
      user: { id: "UTOM" },
      team: { id: "T1" },
      trigger_id: "th-send",
      response_url: api.responseUrl,
      channel: { id: "CTEAM" },
      container: { type: "message", message_ts: "900.1", channel_id: "CTEAM" },
      message: { type: "message", ts: "900.1", thread_ts: cardThread, text: "Witness", blocks: [] },
      state: {
        values: {
          statusCategory: {
            "input:statusCategory": { type: "static_select", selected_option: { value: "3" } },
          },
          relationship: { "input:relationship": { type: "plain_text_input", value: "Team leader" } },
          declaration: {
            "input:declaration": { type: "checkboxes", selected_options: [{ value: "true" }] },
          },
          testimony: { "input:testimony": { type: "plain_text_input", value: words } },
        },
      },
      actions: [
        { type: "button", action_id: "witness.testify", block_id: "w", value: button, action_ts: "1" },
      ],
    });
    const given = await until(async () => {
      const r = await product.store.witnesses.byEvidenceAndWitness(evidenceId, await personOf(TOM));
      return r?.status === "given" ? r : undefined;
    }, "the testimony");
    expect(given.testimony?.text).toBe(words);
    expect(given.testimony?.relationship).toBe("Team leader");
  });

  it("tells someone who was not asked how to be asked, and the assessor why not, keeping neither reply", async () => {
    const before = api.callsTo("chat.postMessage").length;
    await event("Ev-th-4", {
      type: "message",
      channel: "CTEAM",
      channel_type: "channel",
      user: "USAM",
      text: "Yes, I saw that too, she was brilliant.",
      ts: "103.1",
      thread_ts: cardThread,
    });
    await event("Ev-th-5", {
      type: "message",
      channel: "CTEAM",
      channel_type: "channel",
      user: "UPRIYA",
      text: "I saw it and she did well.",
      ts: "103.2",
      thread_ts: cardThread,
    });
    // Only the answers in the thread: delivery may post the earlier testimony's news to Amira's DM meanwhile.
    const replies = await until(() => {
      const texts = postsSince(before)
        .filter((c) => c.args.channel === "CTEAM")
        .map((c) => String(c.args.text))
        .join("\n");
      return /ask Sam Walsh/.test(texts) && /assessor/.test(texts) ? texts : undefined;
    }, "both replies in the thread");
    expect(replies).toMatch(/Only a witness the candidate has asked.*ask Sam Walsh to witness/);
    expect(replies).toMatch(/as the candidate's assessor you can't also be a witness/);
    for (const email of ["sam.walsh@demo.shiftnote.test", "priya.shah@demo.shiftnote.test"])
      expect(
        await product.store.witnesses.byEvidenceAndWitness(evidenceId, await personOf(email)),
      ).toBeNull();
  });

  it("ignores a reply in a thread that is not an evidence card's, and keeps nothing of who wrote it", async () => {
    const before = api.callsTo("chat.postMessage").length;
    await event("Ev-th-6", {
      type: "message",
      channel: "CTEAM",
      channel_type: "channel",
      user: "ULEO",
      text: "Who is on the late shift on Friday?",
      ts: "104.2",
      thread_ts: "104.1",
    });
    // A DM from Amira afterwards is answered: by then the thread reply would have been too.
    await event("Ev-th-7", {
      type: "message",
      channel: "DAMIRA",
      channel_type: "im",
      user: "UAMIRA",
      text: "help",
      ts: "104.3",
    });
    await until(() => postsSince(before).find((c) => c.args.channel === "DAMIRA"), "the help reply");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postsSince(before).filter((c) => c.args.channel === "CTEAM")).toEqual([]);
    // Leo was never linked: nothing of his message or of him was stored.
    expect(await product.store.people.byChatIdentity("slack", "ULEO")).toBeNull();
  });
});

describe("Slack shortcuts: File as evidence on a message", () => {
  const shortcut = (callbackId: string, userId: string, author: string, trigger: string) =>
    interaction({
      type: "message_action",
      callback_id: callbackId,
      trigger_id: trigger,
      response_url: api.responseUrl,
      team: { id: "T1" },
      user: { id: userId },
      channel: { id: "CTEAM" },
      message_ts: "200.1",
      message: { type: "message", user: author, text: OTHER_ACCOUNT, ts: "200.1" },
    });

  it("files the text of Amira's own message and sends her the suggestion card in her DM", async () => {
    const amira = await personOf(AMIRA);
    const count = (await product.store.evidence.ofCandidate(amira)).length;
    const before = api.callsTo("chat.postMessage").length;
    expect(await shortcut(SHORTCUTS.fileMessage, "UAMIRA", "UAMIRA", "sc-1")).toBe(200);
    const card = await until(
      () => postsSince(before).find((c) => JSON.stringify(c.args).includes("evidence.submit")),
      "the suggestion card",
    );
    // chat.postMessage to the user id posts in her DM with Shiftnote.
    expect(card.args.channel).toBe("UAMIRA");
    const after = await product.store.evidence.ofCandidate(amira);
    expect(after.length).toBe(count + 1);
    expect(after.at(-1)?.text).toBe(OTHER_ACCOUNT);
  });

  it("tells Tom kindly that only Amira can file her message, and files nothing", async () => {
    const amira = await personOf(AMIRA);
    const count = (await product.store.evidence.ofCandidate(amira)).length;
    const before = api.callsTo("chat.postMessage").length;
    expect(await shortcut(SHORTCUTS.fileMessage, "UTOM", "UAMIRA", "sc-2")).toBe(200);
    const told = await until(() => postsSince(before).find((c) => c.args.channel === "UTOM"), "the answer");
    expect(String(told.args.text)).toMatch(
      /That message is Amira Hussain's, and only they can file it as their own evidence, so I haven't kept it/,
    );
    expect((await product.store.evidence.ofCandidate(amira)).length).toBe(count);
  });

  it("Ask a witness files the message and asks who saw it", async () => {
    const before = api.callsTo("chat.postMessage").length;
    expect(await shortcut(SHORTCUTS.witnessMessage, "UAMIRA", "UAMIRA", "sc-3")).toBe(200);
    const ask = await until(
      () => postsSince(before).find((c) => String(c.args.text).startsWith("Who saw this?")),
      "the question",
    );
    expect(ask.args.channel).toBe("UAMIRA");
  });

  it("the global shortcut opens a form, and what is written in it is filed", async () => {
    const amira = await personOf(AMIRA);
    const count = (await product.store.evidence.ofCandidate(amira)).length;
    await interaction({
      type: "shortcut",
      callback_id: SHORTCUTS.fileGlobal,
      trigger_id: "sc-4",
      team: { id: "T1" },
      user: { id: "UAMIRA" },
    });
    const opened = await until(
      () => api.callsTo("views.open").find((c) => c.args.trigger_id === "sc-4"),
      "views.open",
    );
    const view = (typeof opened.args.view === "string" ? JSON.parse(opened.args.view) : opened.args.view) as {
      callback_id: string;
    };
    await interaction({
      type: "view_submission",
      team: { id: "T1" },
      user: { id: "UAMIRA" },
      view: {
        id: "V-form",
        callback_id: view.callback_id,
        state: { values: { account: { account_text: { type: "plain_text_input", value: ACCOUNT } } } },
      },
    });
    await until(
      async () => (await product.store.evidence.ofCandidate(amira)).length > count || undefined,
      "a draft",
    );
  });
});
