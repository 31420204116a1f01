// Feedback to a candidate in chat: what the assessor wrote and the outcome, the candidate's reply, and both signatures.

import type { KnownBlock } from "@slack/types";
import { INPUT } from "./actions.ts";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { truncate } from "./text.ts";

/** Feedback as its candidate or assessor sees it: Reply and Sign for the candidate while they are still to do. */
export interface FeedbackCardView {
  feedbackId: string;
  candidateName: string;
  assessorName: string;
  /** "E6" or "unit 201 Deal with customers face to face". */
  about: string;
  text: string;
  outcome: string;
  reply?: string;
  /** "Confirmed by … on …" for each signature given. */
  signed: string[];
  /** Whether this person may still reply, and still sign. */
  canReply: boolean;
  canSign: boolean;
  status: string;
}

const key = (view: FeedbackCardView) => ({ evidenceId: view.feedbackId, version: 0 });
const SIGN = "Sign: I have read it";
const REPLY = "Send my reply";

export function feedbackCard(view: FeedbackCardView): ac.AdaptiveCard {
  const actions: ac.Action[] = [];
  if (view.canSign) actions.push(ac.execute(SIGN, "feedback.sign", key(view), { style: "positive" }));
  return ac.card(
    [
      ac.heading(`Feedback on ${view.about}: ${view.candidateName}`),
      ac.facts([
        ["From", view.assessorName],
        ["Outcome", truncate(view.outcome, 500)],
      ]),
      ac.userText(truncate(view.text, 3000)),
      ...(view.reply
        ? [ac.text(`${view.candidateName} replied:`, { weight: "bolder" }), ac.userText(view.reply)]
        : []),
      ...(view.canReply
        ? [
            {
              type: "Input.Text" as const,
              id: INPUT.reply,
              label: "Your reply to your assessor (optional)",
              isMultiline: true,
              maxLength: 5000,
            },
            ac.actionSet([ac.execute(REPLY, "feedback.reply", key(view))]),
          ]
        : []),
      ...view.signed.map((line) => ac.subtle(line)),
      ac.text(view.status, { isSubtle: true }),
    ],
    actions,
  );
}

export function feedbackBlocks(view: FeedbackCardView): KnownBlock[] {
  return [
    sk.header(`Feedback on ${view.about}: ${view.candidateName}`),
    sk.section(`*From:* ${sk.esc(view.assessorName)}\n*Outcome:* ${sk.esc(truncate(view.outcome, 500))}`),
    sk.quoteBlock(truncate(view.text, 2500)),
    ...(view.reply
      ? [sk.section(`*${sk.esc(view.candidateName)} replied:*`), sk.quoteBlock(truncate(view.reply, 2500))]
      : []),
    ...(view.canReply
      ? [
          sk.input(
            INPUT.reply,
            "Your reply to your assessor",
            { type: "plain_text_input", action_id: sk.inputAction(INPUT.reply), multiline: true },
            { optional: true },
          ),
        ]
      : []),
    sk.section(sk.esc([...view.signed, view.status].join("\n"))),
    ...(view.canReply || view.canSign
      ? [
          sk.actions([
            ...(view.canReply ? [sk.button(REPLY, "feedback.reply", key(view))] : []),
            ...(view.canSign ? [sk.button(SIGN, "feedback.sign", key(view), { style: "primary" })] : []),
          ]),
        ]
      : []),
  ];
}
