// The ConversationStore the portfolio keeps: references only for chat users linked to a person of the centre.
import type { Portfolio } from "../portfolio/index.ts";
import type { ConversationStore } from "./conversation-store.ts";

/** References are saved against the person the chat user is linked to; unknown users are not stored. */
export function portfolioConversationReferences(portfolio: Portfolio): ConversationStore {
  return {
    save: (personKey, channel, reference) => portfolio.channels.saveReference(channel, personKey, reference),
    get: (personKey, channel) => portfolio.channels.referenceOfUser(channel, personKey),
  };
}
