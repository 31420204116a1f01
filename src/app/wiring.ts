// Wiring: opens the store, builds the portfolio and the bot core, mounts the channels and pages, and starts delivery.
import type { Express } from "express";
import { portfolioConversationReferences } from "../bot/conversation-references.ts";
import { createBotCore } from "../bot/core.ts";
import { refreshAudience } from "../bot/refresh-audience.ts";
import { portfolioCardCopies } from "../bot/slack/card-copies.ts";
import { portfolioDeliveries } from "../bot/slack/delivered-events.ts";
import { mountSlack } from "../bot/slack/mount.ts";
import { teamsMode } from "../bot/teams/mode.ts";
import { mountTeams } from "../bot/teams/mount.ts";
import { teamsTabLink } from "../bot/teams/tab-link.ts";
import type { BotCore } from "../bot/types.ts";
import { mountPlayground, playgroundEnabled } from "../bot/web/playground.ts";
import { localModeRefusal } from "../core/loopback.ts";
import { mapEvidence } from "../mapping/offline.ts";
import { createPortfolio, type Portfolio } from "../portfolio/index.ts";
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { openStore, type Store } from "../store/store.ts";
import { chatTranscriber } from "../voice/chat-transcriber.ts";
import { mountPages } from "../web/pages.ts";
import { signLink, signLinkToken } from "../web/signed-link.ts";
import type { Config } from "./config.ts";
import { type Delivery, type DeliveryChannels, startDelivery } from "./delivery.ts";
import { evidenceFiles } from "./evidence-files.ts";
import { mountLocalOnlyGuard } from "./local-only.ts";
import { chooseMapper } from "./mapper.ts";
import { startPlanReminders } from "./plan-reminders.ts";
import { createApp } from "./server.ts";

export interface Product {
  app: Express;
  /** The store under the portfolio, for tests that look at what was written (the product itself uses the façade). */
  store: Store;
  portfolio: Portfolio;
  core: BotCore;
  catalogue: Catalogue;
  playground: boolean;
  /** Sends what the outbox holds; channels mounted outside the product can be added to `channels`. */
  delivery: Delivery;
  channels: DeliveryChannels;
  close(): Promise<void>;
}

/** Builds everything `npm start` serves; the caller listens. Loads the demo centre into an empty local database. */
export async function buildProduct(
  config: Config,
  options: { log?: (line: string) => void } = {},
): Promise<Product> {
  const log = options.log ?? ((line) => console.log(line));
  const catalogue = loadCatalogue();
  const store = await openStore(config.DATABASE_URL);
  const mapper = chooseMapper(config, log);
  if (mapper.name === "llm") log("Suggestions are re-ranked by the LLM mapper (OPENAI_API_KEY is set).");
  const portfolio = createPortfolio({
    store,
    catalogue,
    mapper: mapper.map,
    files: evidenceFiles(config.SHIFTNOTE_FILES_DIR),
    filesDir: config.SHIFTNOTE_FILES_DIR,
  });
  const playground = playgroundEnabled(config);
  const refusal = localModeRefusal(config);
  if (refusal) log(refusal);
  if (playground && (await portfolio.isEmpty())) {
    const people = await portfolio.loadDemoCentre();
    log(`Loaded the demo centre (${people.length} people) into the empty database.`);
  }
  // Microsoft's Agents Playground speaks as its own default user: make it a demo person, so no admin step is needed.
  if (playground && teamsMode(config).kind === "anonymous") {
    const as = await portfolio.linkAgentsPlaygroundUser();
    if (as) log(`The Agents Playground's default user (Alex Wilber) speaks as ${as}.`);
  }
  const portfolioLink = (personId: string, to?: string) => signLink(personId, config, 1800, to ? { to } : {});
  // The Teams app's id is the bot's (the manifest's `id`): the tab's deep links need it.
  const teamsAppId = config.TEAMS_CLIENT_ID;
  const core = createBotCore({
    portfolio,
    portfolioLink,
    ...(teamsAppId
      ? { tabLink: (personId: string) => teamsTabLink(teamsAppId, signLinkToken(personId, config)) }
      : {}),
    transcribe: chatTranscriber(config),
  });
  const conversations = portfolioConversationReferences(portfolio);
  const channels: DeliveryChannels = {};
  // Whatever changes a portfolio (a bot turn, a page, the command line) leaves its notifications in the outbox.
  const delivery = startDelivery({ portfolio, channels, log, portfolioLink });
  const afterTurn = () => delivery.flush();
  const reminders = startPlanReminders({ portfolio, log, afterRun: afterTurn });

  const app = createApp({
    config,
    catalogue,
    mount: [
      (a) => {
        if (playground) mountLocalOnlyGuard(a);
      },
      (a) => {
        const teams = mountTeams(a, {
          config,
          core,
          conversations,
          afterTurn,
          cardCopies: { record: (copy) => portfolio.channels.recordCopy("teams", copy) },
          refreshAudience: refreshAudience(portfolio, "teams"),
        });
        if (teams) channels.teams = teams;
      },
      (a) => {
        const slack = mountSlack(a, {
          config,
          core,
          conversations,
          cardCopies: portfolioCardCopies(portfolio),
          deliveries: portfolioDeliveries(portfolio),
          afterTurn,
        });
        if (slack) channels.slack = slack;
      },
      (a) => mountPages(a, { config, portfolio, afterChange: afterTurn }),
      (a) => {
        if (playground) mountPlayground(a, { core, portfolio, afterTurn });
      },
    ],
  });
  // Build the mapper's index now rather than on the first candidate's message (about 1.5 s on this machine).
  setTimeout(
    () => mapEvidence("A shopper wanted the lifts, so I walked her over to them.", { level: 2 }),
    0,
  ).unref();
  return {
    app,
    store,
    portfolio,
    core,
    catalogue,
    playground,
    delivery,
    channels,
    async close() {
      await channels.slack?.close();
      await reminders.close();
      await delivery.close();
      await portfolio.close();
    },
  };
}
