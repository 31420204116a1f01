// Where channels keep the reference that lets the bot write to someone later (proactive messages).
import type { Channel } from "./types.ts";

/**
 * Conversation references by person and channel. `personKey` is the platform user id the adapter
 * saw (`Actor.userId`); the lead's database-backed store maps it to a person of the centre.
 * References are opaque JSON: a Teams ConversationReference, a Slack `{ channel, teamId }`.
 * Adapters save only personal chats (Teams personal scope, Slack DMs), after the core has handled the
 * message; a database-backed store should drop keys not linked to a person, so nothing is kept about
 * someone the centre has not enrolled.
 */
export interface ConversationStore {
  save(personKey: string, channel: Channel, reference: unknown): Promise<void>;
  get(personKey: string, channel: Channel): Promise<unknown | undefined>;
}

/** An in-memory store for tests and single-process demos. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly references = new Map<string, unknown>();

  async save(personKey: string, channel: Channel, reference: unknown): Promise<void> {
    this.references.set(`${channel}:${personKey}`, structuredClone(reference));
  }

  async get(personKey: string, channel: Channel): Promise<unknown | undefined> {
    const reference = this.references.get(`${channel}:${personKey}`);
    return reference === undefined ? undefined : structuredClone(reference);
  }
}
