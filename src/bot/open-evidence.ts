// "E2", "open E2", "edit E2": a candidate opens one of their own pieces of evidence by its number, as a card.

import type { LinkView } from "../cards/index.ts";
import { AppError } from "../core/errors.ts";
import type { EvidenceView } from "../portfolio/index.ts";
import { candidatePages, pageLink } from "./page-links.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";
import { suggestionView } from "./views.ts";

const claims = (n: number) => `${n} claim${n === 1 ? "" : "s"}`;

/** The candidate's evidence with this reference, as the card they can act on (or words saying where it is). */
export async function openEvidence(turn: Turn, ref: string): Promise<BotReply[]> {
  const { portfolio, person } = turn;
  if (!person.roles.includes("candidate"))
    return [
      say(
        `Evidence numbers like ${ref} belong to each candidate's portfolio. ${person.roles.includes("assessor") ? "Type queue to open the evidence waiting for you." : "Type help to see what you can do."}`,
      ),
    ];
  let evidence: EvidenceView;
  try {
    const id = await portfolio.evidenceIdByRef(person.id, ref);
    evidence = await portfolio.view({ actorId: person.id, evidenceId: id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found")
      return [
        say(
          `You have no evidence numbered ${ref}. Type progress to see your evidence, or tell me about a customer to start a new one.`,
        ),
      ];
    throw error;
  }
  const link = pageLink(
    turn,
    person.id,
    candidatePages(person.id, evidence.ref),
    `Open ${evidence.ref} on my pages`,
  );
  const reply = evidenceReply(turn, evidence, link);
  // A card with buttons of its own gets the page's button beneath it; a message card carries it.
  return reply.card && link && !JSON.stringify(reply.card.view).includes(link.url)
    ? [
        reply,
        card({
          kind: "message",
          view: {
            text: `${evidence.ref} with its history and the assessor's comments is on your portfolio page.`,
            link,
          },
        }),
      ]
    : [reply];
}

function evidenceReply(turn: Turn, evidence: EvidenceView, link?: LinkView): BotReply {
  const { catalogue } = turn.portfolio;
  const assessor = evidence.assessorId ? evidence.names[evidence.assessorId] : undefined;
  switch (evidence.status) {
    case "draft":
      return card(
        { kind: "suggestion", view: suggestionView(catalogue, evidence) },
        {
          text: evidence.text.trim()
            ? `${evidence.ref} is a draft. Untick anything that isn't right, change the words with Edit text, then press Submit.`
            : `${evidence.ref} is a draft with no account yet. Press Edit text to type what happened, then Submit.`,
        },
      );
    case "referred": {
      const last = evidence.decisions.at(-1);
      const by = (last && evidence.names[last.assessorId]) ?? assessor ?? "Your assessor";
      // The card carries the assessor's reasons; the words only say what it is, so they are not read twice.
      return card(
        { kind: "suggestion", view: suggestionView(catalogue, evidence) },
        {
          text: `${by} referred ${evidence.ref} back to you. What to change is at the top of the card: press Edit text, change the account, then Submit.`,
        },
      );
    }
    case "submitted":
      return card({
        kind: "message",
        view: {
          title: `${evidence.ref}: waiting for ${assessor ?? "your assessor"}`,
          text: `${evidence.ref} has ${claims(evidence.activeClaims.length)} and was submitted, so it can't be changed while it is assessed. I'll tell you when ${assessor ?? "your assessor"} decides.`,
          ...(link ? { link } : {}),
        },
      });
    case "discarded":
      return card({
        kind: "message",
        view: {
          title: `${evidence.ref} was discarded`,
          text: "Nothing was filed from it. Tell me about a customer to start a new piece of evidence.",
        },
      });
    default: {
      const accepted = evidence.activeClaims.filter((c) => c.decision === "accepted").length;
      return card({
        kind: "message",
        view: {
          title: `${evidence.ref} is assessed`,
          text: `${accepted} of ${claims(evidence.activeClaims.length)} accepted${assessor ? ` by ${assessor}` : ""}. It is part of your portfolio now. Type progress to see what to aim for next.`,
          ...(link ? { link } : {}),
        },
      });
    }
  }
}
