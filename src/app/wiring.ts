// Wiring: opens the store, builds the portfolio and the bot core, mounts the channels and pages, and starts delivery.
import type { Express } from "express";
import { portfolioConversationReferences } from "../bot/conversation-references.ts";
import { createBotCore } from "../bot/core.ts";
import { portfolioCardCopies } from "../bot/slack/card-copies.ts";
import { mountSlack } from "../bot/slack/mount.ts";
import { mountTeams } from "../bot/teams/mount.ts";
import type { BotCore } from "../bot/types.ts";
import { mountPlayground, playgroundEnabled } from "../bot/web/playground.ts";
import { mapEvidence } from "../mapping/offline.ts";
import { createPortfolio, type Portfolio } from "../portfolio/index.ts";
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { openStore, type Store } from "../store/store.ts";
import { transcribeAudio } from "../voice/pipeline.ts";
import { mountPages } from "../web/pages.ts";
import { signLink } from "../web/signed-link.ts";
import type { Config } from "./config.ts";
import { type Delivery, type DeliveryChannels, startDelivery } from "./delivery.ts";
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
  const portfolio = createPortfolio({
    store,
    catalogue,
    mapper: (text, mapOptions) => mapEvidence(text, mapOptions),
  });
  const playground = playgroundEnabled(config);
  if (playground && (await portfolio.isEmpty())) {
    const people = await portfolio.loadDemoCentre();
    log(`Loaded the demo centre (${people.length} people) into the empty database.`);
  }
  const core = createBotCore({
    portfolio,
    portfolioLink: (personId, to) => signLink(personId, config, 1800, to ? { to } : {}),
    async transcribe(file) {
      const bytes = file.bytes ?? (file.fetch ? await file.fetch() : undefined);
      const transcript = await transcribeAudio(
        {
          name: file.name,
          ...(file.mimeType ? { mimeType: file.mimeType } : {}),
          ...(bytes ? { bytes } : {}),
          ...(file.platformTranscript ? { platformTranscript: file.platformTranscript } : {}),
        },
        config,
        { store: true },
      );
      return {
        text: transcript.text,
        engine: transcript.engine,
        ...(transcript.storedKey ? { audioPath: transcript.storedKey } : {}),
      };
    },
  });
  const conversations = portfolioConversationReferences(portfolio);
  const channels: DeliveryChannels = {};
  // Whatever changes a portfolio (a bot turn, a page, the command line) leaves its notifications in the outbox.
  const delivery = startDelivery({ portfolio, channels, log });
  const afterTurn = () => delivery.flush();
  const reminders = startPlanReminders({ portfolio, log, afterRun: afterTurn });

  const app = createApp({
    config,
    catalogue,
    mount: [
      (a) => {
        const teams = mountTeams(a, { config, core, conversations, afterTurn });
        if (teams) channels.teams = teams;
      },
      (a) => {
        const slack = mountSlack(a, {
          config,
          core,
          conversations,
          cardCopies: portfolioCardCopies(portfolio),
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
    () => mapEvidence("A customer asked me where the lifts were and I showed her.", { level: 2 }),
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
