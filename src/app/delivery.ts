// Delivery: sends what the outbox holds through whichever channel reaches each person, marks it sent, retries the rest.
import { withFileList } from "../bot/card-files.ts";
import { notificationReply } from "../bot/notifications.ts";
import type { SlackChannel } from "../bot/slack/mount.ts";
import type { TeamsChannel } from "../bot/teams/mount.ts";
import { isDatabaseUnavailable } from "../core/outage.ts";
import type { Notice, Portfolio } from "../portfolio/index.ts";

/** The chat channels that are switched on; either may be absent. */
export interface DeliveryChannels {
  teams?: TeamsChannel;
  slack?: SlackChannel;
}

export interface DeliveryOptions {
  portfolio: Portfolio;
  channels: DeliveryChannels;
  log?: (line: string) => void;
  /** How often undelivered notifications are looked for again; 0 turns the timer off. */
  everyMs?: number;
  /** After this many failed attempts a notification is given up on (it stays in the outbox, undelivered). */
  maxAttempts?: number;
  /** Signed links to a person's pages: the button a notice about evidence carries, and the files a card lists. */
  portfolioLink?(personId: string, to?: string): string;
}

export interface Delivery {
  /** Delivers everything waiting now; resolves when a pass that started after this call has finished. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const BATCH = 50;
/** How long a claimed notification is left to the instance that claimed it (then another may send it). */
const CLAIM_MS = 60_000;

/** Starts delivery: one pass at once (what a stopped process left behind), then one every `everyMs`. */
export function startDelivery(options: DeliveryOptions): Delivery {
  const { portfolio, channels } = options;
  const log = options.log ?? ((line) => console.error(line));
  const maxAttempts = options.maxAttempts ?? 5;

  async function deliverOne(notice: Notice): Promise<void> {
    const drawn = notificationReply(portfolio.catalogue, notice, options.portfolioLink);
    // The card lists the evidence's photos and documents as its recipient may see them.
    const reply = drawn && notice.recipient ? await withFileList(options, drawn, notice.recipient.id) : drawn;
    let reached = 0;
    let failed = 0;
    // First the copies already shown (Slack keeps them; Teams cards refresh themselves when shown, through their
    // Universal Actions refresh), then the new message, which is drawn as the evidence is now.
    if (notice.evidenceId && notice.version !== null && channels.slack)
      await channels.slack.evidenceChanged({ evidenceId: notice.evidenceId, version: notice.version });
    if (reply && notice.recipient) {
      // The playground inbox gets it once; a retry is only for the chat channels that failed.
      if (notice.attempts === 0) await portfolio.channels.pushInbox(notice.recipient.id, reply);
      for (const [name, channel] of Object.entries(channels) as Array<
        ["teams" | "slack", TeamsChannel | SlackChannel]
      >) {
        const reference = await portfolio.channels.reference(notice.recipient.id, name);
        if (!reference) continue;
        try {
          await channel.sendProactive(reference, reply);
          reached += 1;
        } catch (error) {
          failed += 1;
          log(`Could not deliver a ${name} message: ${(error as Error).message}`);
        }
      }
    }
    if (failed > 0 && reached === 0) await portfolio.outbox.failed(notice.id, "no chat channel reached them");
    else await portfolio.outbox.delivered(notice.id);
  }

  async function pass(): Promise<void> {
    for (;;) {
      const pending = await portfolio.outbox.pending(BATCH, maxAttempts);
      for (const notice of pending) {
        try {
          // Several instances may share the database: only the one that claims a notification sends it.
          if (!(await portfolio.outbox.claim(notice.id, CLAIM_MS))) continue;
          await deliverOne(notice);
        } catch (error) {
          // The database went away: not this notification's fault, so no attempt is counted; the next pass
          // (every `everyMs`) delivers it once the database is back.
          if (isDatabaseUnavailable(error)) throw error;
          log(`Could not deliver a notification: ${(error as Error).message}`);
          await portfolio.outbox.failed(notice.id, (error as Error).message).catch(() => {});
        }
      }
      // A full batch may have more behind it; anything that failed is left for the next timed pass.
      if (pending.length < BATCH || pending.every((n) => n.attempts > 0)) return;
    }
  }

  let tail: Promise<void> = Promise.resolve();
  const flush = () => {
    const run = tail.then(pass);
    tail = run.catch((error: unknown) => log(`Delivery pass failed: ${(error as Error).message}`));
    return run;
  };
  const timer =
    options.everyMs === 0
      ? undefined
      : setInterval(() => void flush().catch(() => {}), options.everyMs ?? 30_000);
  timer?.unref();
  void flush().catch(() => {});
  return {
    flush,
    async close() {
      if (timer) clearInterval(timer);
      await tail;
    },
  };
}
