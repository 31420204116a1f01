// A witness stays independent of the judgement: never the candidate's assessor or internal verifier for that evidence.
import { AppError } from "../core/errors.ts";
import type { PortfolioContext } from "./context.ts";

/** The part a person plays on the candidate's enrolment that rules them out as a witness. */
export type StaffPart = "assessor" | "internal_verifier";

const PART_WORDS: Record<StaffPart, { who: string; why: string }> = {
  assessor: {
    who: "the assessor",
    why: "the person who judges the evidence can't also vouch for it",
  },
  internal_verifier: {
    who: "the internal verifier",
    why: "the internal verifier checks the assessment, so must stay independent of the evidence",
  },
};

/** Whether the person is the assessor or internal verifier of the enrolment the evidence belongs to. */
export async function staffPartOn(
  ctx: PortfolioContext,
  enrolmentId: string,
  personId: string,
): Promise<StaffPart | undefined> {
  const enrolment = await ctx.store.enrolments.byId(enrolmentId);
  if (enrolment?.assessorId === personId) return "assessor";
  if (enrolment?.internalVerifierId === personId) return "internal_verifier";
  return undefined;
}

/** Refuses asking the candidate's assessor or internal verifier to witness, telling the asker why and what to do. */
export async function refuseStaffAsWitness(
  ctx: PortfolioContext,
  evidence: { enrolmentId: string; ref: string },
  witness: { id: string; name: string },
): Promise<void> {
  const part = await staffPartOn(ctx, evidence.enrolmentId, witness.id);
  if (!part) return;
  throw new AppError(
    "conflict",
    `${witness.name} is ${PART_WORDS[part].who} for this candidate, so can't also be a witness for ${evidence.ref}: ${PART_WORDS[part].why}. Ask a team leader or colleague who saw the work instead.`,
  );
}

/** What the witness is told when they try to testify on evidence they assess or verify. */
export function staffWitnessMessage(part: StaffPart, ref: string): string {
  const observe =
    part === "assessor"
      ? " If you saw the work yourself, you can record that as an observation instead."
      : "";
  return `Thank you, but as the candidate's ${PART_WORDS[part].who.replace(/^the /, "")} you can't also be a witness for ${ref}: ${PART_WORDS[part].why}. Nothing was added.${observe} The candidate can ask a team leader or colleague who saw it.`;
}

/** Refuses a decision or a sample by someone who gave testimony for this evidence. */
export async function refuseWitnessAsJudge(
  ctx: PortfolioContext,
  evidence: { id: string; ref: string },
  actorId: string,
  part: StaffPart,
): Promise<void> {
  const request = await ctx.store.witnesses.byEvidenceAndWitness(evidence.id, actorId);
  if (request?.status !== "given") return;
  throw new AppError(
    "forbidden_state",
    part === "assessor"
      ? `You gave witness testimony for ${evidence.ref}, so you can't assess it as well: the person who vouches for the evidence can't also judge it. Nothing was saved. Ask your centre admin to assign another assessor for it.`
      : `You gave witness testimony for ${evidence.ref}, so you can't sample it: the internal verifier must be independent of the evidence. Nothing was saved. Another internal verifier of your centre can sample it.`,
  );
}
