// Assessment action plans in chat: "plan for Amira …" brings the form, sending it signs it, the candidate signs the card.

import type { ActionPlanCardView } from "../cards/index.ts";
import { AppError } from "../core/errors.ts";
import {
  type ActionPlanView,
  ASSESSMENT_METHOD_WORDS,
  type Coverage,
  type Portfolio,
  ukDateTime,
} from "../portfolio/index.ts";
import { matchCandidate } from "./assessor-records.ts";
import { readPlanWords } from "./plan-words.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";

/** The methods the chat form offers, in the order of 004's "Evidences assessed by". */
export const PLAN_METHODS = [
  "direct_observation",
  "oral_questioning",
  "professional_discussion",
  "witness_testimony",
  "portfolio_evidence",
  "case_study",
  "written_questions",
  "accredited_prior_achievement",
  "work_products",
] as const;

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;
/** The unit's gaps, one a line: the evidence requirements still to meet (as the plan fills them when left out). */
const gapsOf = (coverage: Coverage | undefined, unitId: string) =>
  (coverage?.gaps ?? []).filter((g) => g.startsWith(`${unitId}:`)).join("\n") ||
  `Unit ${unitId}: nothing missing; confirm the evidence already filed.`;
const whatOf = (unitId: string) => `Performance criteria, ranges and knowledge of unit ${unitId}`;

async function candidateFor(turn: Turn, rest: string, example: string) {
  const mine = (await turn.portfolio.myCandidates({ actorId: turn.person.id })).filter(
    (c) => c.as === "assessor",
  );
  const match = matchCandidate(mine, rest);
  if (!match)
    throw new AppError(
      "not_found",
      `I can't find that candidate among the people you assess. Start with their name, for example "${example.replace("NAME", firstName(mine[0]?.name ?? "Amira"))}".`,
    );
  return match;
}

/** "plan for Amira …": the plan form, prefilled from what was typed and the unit's gaps. */
export async function planInChat(turn: Turn, rest: string): Promise<BotReply[]> {
  const { portfolio, person } = turn;
  const { candidate, text } = await candidateFor(
    turn,
    rest,
    "plan for NAME 201 Friday 10:00 at the Leeds store",
  );
  const [coverage] = await portfolio.progress({ actor: { personId: person.id }, candidateId: candidate.id });
  const units = coverage?.units ?? [];
  if (!coverage || !units.length)
    return [say(`${candidate.name} is not enrolled on any units yet, so there is nothing to plan.`)];
  const words = readPlanWords(
    text,
    units.map((u) => u.unitId),
    new Date(),
  );
  const named = /\b(\d{3})\b/.exec(text)?.[1];
  const unitId =
    words.unitId ??
    units.find((u) => coverage.gaps.some((g) => g.startsWith(`${u.unitId}:`)))?.unitId ??
    units[0]?.unitId;
  if (!unitId) return [say("There is no unit to plan. Type help to see what you can do.")];
  const view = {
    candidateId: candidate.id,
    candidateName: candidate.name,
    units: units.map((u) => ({ value: u.unitId, label: `${u.unitId} ${u.title}` })),
    unitId,
    skillsKnowledge: whatOf(unitId),
    methods: PLAN_METHODS.map((m) => ({ value: m, label: ASSESSMENT_METHOD_WORDS[m] })),
    chosenMethods: ["direct_observation"],
    venue: words.venue ?? "",
    date: words.date ?? "",
    time: words.time ?? "",
    requirements: gapsOf(coverage, unitId),
    feedbackArrangements: "",
    ...(named && !words.unitId
      ? { note: `Unit ${named} is not on ${candidate.name}'s plan, so choose the unit below.` }
      : {}),
  };
  return [
    card(
      { kind: "actionPlanForm", view },
      {
        text: `Here is the assessment action plan for ${candidate.name}, with what is still missing from unit ${unitId}. Fill in the rest and press Sign and send the plan.`,
      },
    ),
  ];
}

