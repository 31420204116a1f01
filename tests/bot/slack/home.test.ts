// The Slack App Home tab over signed HTTP with the real core: opening it publishes the person's own page with views.publish.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";
import { type SlackProduct, startSlackProduct } from "../../helpers/slack-product.ts";

const secret = "home-signing-secret-0123456789abcdef";
let api: FakeSlackApi;
let slack: SlackProduct;

beforeAll(async () => {
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: "amira.hussain@demo.shiftnote.test" });
  api.users.set("UGRACE", { name: "Grace Mensah", email: "grace.mensah@demo.shiftnote.test" });
  api.users.set("UPRIYA", { name: "Priya Shah", email: "priya.shah@demo.shiftnote.test" });
  api.users.set("USTRANGER", { name: "Sam Nobody", email: "sam.nobody@example.org" });
  slack = await startSlackProduct(api, secret);
});
afterAll(async () => {
  await slack.close();
  await api.close();
});

async function openHome(user: string, tab = "home") {
  const status = await slack.event(`Ev-home-${user}-${tab}-${Math.random()}`, {
    type: "app_home_opened",
    user,
    channel: `D${user}`,
    tab,
    event_ts: `${Date.now() / 1000}`,
  });
  expect(status).toBe(200);
}

const publishedFor = async (user: string, count = 1) => {
  await api.waitFor("views.publish", count, 20_000);
  const calls = api.callsTo("views.publish").filter((c) => c.args.user_id === user);
  const view = calls.at(-1)?.args.view;
  return (typeof view === "string" ? JSON.parse(view) : view) as {
    type: string;
    blocks: Array<Record<string, unknown>>;
  };
};

describe("the Slack App Home tab", () => {
  it("shows a candidate her progress, her gaps and what to aim for next", async () => {
    await openHome("UAMIRA");
    const view = await publishedFor("UAMIRA");
    expect(view.type).toBe("home");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Shiftnote for Amira Hussain");
    expect(text).toContain("Your progress and what to aim for next");
    expect(text).toContain("Progress for Amira Hussain");
    // how much is still to do, and what to aim for next
    expect(text).toMatch(/to go/);
    expect(text).toMatch(/Aim next/);
    expect(text).not.toContain("Waiting for your decision");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it("lists a candidate's last five pieces of evidence, newest first, each with its state and a link to its page", async () => {
    const before = api.callsTo("views.publish").length;
    await openHome("UAMIRA");
    const view = await publishedFor("UAMIRA", before + 1);
    const text = JSON.stringify(view.blocks);
    const at = text.indexOf("Your recent evidence");
    expect(at).toBeGreaterThan(text.indexOf("Your progress and what to aim for next"));
    const amira = (await slack.product.store.people.byEmail("amira.hussain@demo.shiftnote.test"))?.id ?? "";
    const own = (await slack.product.store.evidence.ofCandidate(amira)).filter(
      (e) => e.status !== "discarded",
    );
    const expected = own
      .map((e) => Number(e.ref.slice(1)))
      .sort((a, b) => b - a)
      .slice(0, 5)
      .map((n) => `E${n}`);
    expect(expected.length).toBeGreaterThan(0);
    const headers = view.blocks
      .filter((b) => b.type === "header")
      .map((b) => (b.text as { text: string }).text)
      .filter((t) => /^E\d+ · /.test(t));
    expect(headers.map((t) => t.split(" · ")[0])).toEqual(expected);
    for (const header of headers)
      expect(header.split(" · ")[1]).toMatch(
        /^(Draft|Waiting for assessment|Assessed|Referred back|Assessed and sampled)$/,
      );
    const buttons = view.blocks.flatMap((b) =>
      b.type === "actions" ? (b.elements as Array<{ text: { text: string }; url?: string }>) : [],
    );
    for (const ref of expected) {
      const button = buttons.find((e) => e.text.text === `Open ${ref}`);
      expect(button?.url, ref).toMatch(/\/auth\/link\?token=/);
    }
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it("shows an internal verifier what she can sample", async () => {
    const before = api.callsTo("views.publish").length;
    await openHome("UGRACE");
    const view = await publishedFor("UGRACE", before + 1);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Assessed evidence to sample");
    expect(text).not.toContain("Your recent evidence");
    expect(text).not.toContain("Waiting for your decision");
  });

  it("shows an assessor her queue, not a candidate's progress", async () => {
    const before = api.callsTo("views.publish").length;
    await openHome("UPRIYA");
    const view = await publishedFor("UPRIYA", before + 1);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Waiting for your decision");
    expect(text).not.toContain("Your progress and what to aim for next");
    expect(text).not.toContain("Your recent evidence");
  });

  it("tells someone the centre doesn't know how to get set up, and ignores the Messages tab", async () => {
    const before = api.callsTo("views.publish").length;
    await openHome("UAMIRA", "messages");
    await openHome("USTRANGER");
    const view = await publishedFor("USTRANGER", before + 1);
    expect(JSON.stringify(view.blocks)).toContain("I don't know you yet");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      api
        .callsTo("views.publish")
        .slice(before)
        .map((c) => c.args.user_id),
    ).toEqual(["USTRANGER"]);
  });
});
