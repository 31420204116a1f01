// What channels keep about people between messages: where to reach them, which messages show which card, their inbox.
import type { Channel } from "../core/types.ts";
import type { PortfolioContext } from "./context.ts";

/** One message showing a card about a piece of evidence, as the chat user `userId` sees it. */
export interface CardCopy {
  userId: string;
  channel: string;
  ts: string;
}

/** A message waiting in a person's playground inbox. */
export interface InboxItem {
  id: string;
  reply: unknown;
  createdAt: string;
}

/** Channel state kept in the database against the person a chat user is linked to, so erasure removes it. */
export function channelState(ctx: PortfolioContext) {
  const { store } = ctx;
  return {
    /** Saves where to reach a chat user later; nothing is kept for someone not linked to a person of the centre. */
    async saveReference(channel: Channel, userId: string, reference: unknown): Promise<void> {
      const person = await store.people.byChatIdentity(channel, userId);
      if (!person || person.erased) return;
      await store.channelState.saveReference(person.id, channel, reference);
    },
    /** Where to reach a chat user, by their platform id. */
    async referenceOfUser(channel: Channel, userId: string): Promise<unknown | undefined> {
      const person = await store.people.byChatIdentity(channel, userId);
      if (!person) return undefined;
      return (await store.channelState.reference(person.id, channel)) ?? undefined;
    },
    /** Where to reach a person on a channel, if they have talked to the bot there. */
    reference: (personId: string, channel: Channel) => store.channelState.reference(personId, channel),

    /** Remembers a message showing a card about evidence, for a chat user linked to a person of the centre. */
    async recordCopy(
      channel: Channel,
      copy: { evidenceId: string; userId: string; channel: string; ts: string; threadTs?: string },
    ): Promise<void> {
      const person = await store.people.byChatIdentity(channel, copy.userId);
      if (!person || person.erased) return;
      await store.cardCopies.record({
        evidenceId: copy.evidenceId,
        personId: person.id,
        channel,
        channelId: copy.channel,
        messageTs: copy.ts,
        ...(copy.threadTs ? { threadTs: copy.threadTs } : {}),
      });
    },
    /** The newest copies of a piece of evidence's cards, at most `limit`; copies of people no longer reachable are forgotten. */
    async copiesOf(channel: Channel, evidenceId: string, limit: number): Promise<CardCopy[]> {
      const rows = await store.cardCopies.ofEvidence(evidenceId, channel, limit);
      const copies: CardCopy[] = [];
      for (const row of rows) {
        if (row.chatUserId)
          copies.push({ userId: row.chatUserId, channel: row.channelId, ts: row.messageTs });
        else await store.cardCopies.remove(row.channelId, row.messageTs);
      }
      return copies;
    },
    /**
     * The evidence a thread is about: the newest whose card is the thread's root message or was posted in it.
     * Undefined for every other thread, whose messages the bot then ignores and keeps nothing of.
     */
    evidenceInThread: (channelId: string, threadTs: string) =>
      store.cardCopies.evidenceInThread(channelId, threadTs),
    /** Forgets a message that can no longer be updated. */
    forgetCopy: (channel: string, ts: string) => store.cardCopies.remove(channel, ts),

    /**
     * Claims a chat delivery (an event id) for `leaseMs`, for every instance on the database: true when this caller
     * should answer it, false while another delivery of it is being answered or was answered.
     */
    claimDelivery: (eventId: string, leaseMs: number) => store.channelDeliveries.claim(eventId, leaseMs),
    /** The delivery was answered: further deliveries of it are dropped for `keepMs`. */
    deliveryAnswered: (eventId: string, keepMs: number) => store.channelDeliveries.hold(eventId, keepMs),
    /** Answering failed: a retry of the delivery may be answered. */
    releaseDelivery: (eventId: string) => store.channelDeliveries.release(eventId),

    /** Leaves a message in a person's playground inbox. */
    pushInbox: (personId: string, reply: unknown) => store.channelState.pushOutbox(personId, "web", reply),
    /** The latest messages in a person's playground inbox, oldest first. */
    async inbox(personId: string): Promise<InboxItem[]> {
      const rows = await store.channelState.recentOutbox(personId, "web", 50);
      return rows.map((r) => ({ id: r.id, reply: r.payload, createdAt: r.createdAt }));
    },
  };
}
