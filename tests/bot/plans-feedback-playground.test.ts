// Over the playground endpoint: Priya plans Amira's assessment and gives feedback in chat; Amira signs and replies.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { AUTHENTICITY_DECLARATION } from "../../src/portfolio/index.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const TOM = "tom.reid@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.";

type Reply = { text?: string; card?: unknown; replacesCard?: boolean };
let product: Product;
let server: Server;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", HOST: "127.0.0.1" });
  product = await buildProduct(config, { log: () => {} });
  server = await listen(product.app, config);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await product?.close();
});

const send = async (as: string, body: Record<string, unknown>) =>
  (
    (await (
      await fetch(`${base}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as, ...body }),
      })
    ).json()) as { replies: Reply[] }
  ).replies;
const say = (as: string, text: string) => send(as, { text });
const act = (as: string, action: Record<string, unknown>) => send(as, { action });
const inbox = async (as: string) =>
  ((await (await fetch(`${base}/inbox?as=${encodeURIComponent(as)}`)).json()) as { replies: Reply[] })
    .replies;
const words = (replies: Reply[]) => replies.map((r) => r.text ?? "").join("\n");
const shown = (replies: Reply[]) => JSON.stringify(replies);

function verbData(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.verb === verb && n.data && typeof n.data === "object")
    return { verb, ...(n.data as Record<string, unknown>) };
  for (const value of Object.values(n)) {
    const found = verbData(value, verb);
    if (found) return found;
  }
  return undefined;
}
/** An input's prefilled value in an Adaptive Card, by its id. */
function inputValue(node: unknown, id: string): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const n = node as Record<string, unknown>;
  if (n.id === id && typeof n.type === "string" && n.type.startsWith("Input.")) return String(n.value ?? "");
  for (const value of Object.values(n)) {
    const found = inputValue(value, id);
    if (found !== undefined) return found;
  }
  return undefined;
}
const personId = async (email: string) => (await product.store.people.byEmail(email))?.id ?? "";

describe("assessment action plans in the playground", () => {
  it("help lists the plan and feedback commands for an assessor", async () => {
    const help = words(await say(PRIYA, "help"));
    expect(help).toContain('Type "plan for <candidate>"');
    expect(help).toContain('Type "feedback for <candidate> on E6');
    expect(words(await say(AMIRA, "help"))).not.toContain("plan for <candidate>");
  });

  it("plan Amira 201 Friday 10:00 at the Leeds store: the form prefilled, signed by sending, Amira signs, progress shows it", async () => {
    const formReplies = await say(PRIYA, "plan Amira 201 Friday 10:00 at the Leeds store");
    const form = formReplies.find((r) => r.card)?.card;
    expect(shown(formReplies)).toContain("Assessment action plan: Amira Hussain");
    expect(inputValue(form, "unit")).toBe("201");
    expect(inputValue(form, "venue")).toBe("Leeds store");
    expect(inputValue(form, "time")).toBe("10:00");
    const date = inputValue(form, "date") as string;
    expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBe(5);
    expect(inputValue(form, "methods")).toBe("direct_observation");
    for (const method of [
      "Direct /e-Observation",
      "Oral questioning",
      "Professional discussion",
      "Witness testimony",
      "Portfolio evidence",
      "Case study",
      "Written questions",
      "Accredited prior achievement",
      "Work products",
    ])
      expect(shown(formReplies)).toContain(method);
    // the requirements still to meet are the candidate's gaps in unit 201
    const requirements = inputValue(form, "requirements") as string;
    expect(requirements).toMatch(/^201: /);
    const make = verbData(form, "plan.make") as Record<string, unknown>;
    const filled = {
      ...make,
      unit: "201",
      skillsKnowledge: inputValue(form, "skillsKnowledge"),
      methods: "direct_observation,oral_questioning",
      venue: "Leeds store",
      date,
      time: "10:00",
      requirements,
      feedbackArrangements: "Spoken feedback straight after, in the staff room.",
    };

    // a stranger pressing the form's button hears "not found", and no plan is made
    const amira = await personId(AMIRA);
    expect(words(await act(TOM, filled))).toMatch(/can't find/i);
    expect(await product.store.actionPlans.ofCandidate(amira)).toHaveLength(0);

    await inbox(AMIRA); // what the demo centre told her before
    const sent = await act(PRIYA, filled);
    expect(words(sent)).toMatch(/^Signed and sent: Amira Hussain is asked to sign the plan/m);
    expect(shown(sent)).toContain("Confirmed by Priya Shah on ");
    expect(verbData(sent, "plan.sign")).toBeUndefined();
    const [plan] = await product.store.actionPlans.ofCandidate(amira);
    expect(plan?.methods).toEqual(["direct_observation", "oral_questioning"]);
    expect(plan?.requirements).toBe(requirements);

    // Amira gets one message, the plan with Priya's signature and Sign; only she (or Priya) may sign it
    const told = await inbox(AMIRA);
    expect(told).toHaveLength(1);
    expect(words(told)).not.toContain("has signed");
    const toSign = told.find((r) => verbData(r.card, "plan.sign"));
    expect(toSign?.text).toMatch(/^Priya Shah has planned the assessment of unit 201: .* at Leeds store/);
    expect(JSON.stringify(toSign?.card)).toContain("Confirmed by Priya Shah on ");
    expect(JSON.stringify(toSign?.card)).toContain("Evidence requirements still to meet");
    const sign = verbData(toSign?.card, "plan.sign") as Record<string, unknown>;
    expect(words(await act(TOM, sign))).toMatch(/can't find/i);
    const agreed = await act(AMIRA, sign);
    expect(words(agreed)).toMatch(/you have both agreed the plan for unit 201/);
    expect(shown(agreed)).toContain("Confirmed by Amira Hussain on ");
    expect(words(await inbox(PRIYA))).toContain(
      "Amira Hussain has signed the action plan for unit 201; you have both signed it now.",
    );
    const [day, month, year] = [date.slice(8), date.slice(5, 7), date.slice(0, 4)];
    expect(words(await say(AMIRA, "progress"))).toContain(
      `Next planned assessment: unit 201 with Priya Shah, ${day}/${month}/${year} at 10:00 at Leeds store.`,
    );
  }, 60_000);

  it("a unit not on the plan is said, and a candidate typing 'plan for …' is telling an account", async () => {
    expect(shown(await say(PRIYA, "plan for Amira 999"))).toContain(
      "Unit 999 is not on Amira Hussain's plan, so choose the unit below.",
    );
    expect(words(await say(PRIYA, "plan for Nobody"))).toMatch(/can't find that candidate/);
    expect(shown(await say(AMIRA, "plan for Amira 201 Friday"))).not.toContain("plan.make");
  });
});

describe("feedback in the playground", () => {
  it("feedback for Amira on unit 201: Amira reads it, replies (kept, Priya told), and both sign", async () => {
    const amira = await personId(AMIRA);
    const given = await say(
      PRIYA,
      "feedback for Amira on unit 201: You kept the customer informed and checked back. Next, offer a choice of solutions. Outcome: 201.1.2 shown, 201.2.3 still to show",
    );
    expect(words(given)).toMatch(/^Signed and sent to Amira Hussain/);
    expect(shown(given)).toContain("Confirmed by Priya Shah on ");
    expect(shown(given)).toContain("201.1.2 shown, 201.2.3 still to show");

    // one message: the feedback with Priya's signature, not a separate "has signed" line
    const all = await inbox(AMIRA);
    expect(all).toHaveLength(1);
    expect(words(all)).not.toContain("has signed");
    const told = all.find((r) => verbData(r.card, "feedback.reply"));
    expect(told?.text).toMatch(/^Feedback from Priya Shah on unit 201\. Read it/);
    expect(JSON.stringify(told?.card)).toContain("Confirmed by Priya Shah on ");
    expect(JSON.stringify(told?.card)).toContain("You kept the customer informed and checked back.");
    const reply = verbData(told?.card, "feedback.reply") as Record<string, unknown>;
    const sign = verbData(told?.card, "feedback.sign") as Record<string, unknown>;

    // a stranger can neither reply nor sign
    expect(words(await act(TOM, { ...reply, reply: "Not mine" }))).toMatch(/can't find/i);
    expect(words(await act(TOM, sign))).toMatch(/can't find/i);

    const replied = await act(AMIRA, { ...reply, reply: "Thank you, I will offer options next time." });
    expect(words(replied)).toContain("Your reply is kept with the feedback, and Priya Shah is told.");
    expect(verbData(replied, "feedback.reply")).toBeUndefined();
    const [kept] = await product.store.feedback.ofCandidate(amira);
    expect(kept?.reply).toBe("Thank you, I will offer options next time.");
    expect(words(await inbox(PRIYA))).toContain(
      'Amira Hussain replied to your feedback: "Thank you, I will offer options next time."',
    );

    const signed = await act(AMIRA, sign);
    expect(shown(signed)).toContain("You have both signed this feedback.");
    expect(shown(signed)).toContain("Confirmed by Amira Hussain on ");
    // the other person signing later is still told
    expect(words(await inbox(PRIYA))).toContain("Amira Hussain has signed the feedback on unit 201.");
  }, 60_000);

  it("feedback on a piece of evidence by its number; a stranger's or a missing number is not found", async () => {
    const drafted = await say(AMIRA, ACCOUNT);
    // the suggestion card says the authenticity declaration's exact wording at Submit
    expect(shown(drafted)).toContain(`By pressing Submit you declare: “${AUTHENTICITY_DECLARATION}”`);
    const submit = verbData(drafted.find((r) => r.card)?.card, "evidence.submit");
    await act(AMIRA, submit as Record<string, unknown>);
    const ref = shown(drafted).match(/Evidence (E\d+)\./)?.[1] as string;

    const given = await say(PRIYA, `feedback for Amira on ${ref}: a clear account. Outcome: ready to assess`);
    expect(shown(given)).toContain(`Feedback on ${ref}: Amira Hussain`);
    expect(words(await say(PRIYA, "feedback for Amira on E999: good. Outcome: fine"))).toMatch(/can't find/i);
    expect(words(await say(TOM, `feedback for Amira on ${ref}: good. Outcome: fine`))).not.toMatch(
      /Signed and sent/,
    );
    expect(words(await say(PRIYA, "feedback for Amira on unit 201: well done"))).toContain(
      'Add the outcome at the end, after "Outcome:"',
    );
  }, 60_000);
});
