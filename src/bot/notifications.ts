// Turns a notification from the outbox into the message its recipient reads: the approval card, the witness card, the outcome.

import type { Notice } from "../portfolio/index.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import { assessorNotificationReply } from "./assessor-notifications.ts";
import { card, say } from "./reply.ts";
import type { BotReply } from "./types.ts";
import { approvalView, witnessRequestView } from "./views.ts";

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
      return say(`${actorName} has given witness testimony for your evidence.`);
    case "witness.refused":
      return say(`${actorName} couldn't act as your witness. Ask someone else who saw what you did.`);
    case "evidence.assessed":
    case "evidence.referred": {
      if (!evidence) return undefined;
      const accepted = evidence.activeClaims.filter((c) => c.decision === "accepted").length;
      const rejected = evidence.activeClaims.filter((c) => c.decision === "rejected").length;
      const last = evidence.decisions.at(-1);
      return say(
        notice.kind === "evidence.assessed"
          ? `${actorName} has assessed ${evidence.ref}: ${accepted} accepted, ${rejected} not accepted.${last?.comment ? ` Their comment: "${last.comment}"` : ""} Type progress to see your coverage.`
          : `${actorName} has referred ${evidence.ref} back to you: "${last?.comment ?? ""}". Open it with Edit text, change it, and submit it again.`,
      );
    }
    default:
      return assessorNotificationReply(notice);
  }
}
