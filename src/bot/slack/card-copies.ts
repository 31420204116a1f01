// Where the Slack channel remembers which messages show a card about which evidence, and for whom: the portfolio.
import type { Portfolio } from "../../portfolio/index.ts";

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

/** Copies kept by the portfolio against the person the Slack user is linked to (erasure removes them). */
export function portfolioCardCopies(portfolio: Portfolio): SlackCardCopies {
  const { channels } = portfolio;
  return {
    record: (copy) => channels.recordCopy("slack", copy),
    of: (evidenceId, limit) => channels.copiesOf("slack", evidenceId, limit),
    remove: (channel, ts) => channels.forgetCopy(channel, ts),
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
