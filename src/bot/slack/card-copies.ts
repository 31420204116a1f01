// Where the Slack channel remembers which messages show a card about which evidence, and for whom: the database.
import type { Store } from "../../store/store.ts";

/** One Slack message showing a card about a piece of evidence, as the Slack user `userId` sees it. */
export interface SlackCardCopy {
  userId: string;
  channel: string;
  ts: string;
}

/** The copies of evidence cards the Slack channel keeps up to date. */
export interface SlackCardCopies {
  /** Remembers a message; nothing is kept for a Slack user who is not linked to a person of the centre. */
  record(copy: { evidenceId: string; userId: string; channel: string; ts: string }): Promise<void>;
  /** The newest copies of a piece of evidence, at most `limit`. */
  of(evidenceId: string, limit: number): Promise<SlackCardCopy[]>;
  /** Forgets a message that can no longer be updated. */
  remove(channel: string, ts: string): Promise<void>;
}

/** Copies kept in the card_copy table against the person the Slack user is linked to (erasure removes them). */
export function storeCardCopies(store: Store): SlackCardCopies {
  return {
    async record({ evidenceId, userId, channel, ts }) {
      const person = await store.people.byChatIdentity("slack", userId);
      if (!person || person.erased) return;
      await store.cardCopies.record({
        evidenceId,
        personId: person.id,
        channel: "slack",
        channelId: channel,
        messageTs: ts,
      });
    },
    async of(evidenceId, limit) {
      const rows = await store.cardCopies.ofEvidence(evidenceId, "slack", limit);
      const copies: SlackCardCopy[] = [];
      for (const row of rows) {
        // Someone with no Slack identity left cannot be shown the card again.
        if (row.chatUserId)
          copies.push({ userId: row.chatUserId, channel: row.channelId, ts: row.messageTs });
        else await store.cardCopies.remove(row.channelId, row.messageTs);
      }
      return copies;
    },
    remove: (channel, ts) => store.cardCopies.remove(channel, ts),
  };
}

/** Copies kept in memory, for tests and single-process demos with no database. */
export class InMemorySlackCardCopies implements SlackCardCopies {
  private readonly copies: Array<SlackCardCopy & { evidenceId: string }> = [];

  async record(copy: { evidenceId: string; userId: string; channel: string; ts: string }): Promise<void> {
    await this.remove(copy.channel, copy.ts);
    this.copies.push({ ...copy });
    if (this.copies.length > 1000) this.copies.shift();
  }

  async of(evidenceId: string, limit: number): Promise<SlackCardCopy[]> {
    return this.copies
      .filter((copy) => copy.evidenceId === evidenceId)
      .reverse()
      .slice(0, limit)
      .map(({ userId, channel, ts }) => ({ userId, channel, ts }));
  }

  async remove(channel: string, ts: string): Promise<void> {
    const at = this.copies.findIndex((copy) => copy.channel === channel && copy.ts === ts);
    if (at >= 0) this.copies.splice(at, 1);
  }
}
