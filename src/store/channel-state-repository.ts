// What channels keep between messages: conversation references for proactive messages, and the web outbox.
import type { Db } from "./db.ts";
import type { Channel } from "./types.ts";

export interface OutboxRecord {
  id: string;
  payload: unknown;
  createdAt: string;
}

export class ChannelStateRepository {
  constructor(private readonly db: Db) {}

  async saveReference(personId: string, channel: Channel, reference: unknown): Promise<void> {
    const value = JSON.parse(JSON.stringify(reference ?? null));
    await this.db.conversationReference.upsert({
      where: { personId_channel: { personId, channel } },
      create: { personId, channel, reference: value },
      update: { reference: value },
    });
  }

  async reference(personId: string, channel: Channel): Promise<unknown | null> {
    const row = await this.db.conversationReference.findUnique({
      where: { personId_channel: { personId, channel } },
      select: { reference: true },
    });
    return row?.reference ?? null;
  }

  async pushOutbox(personId: string, channel: Channel, payload: unknown): Promise<void> {
    await this.db.outboxMessage.create({
      data: { personId, channel, payload: JSON.parse(JSON.stringify(payload)) },
    });
  }

  /** The latest `limit` messages, oldest first. */
  async recentOutbox(personId: string, channel: Channel, limit: number): Promise<OutboxRecord[]> {
    const rows = await this.db.outboxMessage.findMany({
      where: { personId, channel },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, payload: true, createdAt: true },
    });
    return rows
      .reverse()
      .map((r) => ({ id: r.id, payload: r.payload, createdAt: r.createdAt.toISOString() }));
  }

  /** Removes a person's references and messages (data-protection erasure). */
  async forget(personId: string): Promise<void> {
    await this.db.conversationReference.deleteMany({ where: { personId } });
    await this.db.outboxMessage.deleteMany({ where: { personId } });
  }
}
