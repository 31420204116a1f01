// The messages issue 17's notifications become: a record to confirm, a plan to agree, feedback to read, a reminder.
import { ASSESSMENT_METHOD_WORDS, type Notice, ukDateTime } from "../portfolio/index.ts";
import { recordView } from "./assessor-records.ts";
import { feedbackCardView } from "./feedback-chat.ts";
import { planCardView } from "./plans-chat.ts";
import { card, say } from "./reply.ts";
import { statementCardView } from "./statements-chat.ts";
import type { BotReply } from "./types.ts";

/** The message for an assessor's record, plan, feedback or expert witness notice; undefined for any other kind. */
export function assessorNotificationReply(notice: Notice): BotReply | undefined {
  const { recipient, actorName, assessorRecord, plan, feedback, statement } = notice;
  if (!recipient) return undefined;
  switch (notice.kind) {
    case "assessor_record.signed":
      if (!assessorRecord) return undefined;
      return card(
        { kind: "assessorRecord", view: recordView(assessorRecord, recipient.id) },
        {
          text: `${actorName} has recorded ${assessorRecord.evidence.method === "observation" ? "an observation of you" : "a discussion with you"} (${assessorRecord.evidence.ref}). Read it and press Confirm it is right if it is what happened.`,
        },
      );
    case "assessor_record.confirmed":
      if (!assessorRecord) return undefined;
      return say(
        `${actorName} has confirmed ${assessorRecord.evidence.ref}. Its claims are assessed and it is on the unit recording form.`,
      );
    case "action_plan.made":
    case "action_plan.reminded": {
      if (!plan) return undefined;
      const methods = plan.methods.map((m) => ASSESSMENT_METHOD_WORDS[m]).join(", ");
      const when = ukDateTime(plan.plannedAt);
      if (notice.kind === "action_plan.reminded")
        return say(
          `Reminder: the assessment of unit ${plan.unitId} for ${plan.candidateName} is tomorrow, ${when}, at ${plan.venue} (${methods}).`,
        );
      // the plan's card, with Sign for the candidate (on the page too)
      return card(
        { kind: "actionPlan", view: planCardView(plan, recipient.id) },
        {
          text: `${actorName} has planned the assessment of unit ${plan.unitId}: ${when} at ${plan.venue}, by ${methods}. Read the plan and press Sign to agree it.`,
        },
      );
    }
    case "action_plan.signed":
      if (!plan) return undefined;
      return say(
        `${actorName} has signed the action plan for unit ${plan.unitId}${plan.agreed ? "; you have both signed it now" : ""}.`,
      );
    case "feedback.given":
      if (!feedback) return undefined;
      return card(
        { kind: "feedback", view: feedbackCardView(feedback, recipient.id) },
        {
          text: `Feedback from ${actorName} on ${feedback.evidenceRef ?? `unit ${feedback.unitId}`}. Read it, reply if you want to, and press Sign to say you have read it.`,
        },
      );
    case "feedback.replied":
      if (!feedback) return undefined;
      return say(`${actorName} replied to your feedback: "${feedback.reply ?? ""}"`);
    case "feedback.signed":
      if (!feedback) return undefined;
      return say(
        `${actorName} has signed the feedback on ${feedback.evidenceRef ?? `unit ${feedback.unitId}`}.`,
      );
    case "expert_witness.recorded":
      return say(
        `${actorName} has recorded you as an expert witness. Open your page to check your record and sign it.`,
      );
    case "expert_witness.confirmed":
      return say("The centre has confirmed your record as an expert witness. You can now attach statements.");
    case "expert_witness.statement_attached":
      return say(
        `${actorName} has attached an expert witness statement for you to assess. Type queue to see it.`,
      );
    case "expert_witness.statement_to_sign":
      if (!statement) return undefined;
      return card(
        { kind: "expertStatement", view: statementCardView(statement, recipient.id) },
        {
          text: `${actorName} has attached your expert witness statement to ${statement.candidateName}'s evidence (${statement.evidenceRef}). Read it and press Sign my statement if it is what you observed.`,
        },
      );
    case "expert_witness.statement_signed":
      if (!statement) return undefined;
      return card(
        { kind: "expertStatement", view: statementCardView(statement, recipient.id) },
        {
          text: `${statement.witness.name} has signed an expert witness statement on your evidence (${statement.evidenceRef}). Read it and press Sign if it is a true account of what you did.`,
        },
      );
    default:
      return undefined;
  }
}
