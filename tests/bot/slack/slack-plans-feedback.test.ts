// Slack with the real core: Priya plans Amira's assessment, gives feedback and attaches Tom's expert statement in her
// DM; Amira signs and replies in hers, Tom signs his statement in his.
import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/app/config.ts";
import { listen } from "../../../src/app/server.ts";
import { buildProduct, type Product } from "../../../src/app/wiring.ts";
import { AUTHENTICITY_DECLARATION } from "../../../src/portfolio/index.ts";
import { type FakeSlackApi, type SlackApiCall, startFakeSlackApi } from "../../helpers/fake-slack-api.ts";

const secret = "plans-signing-secret-0123456789abcdef";
const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const ACCOUNT =
  "Lunchtime was packed and the card machine went down, so a lady at my till got upset. I apologised, explained, " +
  "and checked with my manager that I could take her payment on the back office terminal. She thanked me as she left.";

let api: FakeSlackApi;
let product: Product;
let server: Server;
let url: string;
let sequence = 0;

function sign(body: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}
async function post(body: string, contentType: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...sign(body) },
    body,
  });
  return response.status;
}

beforeAll(async () => {
  api = await startFakeSlackApi();
  api.users.set("UAMIRA", { name: "Amira Hussain", email: AMIRA });
  api.users.set("UPRIYA", { name: "Priya Shah", email: PRIYA });
  api.users.set("UTOM", { name: "Tom Reid", email: TOM });
  const config = loadConfig({
    DATABASE_URL: "memory://",
    PORT: "0",
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_API_URL: api.apiUrl,
    // the demo centre (Amira, Priya, Tom) is loaded with the playground
    SHIFTNOTE_PLAYGROUND: "1",
    SHIFTNOTE_LOG_LEVEL: "silent",
  });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await product.close();
  await api.close();
});

const CHANNEL: Record<string, string> = { UAMIRA: "DAMIRA", UPRIYA: "DPRIYA", UTOM: "DTOM" };

