// Notices about evidence carry a button to it on the recipient's own pages: the assessor's to open it, the candidate's to read the decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotCore } from "../../src/bot/core.ts";
import type { BotCommand, BotCore, BotReply } from "../../src/bot/types.ts";
import { adaptiveCard, slackBlocks } from "../../src/cards/index.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { createPortfolio, type Portfolio } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { takeNotifications } from "../helpers/outbox-notifications.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";
const PRIYA = "priya.shah@demo.shiftnote.test";
const ACCOUNT =
  "A customer rang because her click and collect order had not arrived. I said sorry, looked it up, found it stuck at the depot, booked it on the next van and rang her back that afternoon to say it was on its way. She thanked me.";

let store: Store;
let portfolio: Portfolio;
let bot: BotCore;
let sequence = 0;
const link = (personId: string, to: string) => `https://shiftnote.test/auth/link?as=${personId}&to=${to}`;

beforeAll(async () => {
  store = await openStore("memory://");
  portfolio = createPortfolio({ store, catalogue: loadCatalogue(), mapper: (t, o) => mapEvidence(t, o) });
  await portfolio.loadDemoCentre();
  await takeNotifications(portfolio);
  bot = createBotCore({ portfolio });
});
afterAll(() => store.close());

const command = (as: string, body: Partial<BotCommand>): BotCommand => ({
  channel: "web",
  actor: { channel: "web", userId: as, email: as },
  conversationId: `c-${as}`,
  text: "",
  eventId: `n-${++sequence}`,
  ...body,
});

/** The data of the first Action.Execute with this verb in a card. */
function actionIn(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== "object") return undefined;
  const o = node as Record<string, unknown>;
  if (o.type === "Action.Execute" && o.verb === verb) return { ...(o.data as object), verb };
  for (const v of Object.values(o)) {
    const found = actionIn(v, verb);
    if (found) return found;
  }
  return undefined;
}
const card = (reply: BotReply | undefined) => (reply?.card ? adaptiveCard(reply.card.view) : undefined);
const openUrls = (json: unknown) =>
  [...JSON.stringify(json).matchAll(/"type":"Action\.OpenUrl","title":"([^"]+)","url":"([^"]+)"/g)].map(
    (m) => ({
      title: m[1],
      url: m[2],
    }),
  );

describe("notices with a button to the person's own pages", () => {
  it("gives the assessor a button to open submitted evidence, and the candidate one to read the decision", async () => {
    const drafted = await bot.handle(command(AMIRA, { text: ACCOUNT }));
    const submit = actionIn(card(drafted.replies.find((r) => r.card)), "evidence.submit");
    await bot.handle(command(AMIRA, { action: submit as BotCommand["action"] }));
    const amira = await store.people.byEmail(AMIRA);
    const priya = await store.people.byEmail(PRIYA);
    const evidence = (await store.evidence.ofCandidate(amira?.id ?? "")).at(-1);
    const page = `/pages/candidates/${amira?.id}/evidence/${evidence?.ref}`;

    const toPriya = (await takeNotifications(portfolio, link)).find((n) => n.personId === priya?.id);
    expect(toPriya?.reply.text).toBe(`Amira Hussain submitted ${evidence?.ref} for you to assess.`);
    const approval = card(toPriya?.reply);
    expect(openUrls(approval)).toEqual([
      { title: `Open ${evidence?.ref} on my pages`, url: link(priya?.id ?? "", page) },
    ]);
    // Slack's copy has the same button.
    expect(JSON.stringify(slackBlocks(toPriya?.reply.card?.view as never))).toContain(
      link(priya?.id ?? "", page),
    );

    await bot.handle(
      command(PRIYA, { action: actionIn(approval, "evidence.approve_all") as BotCommand["action"] }),
    );
    const toAmira = (await takeNotifications(portfolio, link)).find((n) => n.personId === amira?.id);
    expect(toAmira?.reply.text).toMatch(
      new RegExp(`^Priya Shah accepted all \\d+ claims on ${evidence?.ref}`),
    );
    expect(openUrls(card(toAmira?.reply))).toEqual([
      { title: `Open ${evidence?.ref} on my pages`, url: link(amira?.id ?? "", page) },
    ]);
  });
});
