// Wiring: opens the store, builds the bot core, mounts the channels and pages, and delivers notifications.
import type { Express } from "express";
import { storeConversationReferences } from "../bot/conversation-references.ts";
import { createBotCore } from "../bot/core.ts";
import { storeCardCopies } from "../bot/slack/card-copies.ts";
import { mountSlack, type SlackChannel } from "../bot/slack/mount.ts";
import { mountTeams, type TeamsChannel } from "../bot/teams/mount.ts";
import type { BotCore, Notification } from "../bot/types.ts";
import { storeOutbox } from "../bot/web/outbox.ts";
import { mountPlayground, playgroundEnabled } from "../bot/web/playground.ts";
import { mapEvidence } from "../mapping/offline.ts";
import { portfolioContext } from "../portfolio/context.ts";
import { loadDemoCentre } from "../portfolio/demo-centre.ts";
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { openStore, type Store } from "../store/store.ts";
import { transcribeAudio } from "../voice/pipeline.ts";
import { mountPages } from "../web/pages.ts";
import { signLink } from "../web/signed-link.ts";
import type { Config } from "./config.ts";
import { createApp } from "./server.ts";

export interface Product {
  app: Express;
  store: Store;
  core: BotCore;
  catalogue: Catalogue;
  playground: boolean;
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
  const portfolio = portfolioContext(store, catalogue);
  const playground = playgroundEnabled(config);
  if (playground && (await store.people.count()) === 0) {
    const people = await loadDemoCentre(portfolio);
    log(`Loaded the demo centre (${people.length} people) into the empty database.`);
  }
  const core = createBotCore({
    portfolio,
    map: (text, mapOptions) => mapEvidence(text, mapOptions),
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
  const conversations = storeConversationReferences(store);
  const outbox = storeOutbox(store);
  const channels: { teams?: TeamsChannel; slack?: SlackChannel } = {};

  /** Sends each notification to every channel where the person has talked to the bot, and to the web outbox. */
  async function deliver(notifications: Notification[]): Promise<void> {
    for (const n of notifications) {
      await outbox.push(n.personId, "web", n.reply);
      for (const [name, channel] of Object.entries(channels) as Array<
        ["teams" | "slack", TeamsChannel | SlackChannel]
      >) {
        const reference = await store.channelState.reference(n.personId, name);
        if (!reference) continue;
        await channel.sendProactive(reference, n.reply).catch((error: unknown) => {
          log(`Could not deliver a ${name} message: ${(error as Error).message}`);
        });
      }
    }
  }

  const app = createApp({
    config,
    catalogue,
    mount: [
      (a) => {
        const teams = mountTeams(a, { config, core, conversations, onNotifications: deliver });
        if (teams) channels.teams = teams;
      },
      (a) => {
        const slack = mountSlack(a, {
          config,
          core,
          conversations,
          cardCopies: storeCardCopies(store),
          onNotifications: deliver,
        });
        if (slack) channels.slack = slack;
      },
      (a) => mountPages(a, { config, store, catalogue }),
      (a) => {
        if (playground) mountPlayground(a, { core, store, outbox, onNotifications: deliver });
      },
    ],
  });
  // Build the mapper's index now rather than on the first candidate's message (about 1.5 s on this machine).
  setTimeout(
    () => mapEvidence("A customer asked me where the lifts were and I showed her.", { level: 2 }),
    0,
  ).unref();
  const close = async () => {
    await channels.slack?.close();
    await store.close();
  };
  return { app, store, core, catalogue, playground, close };
}
