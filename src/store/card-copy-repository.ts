// Chat messages that show a card about a piece of evidence, so a channel can redraw every copy after a change.
import type { Db } from "./db.ts";
import type { Channel } from "./types.ts";

/** How many copies of one piece of evidence are kept (the newest), and for how long any copy is kept. */
export const CARD_COPY_LIMITS = { perEvidence: 20, maxAgeDays: 30 } as const;

export interface CardCopyRecord {
  evidenceId: string;
  /** Whose view of the evidence the message shows. */
  personId: string;
  channel: Channel;
  /** The platform's conversation and message ids (Slack channel id and ts). */
  channelId: string;
  messageTs: string;
  /** The person's user id on this channel, if they still have one (none after erasure). */
  chatUserId: string | null;
  createdAt: string;
}

export class CardCopyRepository {
  constructor(private readonly db: Db) {}

  /**
   * Remembers that a message shows a card about the evidence, as the person sees it. The same message recorded again
   * takes the newer evidence and person. Old copies go as new ones come: the oldest beyond the limit for this
   * evidence, and any copy older than the age limit.
   */
  async record(
    copy: {
      evidenceId: string;
      personId: string;
      channel: Channel;
      channelId: string;
      messageTs: string;
      threadTs?: string;
    },
    now: Date = new Date(),
  ): Promise<void> {
    const fields = {
      evidenceId: copy.evidenceId,
      personId: copy.personId,
      channel: copy.channel,
      threadTs: copy.threadTs ?? null,
    };
    await this.db.cardCopy.upsert({
      where: { channelId_messageTs: { channelId: copy.channelId, messageTs: copy.messageTs } },
      create: { ...fields, channelId: copy.channelId, messageTs: copy.messageTs, createdAt: now },
      update: { ...fields, createdAt: now },
    });
    const beyond = await this.db.cardCopy.findMany({
      where: { evidenceId: copy.evidenceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: CARD_COPY_LIMITS.perEvidence,
      select: { id: true },
    });
    const before = new Date(now.getTime() - CARD_COPY_LIMITS.maxAgeDays * 24 * 60 * 60 * 1000);
    await this.db.cardCopy.deleteMany({
      where: { OR: [{ id: { in: beyond.map((row) => row.id) } }, { createdAt: { lt: before } }] },
    });
  }

  /** The copies of a piece of evidence on one channel, newest first, at most `limit`. */
  async ofEvidence(evidenceId: string, channel: Channel, limit: number): Promise<CardCopyRecord[]> {
    const rows = await this.db.cardCopy.findMany({
      where: { evidenceId, channel },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        evidenceId: true,
        personId: true,
        channel: true,
        channelId: true,
        messageTs: true,
        createdAt: true,
        person: {
          select: {
            identities: {
              where: { channel },
              orderBy: { createdAt: "desc" },
              take: 1,
              select: { externalId: true },
            },
          },
        },
      },
    });
    return rows.map((row) => ({
      evidenceId: row.evidenceId,
      personId: row.personId,
      channel: row.channel,
      channelId: row.channelId,
      messageTs: row.messageTs,
      chatUserId: row.person.identities[0]?.externalId ?? null,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  /**
   * The evidence whose card is the root of a thread or was posted in it, newest first: what a reply in that thread is
   * about. Undefined for any other thread.
   */
  async evidenceInThread(channelId: string, threadTs: string): Promise<string | undefined> {
    const row = await this.db.cardCopy.findFirst({
      where: { channelId, OR: [{ messageTs: threadTs }, { threadTs }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { evidenceId: true },
    });
    return row?.evidenceId;
  }

  /** Forgets one message (deleted, or in a channel the bot can no longer reach). */
  async remove(channelId: string, messageTs: string): Promise<void> {
    await this.db.cardCopy.deleteMany({ where: { channelId, messageTs } });
  }

  /** Removes every copy recorded for a person (data-protection erasure); returns how many. */
  async forget(personId: string): Promise<number> {
    const removed = await this.db.cardCopy.deleteMany({ where: { personId } });
    return removed.count;
  }
}
