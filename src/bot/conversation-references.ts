// The database-backed ConversationStore: keeps references only for chat users linked to a person of the centre.
import type { Store } from "../store/store.ts";
import type { ConversationStore } from "./conversation-store.ts";

/** References are saved against the person the chat user is linked to; unknown users are not stored. */
export function storeConversationReferences(store: Store): ConversationStore {
  return {
    async save(personKey, channel, reference) {
      const person = await store.people.byChatIdentity(channel, personKey);
      if (!person || person.erased) return;
      await store.channelState.saveReference(person.id, channel, reference);
    },
    async get(personKey, channel) {
      const person = await store.people.byChatIdentity(channel, personKey);
      if (!person) return undefined;
      return (await store.channelState.reference(person.id, channel)) ?? undefined;
    },
  };
}
