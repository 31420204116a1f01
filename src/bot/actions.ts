// Card actions: each re-reads the evidence, re-authorises through the use case, and answers with the current card.

import { parseCardAction, REFRESH_VERB } from "../cards/index.ts";
import { AppError } from "../core/errors.ts";
import {
  type EvidenceView,
  isAssignedAssessor,
  relationshipText,
  WITNESS_RELATIONSHIPS,
  type WitnessRelationshipChoice,
} from "../portfolio/index.ts";
import { recordAction, recordCardFor } from "./assessor-records.ts";
import { feedbackAction } from "./feedback-chat.ts";
import { candidatePages, pageLink } from "./page-links.ts";
import { planAction } from "./plans-chat.ts";
import { queue } from "./queue.ts";
import { card, say } from "./reply.ts";
import { statementAction } from "./statements-chat.ts";
import type { Turn } from "./turn.ts";
import type { BotReply, CardActionData } from "./types.ts";
import { approvalView, sampleView, suggestionView, witnessRequestView } from "./views.ts";

const DECISION_VERBS = new Set(["evidence.decide", "evidence.approve_all", "evidence.refer"]);

const notTheAssessor = (evidence: EvidenceView) => {
  const assessor = evidence.assessorId ? evidence.names[evidence.assessorId] : undefined;
  return `Only the candidate's assessor${assessor ? `, ${assessor},` : ""} can accept or reject the claims in ${evidence.ref}, so nothing was changed.`;
};

const MALFORMED =
  "That button didn't carry what I expected, so nothing was changed. Scroll to the latest card, or type help.";

/** The card this person should see for this evidence now, for the "this changed" answer and refreshes. */
async function currentCard(turn: Turn, evidence: EvidenceView, notice?: string): Promise<BotReply> {
  const { catalogue } = turn.portfolio;
  const me = turn.person;
  // The assessor's card keeps its button to the evidence on their pages, however often it is redrawn.
  const approval = () => {
    const view = approvalView(catalogue, evidence);
    const link = pageLink(
      turn,
      me.id,
      candidatePages(evidence.candidateId, evidence.ref),
      `Open ${evidence.ref} on my pages`,
    );
    // the assigned assessor's card (opened from their queue, or redrawn after deciding) has Back to my queue
    const back = isAssignedAssessor(me, evidence) ? { back: true } : {};
    return { kind: "approval", view: { ...view, ...(link ? { link } : {}), ...back } } as const;
  };
  const view =
    evidence.candidateId === me.id
      ? evidence.status === "draft" || evidence.status === "referred"
        ? ({ kind: "suggestion", view: suggestionView(catalogue, evidence) } as const)
        : // Filed evidence can no longer be edited or submitted: the card says where it is instead.
          ({ kind: "message", view: filedWords(evidence) } as const)
      : evidence.witnessRequests.some((r) => r.witnessId === me.id) && evidence.assessorId !== me.id
        ? ({ kind: "witnessRequest", view: witnessRequestView(catalogue, evidence, me) } as const)
        : evidence.status === "assessed" || evidence.status === "sampled"
          ? me.roles.includes("internal_verifier") && evidence.assessorId !== me.id
            ? ({ kind: "sample", view: sampleView(catalogue, evidence) } as const)
            : approval()
          : approval();
  if (notice) return card({ kind: "stale", view: { current: view, notice } }, { replacesCard: true });
  return card(view, { replacesCard: true });
}

/** Where the candidate's filed evidence is, in place of the draft card whose buttons no longer apply. */
function filedWords(evidence: EvidenceView): { title: string; text: string } {
  const claims = evidence.activeClaims.length;
  const assessor = evidence.assessorId ? evidence.names[evidence.assessorId] : undefined;
  const claimWords = `${claims} claim${claims === 1 ? "" : "s"}`;
  if (evidence.status === "submitted")
    return {
      title: `${evidence.ref} is filed`,
      text: `${evidence.ref} is filed and on its way to ${assessor ?? "your assessor"}, with ${claimWords}. It can't be changed now; type progress to see where you are.`,
    };
  if (evidence.status === "discarded")
    return {
      title: `${evidence.ref} was discarded`,
      text: "Nothing was filed. Send a new account at any time.",
    };
  const accepted = evidence.activeClaims.filter((c) => c.decision === "accepted").length;
  // The assessor's reasons go with the outcome, so the candidate sees why a claim was not accepted.
  const reasons = evidence.activeClaims
    .filter((c) => c.decision === "rejected")
    .map((c) => `${c.targetId} not accepted${c.comment ? `: ${c.comment}` : "."}`);
  const comment = evidence.decisions.at(-1)?.comment;
  return {
    title: `${evidence.ref} is assessed`,
    text: [
      `${accepted} of ${claimWords} accepted.`,
      ...reasons,
      ...(comment ? [`${assessor ?? "Your assessor"} said: ${comment}`] : []),
      "Type progress to see where you are.",
    ].join("\n"),
  };
}

