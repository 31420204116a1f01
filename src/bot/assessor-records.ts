// The assessor's own evidence in chat: "observed Amira …" or a voice note files a record, Sign and Confirm finish it.

import type { AssessorRecordView } from "../cards/index.ts";
import { AppError } from "../core/errors.ts";
import { type CandidateEntry, type ObservationView, type Portfolio, ukDateTime } from "../portfolio/index.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";

type Method = "observation" | "professional_discussion" | "oral_questioning";

const TITLES: Record<string, string> = {
  observation: "Observation record",
  professional_discussion: "Professional discussion record",
  oral_questioning: "Oral questioning record",
};

/** The candidate named at the start of `rest` (full name, email or first name), and what follows it. */
export function matchCandidate(
  candidates: readonly CandidateEntry[],
  rest: string,
): { candidate: CandidateEntry; text: string } | null {
  const lower = rest.toLowerCase();
  const names = candidates
    .flatMap((c) => [c.name, c.email, c.name.split(/\s+/)[0] ?? ""].map((n) => ({ c, n: n.toLowerCase() })))
    .filter(({ n }) => n.length > 1)
    .sort((a, b) => b.n.length - a.n.length);
  for (const { c, n } of names) {
    if (!lower.startsWith(n)) continue;
    const after = rest.slice(n.length);
    if (after && !/^[\s:,;.\-–]/.test(after)) continue;
    // a first name shared by two of the assessor's candidates is not a match: the full name is needed
    const first = n === (c.name.split(/\s+/)[0] ?? "").toLowerCase();
    if (first && candidates.filter((o) => o.name.toLowerCase().startsWith(`${n} `)).length > 1) continue;
    return { candidate: c, text: after.replace(/^[\s:,;.\-–]+/, "").trim() };
  }
  return null;
}

/** Files an observation or discussion typed or spoken by the candidate's assessor, and shows it to correct and sign. */
export async function recordInChat(
  turn: Turn,
  method: Method,
  rest: string,
  voice?: { engine: string; audioPath?: string },
): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const mine = (await portfolio.myCandidates({ actorId: person.id })).filter((c) => c.as === "assessor");
  const match = matchCandidate(mine, rest);
  if (!match)
    return [
      say(
        `I can't find that candidate among the people you assess. Start with their name, for example "observed ${mine[0]?.name.split(/\s+/)[0] ?? "Amira"}: greeted the customer by name…".`,
      ),
    ];
  if (!match.text)
    return [say(`Say what you saw ${match.candidate.name} do after their name, then send it again.`)];
  const input = {
    actorId: person.id,
    candidateId: match.candidate.id,
    text: match.text,
    eventId: command.eventId,
    ...(voice
      ? {
          source: "voice" as const,
          transcriptionEngine: voice.engine,
          ...(voice.audioPath ? { audioPath: voice.audioPath } : {}),
        }
      : {}),
  };
  const filed =
    method === "observation"
      ? await portfolio.recordObservation(input)
      : await portfolio.recordDiscussion({ ...input, method });
  const view = await portfolio.viewObservation({
    actor: { personId: person.id },
    evidenceId: filed.evidence.id,
  });
  return [
    card(
      { kind: "assessorRecord", view: recordView(view, person.id) },
      {
        text: `${view.evidence.ref} is saved. Untick any standard it does not show, then press Sign the record; ${match.candidate.name} is asked to confirm it then.`,
      },
    ),
  ];
}

/** The record as this person sees it: Sign for its assessor, Confirm for its candidate once signed. */
export function recordView(view: ObservationView, viewerId: string): AssessorRecordView {
  const { evidence, record } = view;
  const discussion = evidence.method !== "observation";
  // a discussion looks for knowledge above all: its knowledge items come first
  const claims = [...view.standards].sort((a, b) =>
    discussion ? Number(b.kind === "knowledge") - Number(a.kind === "knowledge") : 0,
  );
  const signedByAssessor = Boolean(view.assessorSignature);
  const next =
    viewerId === record.assessorId && !signedByAssessor
      ? "sign"
      : viewerId === evidence.candidateId && signedByAssessor && !view.candidateSignature
        ? "confirm"
        : "none";
  const status = view.candidateSignature
    ? "Both have signed: its claims are assessed and it is on the unit recording form."
    : signedByAssessor
      ? viewerId === evidence.candidateId
        ? "Read it, and press Confirm it is right if it is what happened."
        : `Waiting for ${view.candidateName} to confirm it.`
      : viewerId === record.assessorId
        ? "Untick any standard it does not show, then sign it."
        : `Waiting for ${view.assessorName} to sign it.`;
  return {
    evidenceId: evidence.id,
    version: evidence.version,
    ref: evidence.ref,
    title: TITLES[evidence.method] ?? "Assessor's record",
    candidateName: view.candidateName,
    assessorName: view.assessorName,
    heldAt: ukDateTime(record.heldAt),
    text: evidence.text,
    claims: claims.map((c) => ({ targetId: c.targetId, text: c.text, support: c.support })),
    signed: [view.assessorSignature?.line, view.candidateSignature?.line].filter((l): l is string => !!l),
    next,
    status,
  };
}

/** The record card for someone, or undefined when the evidence is not an assessor's record or they may not see it. */
export async function recordCardFor(
  portfolio: Portfolio,
  evidenceId: string,
  viewerId: string,
): Promise<BotReply | undefined> {
  const view = await portfolio
    .viewObservation({ actor: { personId: viewerId }, evidenceId })
    .catch(() => undefined);
  return view ? card({ kind: "assessorRecord", view: recordView(view, viewerId) }) : undefined;
}

/** Sign (the assessor, with any claims unticked) or Confirm (the candidate) from the record card. */
export async function recordAction(
  turn: Turn,
  verb: "record.sign" | "record.confirm",
  evidenceId: string,
  version: number,
  inputs: Record<string, string>,
): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const base = {
    actorId: person.id,
    evidenceId,
    version,
    eventId: command.eventId,
    channel: command.channel,
  };
  if (verb === "record.sign") {
    const unticked = Object.entries(inputs)
      .filter(([key, value]) => key.startsWith("claim:") && value === "false")
      .map(([key]) => key.slice("claim:".length));
    await portfolio.signObservation({ ...base, ...(unticked.length ? { removeClaims: unticked } : {}) });
  } else await portfolio.confirmObservation(base);
  const after = await recordCardFor(portfolio, evidenceId, person.id);
  if (!after) throw new AppError("not_found", "We can't find that record. Type help to see what you can do.");
  return [
    { ...after, replacesCard: true },
    say(
      verb === "record.sign"
        ? "Signed. The candidate is asked to read and confirm it."
        : "Thank you: you have confirmed it, and its claims count towards your units now. Type progress to see them.",
    ),
  ];
}

/** "Next planned assessment: …" for the candidate's progress, or undefined when nothing is planned. */
export async function nextPlanLine(portfolio: Portfolio, candidateId: string): Promise<string | undefined> {
  const { next } = await portfolio.actionPlans({ actor: { personId: candidateId }, candidateId });
  if (!next) return undefined;
  return `Next planned assessment: unit ${next.unitId} with ${next.assessorName}, ${ukDateTime(next.plannedAt)} at ${next.venue}.${next.agreed ? "" : " Press Sign on the plan I sent you (or sign it on your portfolio page) to agree it."}`;
}
