// Use case: a confirmed expert witness attaches their statement on a candidate: what they observed, against which criteria.
import { AppError } from "../core/errors.ts";
import { resolveClaims } from "./claims.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { MAX_ACCOUNT_CHARS as MAX_TEXT } from "./create-draft.ts";
import { personNotFound } from "./errors.ts";
import { type ExpertStatementView, expertStatementView } from "./expert-witness-view.ts";
import { loadActor, summary } from "./load.ts";
import { parseDateTime } from "./london-time.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { recordNotFound, requiredText } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";
import { isPersonalRelationship } from "./witness-rules.ts";

export interface AttachExpertStatementInput extends SignedVia {
  actorId: string;
  candidateId: string;
  unitId: string;
  skillsKnowledge?: string;
  venue: string;
  /** When the activity took place, e.g. "2026-11-30 14:30" (UK time). */
  occurredAt: string;
  /** Candidate statement: description of the activity to be assessed by the witness. */
  activity: string;
  /** The witness's description and authentication of the activity, and how competent they found the candidate. */
  text: string;
  /** The criteria (and knowledge items or ranges) of the unit the statement is against. */
  criteria: string[];
  relationship: string;
  /** Contact details; the witness's email when left out. */
  contact?: string;
  eventId?: string;
}

export interface AttachedStatement {
  statement: ExpertStatementView;
  evidence: EvidenceSummary;
}

/**
 * Files the statement as the candidate's witness-testimony evidence (submitted for their assessor to assess as any
 * other) and records the witness's signature on it. The candidate signs it afterwards.
 */
export async function attachExpertStatement(
  ctx: PortfolioContext,
  input: AttachExpertStatementInput,
): Promise<AttachedStatement> {
  const replayed = await ctx.store.replay(input.eventId, "expert_statement.attach", input.actorId);
  if (replayed) return answer(ctx, replayed);

  // load and authorise: a witness whose record the centre confirmed, on a candidate of that centre and a unit of both
  const witness = await loadActor(ctx, input.actorId);
  const candidate = await ctx.store.people.byId(input.candidateId);
  const record = candidate ? await ctx.store.expertWitnesses.byPerson(candidate.centreId, witness.id) : null;
  if (!candidate || candidate.erased || !record || witness.id === candidate.id)
    throw personNotFound("that candidate");
  const enrolment = (await ctx.store.enrolments.ofCandidate(candidate.id)).find((e) =>
    e.unitIds.includes(input.unitId),
  );
  if (!enrolment || !record.unitIds.includes(input.unitId))
    throw new AppError(
      "not_found",
      `You are not recorded as an expert witness for unit ${input.unitId} of ${candidate.name}'s plan. Ask the centre to add the unit to your record.`,
    );
  // check the status: the centre confirmed the record; then the statement itself
  const signatures = await ctx.store.signatures.of([record.id]);
  if (!signatures.some((s) => s.kind === "expert_witness_confirmation"))
    throw new AppError(
      "forbidden_state",
      "The centre has not confirmed your record of expert witness yet, so statements can't be attached. Ask the centre admin.",
    );
  const relationship = requiredText(input.relationship, "Your relationship to the candidate", 200);
  if (isPersonalRelationship(relationship))
    throw new AppError(
      "bad_input",
      "Testimony from a relative, or from someone with a significant personal relationship with the candidate, can't be accepted (City & Guilds rules).",
    );
  const text = requiredText(input.text, "The witness statement", MAX_TEXT);
  const activity = requiredText(input.activity, "The description of the activity", 5000);
  const venue = requiredText(input.venue, "The venue", 500);
  const occurredAt = parseDateTime(input.occurredAt, "The date and time of the activity");
  const claims = resolveClaims(
    ctx.catalogue,
    input.criteria.map((id) => ({ id })),
    "witness",
  );
  if (claims.length === 0)
    throw new AppError("bad_input", `Name the criteria of unit ${input.unitId} your statement is against.`);
  const other = claims.filter((c) => c.unitId !== input.unitId).map((c) => c.targetId);
  if (other.length)
    throw new AppError("bad_input", `${other.join(", ")} are not criteria of unit ${input.unitId}.`);

  // one transaction: the evidence, its claims, the statement, the witness's signature, the audit events
  const at = ctx.now();
  const attached = (statementId: string, evidenceId: string): PortfolioEvent => ({
    type: "expert_witness.statement_attached",
    statementId,
    evidenceId,
    candidateId: candidate.id,
    assessorId: enrolment.assessorId,
  });
  const statementId = await ctx.store.once(
    input.eventId,
    "expert_statement.attach",
    witness.id,
    async (tx) => {
      const { statement, ref } = await tx.expertWitnesses.fileStatement({
        expertWitnessId: record.id,
        enrolmentId: enrolment.id,
        witnessPersonId: witness.id,
        candidateId: candidate.id,
        unitId: input.unitId,
        skillsKnowledge: (
          input.skillsKnowledge?.trim() || `Performance criteria of unit ${input.unitId}`
        ).slice(0, 2000),
        venue,
        occurredAt,
        activity,
        relationship,
        contact: (input.contact?.trim() || witness.email).slice(0, 500),
        title: `Expert witness statement: ${witness.name}, unit ${input.unitId}`,
        text,
        claims,
      });
      await tx.audit.append({
        actor: { personId: witness.id },
        action: "expert_witness.statement_attached",
        entityType: "evidence",
        entityId: statement.evidenceId,
        centreId: enrolment.centreId,
        data: {
          ref,
          statementId: statement.id,
          expertWitnessId: record.id,
          claims: claims.map((c) => c.targetId),
        },
      });
      await tx.signatures.sign({
        kind: "expert_witness_statement",
        subjectType: "expert_witness_statement",
        subjectId: statement.id,
        personId: witness.id,
        role: "witness",
        channel: input.channel ?? null,
        signedAt: at,
        centreId: enrolment.centreId,
      });
      // the candidate's assessor is told it is there to assess
      await tx.outbox.record(told(attached(statement.id, statement.evidenceId), witness.id));
      return statement.id;
    },
  );

  const result = await answer(ctx, statementId);
  await notifySafely(ctx.notify, attached(statementId, result.evidence.id));
  return result;
}

async function answer(ctx: PortfolioContext, statementId: string): Promise<AttachedStatement> {
  const statement = await ctx.store.expertWitnesses.statementById(statementId);
  const view = statement ? await expertStatementView(ctx, statement) : null;
  if (!statement || !view) throw recordNotFound("expert witness statement");
  return { statement: view, evidence: await summary(ctx, statement.evidenceId) };
}
