// Who a card's Teams refresh is for: the people who may act on it, by the kind of card, as their Teams user ids.
import type { CardView } from "../cards/index.ts";
import type { Portfolio } from "../portfolio/index.ts";
import type { Channel } from "./types.ts";

/** Teams personalises a card (its Universal Actions refresh) for at most 60 people. */
export const MAX_AUDIENCE = 60;

/** The person ids who may act on a card: candidate and assessor on a suggestion or a decision card, witnesses on theirs. */
export function actorsOf(
  view: CardView,
  audience: { candidateId: string; assessorId: string | null; pendingWitnessIds: string[] },
): string[] {
  const card = view.kind === "stale" ? view.view.current : view;
  const assessor = audience.assessorId ? [audience.assessorId] : [];
  switch (card.kind) {
    case "suggestion":
      return [audience.candidateId, ...assessor];
    case "approval":
      return [...assessor, audience.candidateId];
    case "witnessRequest":
      return audience.pendingWitnessIds;
    default:
      return [];
  }
}

/** A platform user id out of a stored reference: a Teams ConversationReference's `user.id` (the 29:… id). */
const userIdOf = (reference: unknown): string | undefined => {
  const id = (reference as { user?: { id?: unknown } } | undefined)?.user?.id;
  return typeof id === "string" && id ? id : undefined;
};

/**
 * For a channel: the user ids of the people who may act on `view` (about `evidenceId`), among those the bot can
 * name there (people who have chatted with it on that channel), at most 60.
 */
export function refreshAudience(portfolio: Portfolio, channel: Channel) {
  return async (view: CardView, evidenceId: string): Promise<string[]> => {
    const audience = await portfolio.cardAudience({ evidenceId });
    if (!audience) return [];
    const people = [...new Set(actorsOf(view, audience))].slice(0, MAX_AUDIENCE);
    const ids = await Promise.all(
      people.map(async (personId) => userIdOf(await portfolio.channels.reference(personId, channel))),
    );
    return ids.filter((id): id is string => Boolean(id));
  };
}
