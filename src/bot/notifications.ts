// Turns a notification from the outbox into the message its recipient reads: the approval card, the witness card, the outcome.

import type { LinkView } from "../cards/index.ts";
import type { Notice } from "../portfolio/index.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import { assessorNotificationReply } from "./assessor-notifications.ts";
import { decisionWords, referralWords } from "./evidence-words.ts";
import { candidatePages } from "./page-links.ts";
import { card, say } from "./reply.ts";
import type { BotReply } from "./types.ts";
import { approvalView, suggestionView, witnessRequestView } from "./views.ts";

/** A signed link opening `to` as the person; undefined where pages are not served. */
export type NoticeLink = (personId: string, to: string) => string | undefined;

/**
 * The message for the recipient, or undefined when there is nothing to say (no recipient, or no evidence they may
 * see). With `link`, a notice about a piece of evidence carries a button to it on the recipient's own pages.
 */
export function notificationReply(
  catalogue: Catalogue,
  notice: Notice,
  link?: NoticeLink,
): BotReply | undefined {
  const { evidence, recipient, actorName } = notice;
  if (!recipient) return undefined;
  const evidenceLink = (): LinkView | undefined => {
    const url = evidence && link?.(recipient.id, candidatePages(evidence.candidateId, evidence.ref));
    return url && evidence ? { label: `Open ${evidence.ref} on my pages`, url } : undefined;
  };
  switch (notice.kind) {
    case "evidence.submitted":
    case "evidence.resubmitted":
      if (!evidence) return undefined;
      return card(
        { kind: "approval", view: withLink(approvalView(catalogue, evidence), evidenceLink()) },
        {
          text: `${actorName} ${notice.kind === "evidence.resubmitted" ? "resubmitted" : "submitted"} ${evidence.ref} for you to assess.`,
        },
      );
    case "witness.requested":
      if (!evidence) return undefined;
      return card(
        { kind: "witnessRequest", view: witnessRequestView(catalogue, evidence, recipient) },
        {
          text: `${actorName} has asked you to witness ${evidence.ref}. Read what they did and confirm it in your own words, or press I can’t confirm this.`,
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
    case "evidence.assessed": {
      if (!evidence) return undefined;
      // What was decided, then a button to the evidence, with the assessor's reasons, on the candidate's pages.
      const words = `${decisionWords(actorName, evidence)} Type progress to see your coverage.`;
      const to = evidenceLink();
      return to
        ? card(
            {
              kind: "message",
              view: { text: `${evidence.ref} and every decision on it are on your pages.`, link: to },
            },
            { text: words },
          )
        : say(words);
    }
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

const withLink = <V extends object>(view: V, link: LinkView | undefined): V =>
  link ? { ...view, link } : view;
