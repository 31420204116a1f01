// A plain reply in the thread of an evidence card: from a witness who was asked, it becomes testimony after the witness card.
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";
import { witnessRequestView } from "./views.ts";

/** The longest reply carried into the card's testimony box (the box's own limit). */
const MAX_CARRIED = 3000;

/** Answers a reply in the thread of `evidenceId`'s card; the reply itself is kept only once the witness sends the card. */
export async function handleThreadReply(turn: Turn, evidenceId: string): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const text = command.text.trim();
  if (!text) return [];
  const found = await portfolio.threadWitness({ actorId: person.id, evidenceId });
  const inThread = (reply: BotReply): BotReply => ({ ...reply, inThread: true });
  switch (found.kind) {
    case "own":
      // The candidate talking under their own evidence: not testimony, and not a new account either.
      return [];
    case "not_asked":
      return [
        inThread(
          say(
            `Thank you, ${person.name.split(/\s+/)[0]}. Only a witness the candidate has asked can give testimony for ${found.ref}, so I haven't kept your reply. If you saw the work, ask the candidate to type: ask ${person.name} to witness. Then reply here again.`,
          ),
        ),
      ];
    case "staff":
    case "closed":
      return [inThread(say(found.message))];
    case "asked": {
      const evidence = await portfolio.view({ actorId: person.id, evidenceId });
      const view = witnessRequestView(portfolio.catalogue, evidence, person);
      view.defaults = { ...view.defaults, testimony: text.slice(0, MAX_CARRIED) };
      const candidate = evidence.names[evidence.candidateId] ?? "the candidate";
      return [
        inThread(
          card(
            { kind: "witnessRequest", view },
            {
              text: `Thank you. To add your reply to ${found.ref} as witness testimony, check your words below, choose your witness status, say how you work with ${candidate}, confirm the declaration and press Send my testimony. Nothing is kept until you do.`,
            },
          ),
        ),
      ];
    }
  }
}
