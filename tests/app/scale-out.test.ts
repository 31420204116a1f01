// Two instances on one PostgreSQL: the same message or Slack event, the same card action and rival decisions through both do the work once, and each notification is delivered once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "../../src/app/wiring.ts";
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from "../helpers/fake-slack-api.ts";
import { type SlackProduct, startSlackProduct, until } from "../helpers/slack-product.ts";
import { createPostgresDatabase, testBackends } from "../store/backends.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her parcel was lost. I checked the tracking, apologised, explained what had happened and arranged a replacement on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

const SECOND_ACCOUNT =
  "On Saturday the queue went out of the door when one till broke. I opened the spare till, told people in the queue how long it would be, and called a colleague from the stockroom to pack bags. Nobody left without buying.";
const SECRET = "scale-signing-secret-0123456789abcdef";

const postgres = (await testBackends()).find((b) => b.name === "postgresql");

type Instance = SlackProduct;

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

/** The value of the first button in a Slack message's blocks whose verb is `verb`. */
function buttonIn(call: SlackApiCall | undefined, verb: string): Record<string, unknown> | undefined {
  const blocks = call?.args.blocks;
  const list = typeof blocks === "string" ? (JSON.parse(blocks) as unknown[]) : (blocks as unknown[]);
  for (const block of list ?? []) {
    for (const element of (block as { elements?: Array<{ type?: string; value?: string }> }).elements ?? []) {
      if (element.type !== "button" || !element.value) continue;
      const value = JSON.parse(element.value) as Record<string, unknown>;
      if (value.verb === verb) return value;
    }
  }
  return undefined;
}