/** The relationship as stored: the chosen one's label, or the witness's words for "other" (or an older card's text). */
function relationshipWords(inputs: Record<string, string>): string {
  const choice = WITNESS_RELATIONSHIPS.find((r) => r.value === inputs.relationship)?.value;
  if (!choice) return inputs.relationship ?? "";
  return relationshipText(choice as WitnessRelationshipChoice, inputs.relationshipOther ?? "");
}

/** For a button pressed again after it did its work (a double tap, a second copy): what is already done. */
function alreadyDone(verb: string, now: EvidenceView): string | undefined {
  const filed = now.status !== "draft" && now.status !== "referred" && now.status !== "discarded";
  if (verb === "evidence.submit" && filed) return `${now.ref} is already filed; nothing more to do.`;
  if (verb === "evidence.discard" && now.status === "discarded")
    return `${now.ref} is already discarded; nothing was filed.`;
  if (DECISION_VERBS.has(verb) && (now.status === "assessed" || now.status === "sampled"))
    return `${now.ref} is already assessed; here is the decision.`;
  if (DECISION_VERBS.has(verb) && now.status === "referred")
    return `${now.ref} is already referred back to the candidate.`;
  return undefined;
}

/** Handles one card action; a stale version gets the current card with a friendly notice. */
export async function handleAction(turn: Turn, data: CardActionData): Promise<BotReply[]> {
  const parsed = parseCardAction(data);
  if (!parsed) return [say(MALFORMED)];
  const { payload, inputs } = parsed;
  // a plan's or feedback's card: its use cases load and authorise what it is about ("not found" for anyone else)
  if (payload.verb === "plan.make" || payload.verb === "plan.sign")
    return planAction(turn, payload.verb, payload.evidenceId, inputs);
  if (payload.verb === "feedback.reply" || payload.verb === "feedback.sign")
    return feedbackAction(turn, payload.verb, payload.evidenceId, inputs);
  if (payload.verb === "statement.sign") return statementAction(turn, payload.evidenceId);
  if (payload.verb === "queue.show") return queue(turn, { replacesCard: true });
  const actorId = turn.person.id;
  const { portfolio } = turn;
  // Re-read first: this is also the permission check (not found for anyone with no access).
  const before = await portfolio.view({ actorId, evidenceId: payload.evidenceId });
  try {
    return await dispatch(turn, payload.verb, before, payload.version, inputs);
  } catch (error) {
    if (error instanceof AppError && (error.code === "stale" || error.code === "forbidden_state")) {
      const now = await portfolio.view({ actorId, evidenceId: payload.evidenceId });
      // A second tap of a button that already did its work says so, rather than "this changed".
      const done = alreadyDone(payload.verb, now);
      if (done) return [await currentCard(turn, now, done)];
      if (error.code === "forbidden_state") throw error;
      return [await currentCard(turn, now, "This changed since you opened it; here is the current card.")];
    }
    throw error;
  }
}

