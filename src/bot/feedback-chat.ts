// Feedback in chat: "feedback for Amira on E6: …" sends it signed; the candidate reads it, may reply, and signs.

import type { FeedbackCardView } from "../cards/index.ts";
import { AppError } from "../core/errors.ts";
import type { FeedbackView } from "../portfolio/index.ts";
import { matchCandidate } from "./assessor-records.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";

const EXAMPLE = (name: string) =>
  `feedback for ${name} on E6: what went well and what to work on. Outcome: 201.1.1 and 201.1.2 shown`;
const ON = /^on\s+(?:(?:evidence\s+)?(e\s?\d{1,5})|(?:unit\s+)?(\d{3}))\b[\s:,;.\-–]*/i;
const OUTCOME = /(?:^|[\s.;])outcome\s*[:\-–]\s*([\s\S]+)$/i;

/** The outcome in words when the assessor left it out of feedback on assessed or referred evidence. */
function outcomeOf(evidence: { status: string; activeClaims: ReadonlyArray<{ decision: string }> }) {
  const claims = evidence.activeClaims.length;
  const accepted = evidence.activeClaims.filter((c) => c.decision === "accepted").length;
  if (evidence.status === "assessed" || evidence.status === "sampled")
    return `Assessed: ${accepted} of ${claims} claim${claims === 1 ? "" : "s"} accepted.`;
  if (evidence.status === "referred") return "Referred back for changes.";
  return undefined;
}

/** Files the feedback typed by the candidate's assessor, signed by them, and sends it to the candidate. */
export async function feedbackInChat(turn: Turn, rest: string): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const mine = (await portfolio.myCandidates({ actorId: person.id })).filter((c) => c.as === "assessor");
  const example = EXAMPLE(mine[0]?.name.split(/\s+/)[0] ?? "Amira");
  const match = matchCandidate(mine, rest);
  if (!match)
    return [
      say(
        `I can't find that candidate among the people you assess. Start with their name, for example "${example}".`,
      ),
    ];
  const on = ON.exec(match.text);
  if (!on) return [say(`Say which piece of evidence or unit the feedback is on, for example "${example}".`)];
  const body = match.text.slice(on[0].length);
  const outcomeMatch = OUTCOME.exec(body);
  const text = (outcomeMatch ? body.slice(0, outcomeMatch.index) : body).trim();
  if (!text) return [say(`Write the feedback after the evidence or unit, for example "${example}".`)];
  const ref = on[1] ? `E${Number(on[1].replace(/\D/g, ""))}` : undefined;
  const evidenceId = ref ? await portfolio.evidenceIdByRef(match.candidate.id, ref) : undefined;
  const evidence = evidenceId ? await portfolio.view({ actorId: person.id, evidenceId }) : undefined;
  const outcome = outcomeMatch?.[1]?.trim() || (evidence ? outcomeOf(evidence) : undefined);
  if (!outcome) return [say(`Add the outcome at the end, after "Outcome:", for example "${example}".`)];
  // sending it is the assessor's signature: given signed in one step, so the candidate gets one message
  const signed = await portfolio.giveFeedback({
    actorId: person.id,
    candidateId: match.candidate.id,
    ...(evidenceId ? { evidenceId } : { unitId: on[2] ?? "" }),
    text,
    outcome,
    sign: true,
    channel: command.channel,
    eventId: command.eventId,
  });
  return [
    card(
      { kind: "feedback", view: feedbackCardView(signed, person.id) },
      {
        text: `Signed and sent to ${signed.candidateName}. They read it in chat, can reply, and sign it; I'll tell you when they reply.`,
      },
    ),
  ];
}

/** The feedback as this person sees it: Reply (once) and Sign for the candidate, Sign for an assessor not yet signed. */
export function feedbackCardView(feedback: FeedbackView, viewerId: string): FeedbackCardView {
  const signedBy = (id: string) => feedback.signatures.some((s) => s.personId === id);
  const mine = viewerId === feedback.candidateId || viewerId === feedback.assessorId;
  const bothSigned = signedBy(feedback.candidateId) && signedBy(feedback.assessorId);
  const status = bothSigned
    ? "You have both signed this feedback."
    : viewerId === feedback.candidateId
      ? "Read it, reply if you want to, and press Sign to say you have read it."
      : `Waiting for ${signedBy(feedback.candidateId) ? feedback.assessorName : feedback.candidateName} to sign it.`;
  return {
    feedbackId: feedback.id,
    candidateName: feedback.candidateName,
    assessorName: feedback.assessorName,
    about: feedback.evidenceRef ?? `unit ${feedback.unitId} ${feedback.unitTitle}`.trim(),
    text: feedback.text,
    outcome: feedback.outcome,
    ...(feedback.reply ? { reply: feedback.reply } : {}),
    signed: feedback.signatures.map((s) => s.line),
    canReply: viewerId === feedback.candidateId && feedback.reply === null,
    canSign: mine && !signedBy(viewerId),
    status,
  };
}

/** Send my reply (the candidate, once) or Sign (either of its two people) from the feedback card. */
export async function feedbackAction(
  turn: Turn,
  verb: "feedback.reply" | "feedback.sign",
  feedbackId: string,
  inputs: Record<string, string>,
): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  if (verb === "feedback.reply") {
    const text = (inputs.reply ?? "").trim();
    // the use case checks who may reply first: a stranger hears "not found" whatever they typed
    const read = await portfolio.readFeedback({ actor: { personId: person.id }, feedbackId });
    if (read.candidateId !== person.id)
      throw new AppError(
        "not_found",
        "We can't find that feedback. Open the candidate's portfolio and try again from there.",
      );
    if (!text) return [say("Type your reply in the box on the feedback, then press Send my reply.")];
    const replied = await portfolio.replyToFeedback({ actorId: person.id, feedbackId, text });
    return [
      card({ kind: "feedback", view: feedbackCardView(replied, person.id) }, { replacesCard: true }),
      say(`Your reply is kept with the feedback, and ${replied.assessorName} is told.`),
    ];
  }
  const signed = await portfolio.signFeedback({ actorId: person.id, feedbackId, channel: command.channel });
  return [
    card({ kind: "feedback", view: feedbackCardView(signed, person.id) }, { replacesCard: true }),
    say(`Signed. ${person.id === signed.candidateId ? signed.assessorName : signed.candidateName} is told.`),
  ];
}
