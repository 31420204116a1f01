// What a turn told other people, read back from the outbox as the messages delivery would send (and marked sent).
import { type NoticeLink, notificationReply } from "../../src/bot/notifications.ts";
import type { BotReply } from "../../src/bot/types.ts";
import type { Portfolio } from "../../src/portfolio/index.ts";

export interface SentNotification {
  personId: string;
  reply: BotReply;
}

/** Takes every notification waiting in the outbox, renders it for its recipient, and marks it delivered. */
export async function takeNotifications(
  portfolio: Portfolio,
  link?: NoticeLink,
): Promise<SentNotification[]> {
  const out: SentNotification[] = [];
  for (const notice of await portfolio.outbox.pending(1000, 5)) {
    const reply = notificationReply(portfolio.catalogue, notice, link);
    if (reply && notice.recipient) out.push({ personId: notice.recipient.id, reply });
    await portfolio.outbox.delivered(notice.id);
  }
  return out;
}