async function dispatch(
  turn: Turn,
  verb: string,
  evidence: EvidenceView,
  version: number,
  inputs: Record<string, string>,
): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const { catalogue } = portfolio;
  const actorId = person.id;
  const eventId = command.eventId;
  const base = { actorId, evidenceId: evidence.id, eventId };
  const reread = () => portfolio.view({ actorId, evidenceId: evidence.id });
  // The use cases check the version and the person's right to act, in that order of their own.
  // Someone else who may see the evidence but not decide on it (a witness, the verifier) is told so first.
  if (DECISION_VERBS.has(verb) && evidence.candidateId !== actorId && !isAssignedAssessor(person, evidence))
    return [say(notTheAssessor(evidence))];

  switch (verb) {
    case REFRESH_VERB: {
      // A copy of a card being shown again: the evidence as it is now, for this person. Nothing changes.
      const record = evidence.source !== "witness" && (await recordCardFor(portfolio, evidence.id, actorId));
      return [record ? { ...record, replacesCard: true } : await currentCard(turn, evidence)];
    }
    case "record.sign":
    case "record.confirm":
      return recordAction(turn, verb, evidence.id, version, inputs);
    case "evidence.submit": {
      // Unticked suggestions are removed first (a new version), then the draft is submitted.
      const unticked = evidence.activeClaims
        .filter((c) => inputs[`claim:${c.targetId}`] === "false")
        .map((c) => c.targetId);
      await portfolio.submit({ actorId, evidence, version, unticked, eventId });
      // One confirmation: the card that replaces the draft says it is filed and where it went.
      return [await currentCard(turn, await reread())];
    }
    case "evidence.edit": {
      const text = (inputs.text ?? "").trim();
      if (!text)
        return [say("The text was empty, so I kept your account as it was. Type it again with Edit text.")];
      const { privacy } = await portfolio.editText({ actorId, evidence, version, text, eventId });
      const after = await reread();
      return [
        card(
          { kind: "suggestion", view: suggestionView(catalogue, after, { privacy }) },
          { replacesCard: true },
        ),
      ];
    }
    case "evidence.redact": {
      if (!(await portfolio.redact({ actorId, evidence, version, eventId })))
        return [say("I found no customer details left to remove.")];
      const after = await reread();
      return [
        card({ kind: "suggestion", view: suggestionView(catalogue, after) }, { replacesCard: true }),
        say(
          "Done: the customer's details are replaced in the new version. The earlier version is kept for the audit trail only.",
        ),
      ];
    }
    case "evidence.discard": {
      await portfolio.discard({ ...base, version });
      // The draft's card is replaced by one that offers nothing: there is nothing left to press.
      return [await currentCard(turn, await reread())];
    }
    case "evidence.open":
    case "sample.open":
      return [await currentCard(turn, evidence)];
    case "evidence.approve_all":
      await portfolio.decide({
        ...base,
        version,
        outcome: "assessed",
        claims: evidence.activeClaims.map((c) => ({ targetId: c.targetId, decision: "accepted" as const })),
        ...(inputs.comment?.trim() ? { comment: inputs.comment.trim() } : {}),
      });
      return [await currentCard(turn, await reread())];
    case "evidence.decide": {
      // A claim with no choice (a trimmed Slack card, a cleared dropdown) is not taken as accepted: the use case
      // refuses an assessment that leaves any claim undecided.
      await portfolio.decideFromForm({
        ...base,
        version,
        outcome: "assessed",
        fields: inputs,
        comment: inputs.comment,
      });
      return [await currentCard(turn, await reread())];
    }
    case "evidence.refer": {
      const comment = inputs.comment?.trim();
      if (!comment)
        return [say("Say what the candidate should change in the comment box, then press Refer back again.")];
      await portfolio.decide({ ...base, version, outcome: "referred", comment });
      return [await currentCard(turn, await reread())];
    }
    case "witness.testify":
    case "witness.decline": {
      const request = evidence.witnessRequests.find((r) => r.witnessId === actorId && r.status === "pending");
      if (!request) return [await currentCard(turn, evidence)];
      await portfolio.testify({
        actorId,
        requestId: request.id,
        eventId,
        statusCategory: Number(inputs.statusCategory),
        relationship: relationshipWords(inputs),
        declaredNoPersonalRelationship: inputs.declaration === "true",
        text: inputs.testimony ?? "",
        ...(verb === "witness.decline" ? { decline: true } : {}),
      });
      const candidate = evidence.names[evidence.candidateId] ?? "The candidate";
      return [
        await currentCard(turn, await reread()),
        say(
          verb === "witness.decline"
            ? `Thank you for letting us know. ${candidate} is told you couldn't confirm ${evidence.ref}, so they can ask someone else.`
            : "Thank you. Your testimony is with the candidate's evidence.",
        ),
      ];
    }
    case "sample.countersign": {
      await portfolio.sample({
        ...base,
        version,
        outcome: inputs.outcome === "disagreed" ? "disagreed" : "agreed",
        ...(inputs.comment?.trim() ? { comment: inputs.comment.trim() } : {}),
      });
      return [await currentCard(turn, await reread())];
    }
    default:
      return [say(MALFORMED)];
  }
}