/** A DM from `user`; resolves with the messages posted (or updated) to their DM once the bot has answered. */
async function dm(user: string, text: string): Promise<SlackApiCall[]> {
  const before = api.callsTo("chat.postMessage").length;
  const n = ++sequence;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: `Ev-plans-${n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "message",
      channel_type: "im",
      channel: CHANNEL[user],
      user,
      text,
      ts: `${n}.1`,
      event_ts: `${n}.1`,
    },
  });
  expect(await post(body, "application/json")).toBe(200);
  const calls = await api.waitFor("chat.postMessage", before + 1, 20_000);
  return calls.slice(before).filter((c) => c.args.channel === CHANNEL[user]);
}

/** Presses a button with these input values (Slack's state.values shape); resolves with what was posted or updated. */
async function press(
  user: string,
  value: string,
  values: Record<string, unknown> = {},
): Promise<SlackApiCall[]> {
  const posted = api.callsTo("chat.postMessage").length;
  const updated = api.callsTo("chat.update").length;
  const verb = JSON.parse(value).verb as string;
  const payload = {
    type: "block_actions",
    user: { id: user },
    team: { id: "T1" },
    trigger_id: `trigger-${++sequence}`,
    response_url: api.responseUrl,
    channel: { id: CHANNEL[user] },
    container: { type: "message", message_ts: "9.1", channel_id: CHANNEL[user] },
    message: { type: "message", ts: "9.1", text: "card" },
    state: { values },
    actions: [{ type: "button", action_id: verb, block_id: "a", value, action_ts: "9.2" }],
  };
  expect(
    await post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "application/x-www-form-urlencoded",
    ),
  ).toBe(200);
  const mine = () =>
    [...api.callsTo("chat.postMessage").slice(posted), ...api.callsTo("chat.update").slice(updated)].filter(
      (c) => c.args.channel === CHANNEL[user],
    );
  // the answer in the presser's own DM (others may be told first)
  for (let i = 0; i < 100 && mine().length === 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 300));
  return mine();
}

/** The value of the button with this action id, in any posted message's blocks. */
const buttonValue = (calls: SlackApiCall[], verb: string): string | undefined =>
  JSON.stringify(calls.map((c) => c.args))
    .match(new RegExp(`"action_id":"${verb.replace(".", "\\.")}","value":"((?:[^"\\\\]|\\\\.)*)"`))?.[1]
    ?.replace(/\\"/g, '"');
const text = (calls: SlackApiCall[]) => JSON.stringify(calls.map((c) => c.args));

/** Waits for a message to `channel` whose blocks carry `verb`. */
async function cardTo(channel: string, verb: string, from: number): Promise<SlackApiCall[]> {
  for (let i = 0; i < 100; i++) {
    const calls = api
      .callsTo("chat.postMessage")
      .slice(from)
      .filter((c) => c.args.channel === channel);
    if (buttonValue(calls, verb)) return calls;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No ${verb} card to ${channel}`);
}

const personId = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";

describe("plans and feedback in Slack", () => {
  it("the plan form in Priya's DM, sent with the pickers and boxes filled; Amira signs the card in hers", async () => {
    await dm("UAMIRA", "hello"); // Amira's DM is remembered, so what she is sent reaches it
    const form = await dm("UPRIYA", "plan Amira 205 tomorrow 14:30 in the staff room");
    expect(text(form)).toContain("Assessment action plan: Amira Hussain");
    expect(text(form)).toContain('"type":"datepicker"');
    expect(text(form)).toContain('"initial_time":"14:30"');
    expect(text(form)).toContain('"initial_value":"staff room"');
    const make = buttonValue(form, "plan.make") as string;
    expect(make).toBeDefined();
    const requirements =
      text(form)
        .match(/"initial_value":"(205: [^"]*)"/)?.[1]
        ?.replace(/\\n/g, "\n") ?? "";
    const before = api.callsTo("chat.postMessage").length;
    const values = {
      unit: { "input:unit": { type: "static_select", selected_option: { value: "205" } } },
      skillsKnowledge: {
        "input:skillsKnowledge": { type: "plain_text_input", value: "Criteria of unit 205" },
      },
      methods: {
        "input:methods": {
          type: "checkboxes",
          selected_options: [{ value: "direct_observation" }, { value: "work_products" }],
        },
      },
      venue: { "input:venue": { type: "plain_text_input", value: "Staff room" } },
      date: { "input:date": { type: "datepicker", selected_date: "2099-06-01" } },
      time: { "input:time": { type: "timepicker", selected_time: "14:30" } },
      requirements: { "input:requirements": { type: "plain_text_input", value: requirements } },
      feedbackArrangements: {
        "input:feedbackArrangements": { type: "plain_text_input", value: "Straight after, face to face." },
      },
    };
    // Tom is no assessor of Amira's: his press makes nothing
    await dm("UTOM", "hello");
    expect(text(await press("UTOM", make, values))).toMatch(/can't find/i);
    const amira = await personId(AMIRA);
    expect(await product.store.actionPlans.ofCandidate(amira)).toHaveLength(0);

    const sent = await press("UPRIYA", make, values);
    expect(text(sent)).toContain("Signed and sent: Amira Hussain is asked to sign the plan");
    const [plan] = await product.store.actionPlans.ofCandidate(amira);
    expect(plan?.methods).toEqual(["direct_observation", "work_products"]);
    expect(plan?.venue).toBe("Staff room");
    expect(plan?.skillsKnowledge).toBe("Criteria of unit 205");

    const toAmira = await cardTo("DAMIRA", "plan.sign", before);
    expect(text(toAmira)).toContain("Priya Shah has planned the assessment of unit 205");
    const signed = await press("UAMIRA", buttonValue(toAmira, "plan.sign") as string);
    expect(text(signed)).toContain("you have both agreed the plan for unit 205");
    const signatures = await product.store.signatures.of([plan?.id ?? ""]);
    expect(signatures.map((s) => s.role).sort()).toEqual(["assessor", "candidate"]);
    expect(signatures.every((s) => s.channel === "slack")).toBe(true);
  }, 90_000);

  it("feedback typed in Priya's DM reaches Amira's with a reply box; her reply is kept and Priya is told", async () => {
    const before = api.callsTo("chat.postMessage").length;
    const given = await dm(
      "UPRIYA",
      "feedback for Amira on unit 205: You made the customer feel welcome. Outcome: 205.1.3 shown",
    );
    expect(text(given)).toContain("Signed and sent to Amira Hussain");
    const toAmira = await cardTo("DAMIRA", "feedback.reply", before);
    expect(text(toAmira)).toContain("You made the customer feel welcome.");
    const reply = buttonValue(toAmira, "feedback.reply") as string;
    const answered = await press("UAMIRA", reply, {
      reply: { "input:reply": { type: "plain_text_input", value: "Thanks, I will keep it up." } },
    });
    expect(text(answered)).toContain("Your reply is kept with the feedback, and Priya Shah is told.");
    const [kept] = await product.store.feedback.ofCandidate(await personId(AMIRA));
    expect(kept?.reply).toBe("Thanks, I will keep it up.");
    for (
      let i = 0;
      i < 100 && !text(api.callsTo("chat.postMessage").slice(before)).includes("replied to your feedback");
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 200));
    const toPriya = api
      .callsTo("chat.postMessage")
      .slice(before)
      .filter((c) => c.args.channel === "DPRIYA");
    expect(text(toPriya)).toContain(
      'Amira Hussain replied to your feedback: \\"Thanks, I will keep it up.\\"',
    );
    const signed = await press("UAMIRA", buttonValue(toAmira, "feedback.sign") as string);
    expect(text(signed)).toContain("You have both signed this feedback.");
  }, 90_000);

  it("the suggestion card in Slack says the authenticity declaration's exact wording above Submit", async () => {
    const drafted = await dm("UAMIRA", ACCOUNT);
    expect(text(drafted)).toContain(`By pressing Submit you declare: “${AUTHENTICITY_DECLARATION}”`);
  }, 60_000);

  it("Priya attaches Tom's expert statement to Amira's evidence; Tom signs it in his DM", async () => {
    const amira = await personId(AMIRA);
    // the centre has recorded and confirmed Tom as an expert witness for Amira's units
    const [enrolment] = await product.store.enrolments.ofCandidate(amira);
    const dana = (await product.store.people.byEmail("dana.okafor@demo.shiftnote.test"))?.id ?? "";
    const tom = await personId(TOM);
    const record = await product.portfolio.recordExpertWitness({
      actor: { personId: dana },
      personId: tom,
      position: "Team leader",
      site: "Leeds store",
      unitIds: enrolment?.unitIds ?? [],
      experienceYears: 5,
      experience: "Five years leading the customer service desk.",
      standardsKnowledge: "Trained on the Level 2 standards.",
      cpd: "Complaint handling refresher each year.",
      assessmentQualification: "Working towards the assessor award.",
    });
    await product.portfolio.signExpertWitnessRecord({ actorId: tom, expertWitnessId: record.id });
    await product.portfolio.confirmExpertWitness({ actorId: dana, expertWitnessId: record.id });
    // Amira submits an account in Slack
    const drafted = await dm("UAMIRA", ACCOUNT);
    await press("UAMIRA", buttonValue(drafted, "evidence.submit") as string);
    const filed = (await product.store.evidence.ofCandidate(amira))
      .filter((e) => e.status === "submitted")
      .at(-1);
    const ids = (filed?.claims ?? []).filter((c) => c.active && c.unitId === filed?.claims[0]?.unitId);

    const before = api.callsTo("chat.postMessage").length;
    const attached = await dm(
      "UPRIYA",
      `expert statement for Amira on ${filed?.ref} from Tom Reid: I saw Amira sort out the payment calmly. Criteria: ${ids.map((c) => c.targetId).join(", ")}`,
    );
    expect(text(attached)).toContain("Tom Reid is asked to sign it.");
    const toTom = await cardTo("DTOM", "statement.sign", before);
    expect(text(toTom)).toContain("I saw Amira sort out the payment calmly.");
    const signed = await press("UTOM", buttonValue(toTom, "statement.sign") as string);
    expect(text(signed)).toContain("Signed. Your statement");
    const statement = (await product.store.evidence.ofCandidate(amira)).find((e) => e.source === "witness");
    const kept = await product.store.expertWitnesses.statementOfEvidence(statement?.id ?? "");
    const signatures = await product.store.signatures.of([kept?.id ?? ""]);
    expect(signatures.map((s) => [s.personId, s.role, s.channel])).toEqual([[tom, "witness", "slack"]]);
  }, 90_000);
});
