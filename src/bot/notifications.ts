// Turns a notification from the outbox into the message its recipient reads: the approval card, the witness card, the outcome.

import type { Notice } from "../portfolio/index.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import { assessorNotificationReply } from "./assessor-notifications.ts";
import { decisionWords, referralWords } from "./evidence-words.ts";
import { card, say } from "./reply.ts";
import type { BotReply } from "./types.ts";
import { approvalView, suggestionView, witnessRequestView } from "./views.ts";

/** The message for the recipient, or undefined when there is nothing to say (no recipient, or no evidence they may see). */
export function notificationReply(catalogue: Catalogue, notice: Notice): BotReply | undefined {
  const { evidence, recipient, actorName } = notice;
  if (!recipient) return undefined;
  switch (notice.kind) {
    case "evidence.submitted":
    case "evidence.resubmitted":
      if (!evidence) return undefined;
      return card(
        { kind: "approval", view: approvalView(catalogue, evidence) },
        {
          text: `${actorName} ${notice.kind === "evidence.resubmitted" ? "resubmitted" : "submitted"} ${evidence.ref} for you to assess.`,
        },
      );
    case "witness.requested":
      if (!evidence) return undefined;
      return card(
        { kind: "witnessRequest", view: witnessRequestView(catalogue, evidence, recipient) },
        {
          text: `${actorName} has asked you to witness what they did. Read their account and confirm it in your own words.`,
        },
      );
    case "witness.testimony_given":
      return say(
        evidence
          ? `${actorName} confirmed ${evidence.ref}: their testimony is now part of your evidence.`
          : `${actorName} has given witness testimony for your evidence.`,
      );
    case "witness.refused":
      return say(
        `${actorName} couldn't confirm ${evidence ? evidence.ref : "your evidence"} as your witness. Ask someone else who saw what you did.`,
      );
    case "evidence.assessed":
      if (!evidence) return undefined;
      return say(`${decisionWords(actorName, evidence)} Type progress to see your coverage.`);
    case "evidence.referred":
      if (!evidence) return undefined;
      // The evidence's own card comes with the referral, so Edit text and Submit are one tap away.
      return card(
        { kind: "suggestion", view: suggestionView(catalogue, evidence) },
        { text: referralWords(actorName, evidence) },
      );
    default:
      return assessorNotificationReply(notice);
  }
}