/** The plan as this person sees it: Sign while they are one of its two people and have not signed. */
export function planCardView(plan: ActionPlanView, viewerId: string): ActionPlanCardView {
  const signedBy = (id: string) => plan.signatures.some((s) => s.personId === id);
  const mine = viewerId === plan.candidateId || viewerId === plan.assessorId;
  const status = plan.agreed
    ? "You have both signed: the plan is agreed, and it shows in the candidate's progress."
    : !signedBy(plan.candidateId)
      ? viewerId === plan.candidateId
        ? "Read it, and press Sign to agree to this plan."
        : `Waiting for ${plan.candidateName} to sign it.`
      : `Waiting for ${plan.assessorName} to sign it.`;
  return {
    planId: plan.id,
    candidateName: plan.candidateName,
    assessorName: plan.assessorName,
    unitId: plan.unitId,
    unitTitle: plan.unitTitle,
    skillsKnowledge: plan.skillsKnowledge,
    methods: plan.methods.map((m) => ASSESSMENT_METHOD_WORDS[m]),
    venue: plan.venue,
    when: ukDateTime(plan.plannedAt),
    requirements: plan.requirements,
    feedbackArrangements: plan.feedbackArrangements,
    signed: plan.signatures.map((s) => s.line),
    next: mine && !signedBy(viewerId) ? "sign" : "none",
    status,
  };
}

/** What the form sent back, as the plan's input; a prefill left as it was for another unit follows the unit chosen. */
async function fromForm(
  portfolio: Portfolio,
  actorId: string,
  candidateId: string,
  inputs: Record<string, string>,
) {
  const [coverage] = await portfolio.progress({ actor: { personId: actorId }, candidateId });
  const unitId = (inputs.unit ?? "").trim();
  const others = (coverage?.units ?? []).map((u) => u.unitId).filter((u) => u !== unitId);
  const requirements = (inputs.requirements ?? "").trim();
  const skills = (inputs.skillsKnowledge ?? "").trim();
  const date = (inputs.date ?? "").trim();
  const time = (inputs.time ?? "").trim();
  if (!date || !time)
    throw new AppError(
      "bad_input",
      "Choose the date and the time of the assessment, then press Sign and send the plan.",
    );
  return {
    unitId,
    methods: (inputs.methods ?? "")
      .split(",")
      .map((m) => m.trim())
      .filter((m): m is (typeof PLAN_METHODS)[number] => (PLAN_METHODS as readonly string[]).includes(m)),
    venue: inputs.venue ?? "",
    plannedAt: `${date} ${time}`,
    feedbackArrangements: inputs.feedbackArrangements ?? "",
    ...(requirements && !others.some((u) => gapsOf(coverage, u).trim() === requirements)
      ? { requirements }
      : {}),
    ...(skills && !others.some((u) => whatOf(u) === skills) ? { skillsKnowledge: skills } : {}),
  };
}

/** Sign and send the plan (the assessor, from the form), or Sign it (either of its two people, from the plan card). */
export async function planAction(
  turn: Turn,
  verb: "plan.make" | "plan.sign",
  subjectId: string,
  inputs: Record<string, string>,
): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const via = { actorId: person.id, channel: command.channel };
  if (verb === "plan.make") {
    // sending the form is the assessor's signature: made signed in one step, so the candidate gets one message
    const signed = await portfolio.makeActionPlan({
      actorId: person.id,
      candidateId: subjectId,
      ...(await fromForm(portfolio, person.id, subjectId, inputs)),
      sign: true,
      channel: command.channel,
      eventId: command.eventId,
    });
    return [
      card({ kind: "actionPlan", view: planCardView(signed, person.id) }, { replacesCard: true }),
      say(
        `Signed and sent: ${signed.candidateName} is asked to sign the plan, and it shows in their progress as the next planned assessment. I'll remind you both the day before.`,
      ),
    ];
  }
  const signed = await portfolio.signActionPlan({ ...via, planId: subjectId });
  return [
    card({ kind: "actionPlan", view: planCardView(signed, person.id) }, { replacesCard: true }),
    say(
      signed.agreed
        ? `Signed: you have both agreed the plan for unit ${signed.unitId}, ${ukDateTime(signed.plannedAt)} at ${signed.venue}.`
        : `Signed. ${signed.assessorName} is told.`,
    ),
  ];
}