/** Gives deliveries that should be dropped the time to be (wrongly) answered before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

const dm = (user: string, text: string, ts: string) => ({
  type: "message",
  channel_type: "im",
  channel: `D${user.slice(1)}`,
  user,
  text,
  ts,
});
const RETRY = (num: number) => ({ "x-slack-retry-num": String(num), "x-slack-retry-reason": "http_timeout" });

describe.skipIf(!postgres || postgres.skip !== undefined)("two instances on one PostgreSQL", () => {
  const instances: Instance[] = [];
  let drop = async () => {};
  let api: FakeSlackApi;

  beforeAll(async () => {
    const db = await createPostgresDatabase("shiftnote_scale");
    drop = db.drop;
    // Both instances talk to one Slack workspace (the fake Web API) with the same signing secret.
    api = await startFakeSlackApi();
    api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
    api.users.set("UPRIYA", { name: "Priya Shah", email: PRIYA });
    // One after the other: the first loads the demo centre into the empty database, the second finds it there.
    for (let i = 0; i < 2; i++)
      instances.push(await startSlackProduct(api, SECRET, { DATABASE_URL: db.url, HOST: "127.0.0.1" }));
  }, 180_000);
  afterAll(async () => {
    for (const i of instances) await i.close();
    await api?.close();
    await drop();
  });

  const post = async (i: Instance, body: unknown, key?: string) => {
    const res = await fetch(`${i.base}/playground/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { replies: Array<{ text?: string; card?: unknown }> };
  };
  const both = <T>(work: (i: Instance) => Promise<T>) => Promise.all(instances.map(work));
  const store = () => instances[0]?.product.store as Product["store"];

  it("files one draft, submits it once and records one decision, whichever instance is asked", async () => {
    const amira = await store().people.byEmail(AMIRA);
    const priya = await store().people.byEmail(PRIYA);
    if (!amira || !priya) throw new Error("no demo people");
    const before = (await store().evidence.ofCandidate(amira.id)).length;

    // The same message (one event id) to both at once.
    const filed = await both((i) => post(i, { as: AMIRA, text: ACCOUNT }, "scale-draft-1"));
    const mine = (await store().evidence.ofCandidate(amira.id)).filter(
      (e) => e.status === "draft" && e.text === ACCOUNT,
    );
    expect((await store().evidence.ofCandidate(amira.id)).length).toBe(before + 1);
    expect(mine).toHaveLength(1);
    const submit = actionIn(
      filed[0]?.replies.map((r) => r.card),
      "evidence.submit",
    );
    expect(submit).toBeDefined();

    // The same card action to both at once (one press, delivered twice), then a second press through both.
    await both((i) => post(i, { as: AMIRA, action: submit }, "scale-submit-1"));
    await both((i) => post(i, { as: AMIRA, action: submit }));
    const submitted = await store().evidence.byId(String(submit?.evidenceId));
    expect(submitted?.status).toBe("submitted");
    const trail = await store().audit.forEntity("evidence", String(submit?.evidenceId));
    expect(trail.filter((t) => t.action === "evidence.submitted")).toHaveLength(1);

    // Priya decides through both at once (two presses): one decision.
    const opened = await post(instances[1] as Instance, {
      as: PRIYA,
      action: { verb: "evidence.open", evidenceId: submitted?.id, version: submitted?.version },
    });
    const decide = actionIn(opened.replies[0]?.card, "evidence.decide");
    expect(decide).toBeDefined();
    const inputs = Object.fromEntries(
      (submitted?.claims ?? []).filter((c) => c.active).map((c) => [`decision:${c.id}`, "accept"]),
    );
    await both((i) => post(i, { as: PRIYA, action: { ...decide, ...inputs } }));
    const decided = await store().evidence.byId(String(submit?.evidenceId));
    expect(decided?.status).toBe("assessed");
    expect(decided?.decisions).toHaveLength(1);

    // Both deliver at once: every notification is delivered, each once.
    await both((i) => i.product.delivery.flush());
    await both((i) => i.product.delivery.flush());
    expect(await instances[0]?.product.portfolio.outbox.pending(50, 5)).toEqual([]);
    const amiraInbox = await store().channelState.recentOutbox(amira.id, "web", 100);
    const priyaInbox = await store().channelState.recentOutbox(priya.id, "web", 100);
    // By the words of each message ("… submitted E6 for you to assess"): the bare ref searched in the whole
    // row also turned up, now and then, inside another message's random sign-in token.
    const names = new RegExp(`\\b${decided?.ref ?? "no ref"}\\b`);
    const about = (rows: unknown[]) =>
      rows.filter((r) => names.test((r as { payload?: { text?: string } }).payload?.text ?? ""));
    // Priya was told once that it was submitted; Amira once that it was assessed.
    expect(about(priyaInbox)).toHaveLength(1);
    expect(about(amiraInbox)).toHaveLength(1);
  }, 180_000);
  it("answers a Slack event once, whichever instances it reaches and however often, and a press once", async () => {
    const [a, b] = instances as [Instance, Instance];
    const amira = await store().people.byEmail(AMIRA);
    const priya = await store().people.byEmail(PRIYA);
    if (!amira || !priya) throw new Error("no demo people");
    // Priya and Amira say hello, one on each instance, so both are linked and their DMs remembered.
    expect(await a.event("Ev-scale-hello-priya", dm("UPRIYA", "help", "1.1"))).toBe(200);
    expect(await b.event("Ev-scale-hello-amira", dm("UAMIRA", "help", "1.2"))).toBe(200);
    await until(() => store().channelState.reference(priya.id, "slack"), "Priya's DM");
    await until(() => store().channelState.reference(amira.id, "slack"), "Amira's DM");

    const posts = () => api.callsTo("chat.postMessage");
    const cards = (channel: string, verb: string) =>
      posts().filter((c) => c.args.channel === channel && buttonIn(c, verb));
    const drafts = async () =>
      (await store().evidence.ofCandidate(amira.id)).filter((e) => e.status === "draft");
    const draftsBefore = (await drafts()).length;
    const cardsBefore = cards("DAMIRA", "evidence.submit").length;

    // One event delivered to both instances at once, then Slack's retries of it to each after it was answered.
    await Promise.all([a, b].map((i) => i.event("Ev-scale-account-1", dm("UAMIRA", ACCOUNT, "2.1"))));
    await until(() => cards("DAMIRA", "evidence.submit").length > cardsBefore || undefined, "the first card");
    await settle();
    expect(await b.event("Ev-scale-account-1", dm("UAMIRA", ACCOUNT, "2.1"), RETRY(1))).toBe(200);
    expect(await a.event("Ev-scale-account-1", dm("UAMIRA", ACCOUNT, "2.1"), RETRY(2))).toBe(200);
    await settle();
    expect(cards("DAMIRA", "evidence.submit").length).toBe(cardsBefore + 1);
    expect((await drafts()).length).toBe(draftsBefore + 1);

    // Another event, one instance after the other (as a balancer resending it would), then a retry.
    await b.event("Ev-scale-account-2", dm("UAMIRA", SECOND_ACCOUNT, "2.2"));
    await until(
      () => cards("DAMIRA", "evidence.submit").length > cardsBefore + 1 || undefined,
      "the second card",
    );
    expect(await a.event("Ev-scale-account-2", dm("UAMIRA", SECOND_ACCOUNT, "2.2"))).toBe(200);
    expect(await b.event("Ev-scale-account-2", dm("UAMIRA", SECOND_ACCOUNT, "2.2"), RETRY(1))).toBe(200);
    await settle();
    const amiraCards = cards("DAMIRA", "evidence.submit").slice(cardsBefore);
    expect(amiraCards).toHaveLength(2);
    expect((await drafts()).length).toBe(draftsBefore + 2);

    // Amira presses Submit on the first card; the press reaches both instances at once.
    const card = amiraCards[0];
    const submit = buttonIn(card, "evidence.submit");
    const evidenceId = String(submit?.evidenceId);
    const press = (
      triggerId: string,
      user: string,
      channel: string,
      on: SlackApiCall | undefined,
      value: unknown,
    ) => ({
      type: "block_actions",
      user: { id: user },
      team: { id: "T1" },
      trigger_id: triggerId,
      response_url: api.responseUrl,
      channel: { id: channel },
      container: { type: "message", message_ts: on?.result?.ts, channel_id: channel },
      message: { type: "message", ts: on?.result?.ts, text: "evidence" },
      state: { values: {} },
      actions: [
        {
          type: "button",
          action_id: String((value as { verb: string }).verb),
          block_id: "a",
          value: JSON.stringify(value),
          action_ts: "3.1",
        },
      ],
    });
    const beforePress = posts().length;
    await Promise.all(
      [a, b].map((i) => i.interaction(press("scale-t-submit", "UAMIRA", "DAMIRA", card, submit))),
    );
    await until(
      async () => (await store().evidence.byId(evidenceId))?.status === "submitted" || undefined,
      "the submit",
    );
    const trail = () => store().audit.forEntity("evidence", evidenceId);
    expect((await trail()).filter((t) => t.action === "evidence.submitted")).toHaveLength(1);

    // Both deliver at once: Priya's decision card reaches her DM once.
    await Promise.all([a, b].map((i) => i.product.delivery.flush()));
    await Promise.all([a, b].map((i) => i.product.delivery.flush()));
    await settle();
    const toPriya = cards("DPRIYA", "evidence.approve_all").filter(
      (c) => buttonIn(c, "evidence.approve_all")?.evidenceId === evidenceId,
    );
    expect(toPriya).toHaveLength(1);
    // What the press answered Amira with was posted once, not once per instance.
    const answers = posts()
      .slice(beforePress)
      .filter((c) => c.args.channel === "DAMIRA")
      .map((c) => JSON.stringify(c.args));
    expect(new Set(answers).size).toBe(answers.length);

    // Priya accepts it all from her DM card; the press reaches both instances at once: one decision.
    const beforeDecision = posts().length;
    const approve = buttonIn(toPriya[0], "evidence.approve_all");
    await Promise.all(
      [a, b].map((i) => i.interaction(press("scale-t-decide", "UPRIYA", "DPRIYA", toPriya[0], approve))),
    );
    await until(
      async () => (await store().evidence.byId(evidenceId))?.status === "assessed" || undefined,
      "the decision",
    );
    expect((await store().evidence.byId(evidenceId))?.decisions).toHaveLength(1);
    expect((await trail()).filter((t) => t.action === "evidence.assessed")).toHaveLength(1);

    // Amira is told once, in her DM; nothing is left waiting.
    await Promise.all([a, b].map((i) => i.product.delivery.flush()));
    await Promise.all([a, b].map((i) => i.product.delivery.flush()));
    await settle();
    expect(await a.product.portfolio.outbox.pending(50, 5)).toEqual([]);
    const ref = (await store().evidence.byId(evidenceId))?.ref ?? "no ref";
    const toldAmira = posts()
      .slice(beforeDecision)
      .filter((c) => c.args.channel === "DAMIRA" && JSON.stringify(c.args).includes(ref));
    expect(toldAmira).toHaveLength(1);
  }, 180_000);
});
