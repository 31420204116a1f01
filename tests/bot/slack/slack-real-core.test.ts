// Slack end to end with the real bot core and embedded database: retried events file one piece of evidence, buttons act.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "../../../src/app/wiring.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";
import { type SlackProduct, slackEventBody, startSlackProduct } from "../../helpers/slack-product.ts";

const secret = "e2e-signing-secret-0123456789abcdef";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "Lunchtime was packed and the card machine went down, so a lady at my till got upset. I apologised, explained, " +
  "and checked with my manager that I could take her payment on the back office terminal. She thanked me as she left.";

let api: FakeSlackApi;
let slack: SlackProduct;
let product: Product;

const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
  slack.post(body, contentType, headers);

async function evidenceOfAmira() {
  const amira = await product.store.people.byEmail(AMIRA);
  return product.store.evidence.ofCandidate(amira?.id ?? "");
}

beforeAll(async () => {
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  api.users.set("UPRIYA", { name: "Priya Shah", email: PRIYA });
  slack = await startSlackProduct(api, secret);
  product = slack.product;
});
afterAll(async () => {
  await slack.close();
  await api.close();
});

const dm = (eventId: string, user: string, channel: string, text: string) =>
  slackEventBody(eventId, { type: "message", channel_type: "im", channel, user, text, ts: "1.1" });

describe("Slack with the real core", () => {
  it("brings the assessor a new submission in her Slack DM, from the reference kept when she first wrote", async () => {
    // Priya says hello once: she is linked by email and her DM is remembered (in the database).
    expect(await post(dm("Ev-priya-hello", "UPRIYA", "DPRIYA", "help"), "application/json")).toBe(200);
    await api.waitFor("chat.postMessage", 1, 20_000);
    for (let i = 0; i < 40 && !(await product.store.people.byChatIdentity("slack", "UPRIYA")); i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const priya = await product.store.people.byEmail(PRIYA);
    for (let i = 0; i < 40 && !(await product.store.channelState.reference(priya?.id ?? "", "slack")); i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await product.store.channelState.reference(priya?.id ?? "", "slack")).toBeTruthy();

    // Amira files evidence in the playground; the approval card goes to Priya's Slack DM.
    const before = api.callsTo("chat.postMessage").length;
    const playground = `${slack.base}/playground/api/messages`;
    const send = (body: unknown) =>
      fetch(playground, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const drafted = (await send({ as: AMIRA, text: ACCOUNT })) as { replies: Array<{ card?: unknown }> };
    const card = JSON.stringify(drafted.replies.find((r) => r.card)?.card);
    const submit = JSON.parse(card.match(/"verb":"evidence\.submit","data":(\{[^}]*\})/)?.[1] ?? "{}");
    await send({ as: AMIRA, action: submit });
    const calls = await api.waitFor("chat.postMessage", before + 1, 20_000);
    const toPriya = calls.slice(before).find((c) => c.args.channel === "DPRIYA");
    expect(JSON.stringify(toPriya?.args)).toContain("evidence.decide");
  });

  it("files one piece of evidence for an event Slack delivers three times, and Submit files it", async () => {
    const before = (await evidenceOfAmira()).length;
    const postsBefore = api.callsTo("chat.postMessage").length;
    const event = slackEventBody("Ev-real-1", {
      type: "message",
      channel_type: "im",
      channel: "DAMIRA",
      user: "UAMIRA",
      text: ACCOUNT,
      ts: "1.1",
    });
    expect(await post(event, "application/json")).toBe(200);
    expect(
      await post(event, "application/json", {
        "x-slack-retry-num": "1",
        "x-slack-retry-reason": "http_error",
      }),
    ).toBe(200);
    expect(
      await post(event, "application/json", {
        "x-slack-retry-num": "2",
        "x-slack-retry-reason": "http_error",
      }),
    ).toBe(200);
    const posted = (await api.waitFor("chat.postMessage", postsBefore + 1, 20_000)).slice(postsBefore);
    // Let the retries finish their (idempotent) work before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await evidenceOfAmira();
    expect(after.length).toBe(before + 1);
    const draft = after.at(-1);
    expect(draft?.status).toBe("draft");
    expect(JSON.stringify(posted.find((c) => c.args.channel === "DAMIRA")?.args)).toContain(
      "evidence.submit",
    );

    const payload = {
      type: "block_actions",
      user: { id: "UAMIRA" },
      team: { id: "T1" },
      trigger_id: "t1",
      response_url: api.responseUrl,
      channel: { id: "DAMIRA" },
      container: { type: "message", message_ts: "1.2", channel_id: "DAMIRA" },
      message: { type: "message", ts: "1.2", text: "Suggested evidence" },
      state: { values: {} },
      actions: [
        {
          type: "button",
          action_id: "evidence.submit",
          block_id: "evidence_actions",
          value: JSON.stringify({ verb: "evidence.submit", evidenceId: draft?.id, version: draft?.version }),
          action_ts: "1.3",
        },
      ],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(await post(form, "application/x-www-form-urlencoded")).toBe(200);
    for (let i = 0; i < 40; i++) {
      if ((await product.store.evidence.byId(draft?.id ?? ""))?.status === "submitted") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await product.store.evidence.byId(draft?.id ?? ""))?.status).toBe("submitted");
    // The Slack user is now linked to Amira, and nothing was stored for anyone else.
    expect((await product.store.people.byChatIdentity("slack", "UAMIRA"))?.email).toBe(AMIRA);
  });
});
