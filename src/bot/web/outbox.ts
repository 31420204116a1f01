// Messages waiting for people who use the web playground, kept in the database so any instance can serve them.
import type { Store } from "../../store/store.ts";
import type { BotReply, Channel } from "../types.ts";

export interface OutboxItem {
  id: string;
  reply: BotReply;
  createdAt: string;
}

export interface Outbox {
  push(personId: string, channel: Channel, reply: BotReply): Promise<void>;
  /** The latest items for a person, oldest first. */
  recent(personId: string, channel: Channel): Promise<OutboxItem[]>;
}

/** The database-backed outbox. */
export function storeOutbox(store: Store): Outbox {
  return {
    push: (personId, channel, reply) => store.channelState.pushOutbox(personId, channel, reply),
    async recent(personId, channel) {
      const rows = await store.channelState.recentOutbox(personId, channel, 50);
      return rows.map((r) => ({ id: r.id, reply: r.payload as BotReply, createdAt: r.createdAt }));
    },
  };
}
