// Expert witness statements in chat: "expert statement for Amira on E6 [from Tom Reid]: …" attaches one to the evidence.

import type { ExpertStatementCardView } from "../cards/index.ts";
import type { CandidateEntry, ExpertStatementView } from "../portfolio/index.ts";
import { ukDateTime } from "../portfolio/index.ts";
import { matchCandidate } from "./assessor-records.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";

const EXAMPLE = (name: string) =>
  `expert statement for ${name} on E6 from Tom Reid: what they saw her do. Criteria: 205.1.3, 205.2.4`;
const ON = /^on\s+(?:evidence\s+)?(e\s?\d{1,5})\b\s*/i;
const FROM = /^(?:from|by)\s+([^:]+?)\s*:\s*/i;
const CRITERIA = /(?:^|[\s.;])criteria\s*[:\-–]\s*([\w.,\s]+)$/i;

/** Files the statement against the candidate's evidence: the assessor for a named expert, or the expert themselves. */
export async function statementInChat(turn: Turn, rest: string): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const mine = (await portfolio.myCandidates({ actorId: person.id })).filter((c) => c.as === "assessor");
  // an expert witness (not the candidate's assessor) names any candidate of their centre; the use case checks their record
  const centre: CandidateEntry[] = (await portfolio.peopleInCentre(person.centreId))
    .filter((p) => p.roles.includes("candidate") && !p.erased && p.id !== person.id)
    .map((p) => ({ id: p.id, name: p.name, email: p.email, as: "centre" as const }));
  const example = EXAMPLE(mine[0]?.name.split(/\s+/)[0] ?? "Amira");
  const match = matchCandidate(mine, rest) ?? matchCandidate(centre, rest);
  if (!match) return [say(`I can't find that candidate. Start with their name, for example "${example}".`)];
  const on = ON.exec(match.text);
  if (!on?.[1]) return [say(`Say which piece of evidence the statement is about, for example "${example}".`)];
  let body = match.text.slice(on[0].length);
  const from = FROM.exec(body);
  body = from ? body.slice(from[0].length) : body.replace(/^[\s:,;.\-–]+/, "");
  const assessing = mine.some((c) => c.id === match.candidate.id);
  let witnessId: string | undefined;
  if (assessing) {
    const who = from?.[1]?.trim().toLowerCase();
    if (!who) return [say(`Say whose statement it is, for example "${example}".`)];
    const expert = (await portfolio.peopleInCentre(person.centreId)).find(
      (p) => !p.erased && (p.name.toLowerCase() === who || p.email.toLowerCase() === who),
    );
    if (!expert)
      return [
        say(
          `I can't find "${from?.[1]?.trim()}" in your centre. Use the expert witness's full name or email.`,
        ),
      ];
    witnessId = expert.id;
  }
  const criteria = CRITERIA.exec(body);
  const text = (criteria ? body.slice(0, criteria.index) : body).trim();
  if (!text) return [say(`Write what the expert observed after the colon, for example "${example}".`)];
  const attached = await portfolio.attachExpertStatement({
    actorId: person.id,
    candidateId: match.candidate.id,
    ...(witnessId ? { witnessId } : {}),
    onEvidenceRef: `E${Number(on[1].replace(/\D/g, ""))}`,
    text,
    ...(criteria?.[1] ? { criteria: criteria[1].split(/[\s,]+/).filter(Boolean) } : {}),
    channel: command.channel,
    eventId: command.eventId,
  });
  const view = attached.statement;
  return [
    card(
      { kind: "expertStatement", view: statementCardView(view, person.id) },
      {
        text: witnessId
          ? `${view.evidenceRef} is filed: ${view.witness.name}'s expert witness statement on ${match.candidate.name}'s evidence. ${view.witness.name} is asked to sign it.`
          : `${view.evidenceRef} is filed: your expert witness statement on ${match.candidate.name}'s evidence, signed by you. ${view.assessorName || "Their assessor"} is told to assess it.`,
      },
    ),
  ];
}

/** The statement as this person sees it: Sign for the expert until they have signed it, then for the candidate. */
export function statementCardView(view: ExpertStatementView, viewerId: string): ExpertStatementCardView {
  const expertSigned = view.signatures.some((s) => s.personId === view.witness.personId);
  const candidate = viewerId === view.candidateId;
  const candidateSigned = view.signatures.some((s) => s.personId === view.candidateId);
  const candidateToSign = candidate && expertSigned && !candidateSigned;
  return {
    statementId: view.id,
    ref: view.evidenceRef,
    witnessName: view.witness.name,
    position: view.witness.position,
    candidateName: view.candidateName,
    when: ukDateTime(view.occurredAt),
    text: view.text,
    criteria: view.claims.map((c) => c.targetId),
    signed: view.signatures.map((s) => s.line),
    canSign: (viewerId === view.witness.personId && !expertSigned) || candidateToSign,
    ...(candidate ? { signLabel: "Sign" } : {}),
    status: candidateToSign
      ? "Read it, and press Sign if it is a true account of what you did."
      : expertSigned
        ? "Signed by the expert witness: it is with the candidate's assessor to assess."
        : viewerId === view.witness.personId
          ? "Read it, and press Sign my statement if it is what you observed."
          : `Waiting for ${view.witness.name} to sign it.`,
  };
}

/** Sign my statement (the expert) or Sign (the candidate, once the expert has), from the card they were sent. */
export async function statementAction(turn: Turn, statementId: string): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const signed = await portfolio.signExpertStatement({
    actorId: person.id,
    statementId,
    channel: command.channel,
  });
  return [
    card({ kind: "expertStatement", view: statementCardView(signed, person.id) }, { replacesCard: true }),
    say(
      person.id === signed.candidateId
        ? `Signed: your signature is on ${signed.witness.name}'s expert witness statement (${signed.evidenceRef}).`
        : `Signed. Your statement (${signed.evidenceRef}) is with ${signed.candidateName}'s assessor to assess.`,
    ),
  ];
}
