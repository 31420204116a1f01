// Use case: a confirmed expert witness attaches their statement on a candidate: what they observed, against which criteria.
import { AppError } from "../core/errors.ts";
import { resolveClaims } from "./claims.ts";
import type { EvidenceSummary, PortfolioContext } from "./context.ts";
import { MAX_ACCOUNT_CHARS as MAX_TEXT } from "./create-draft.ts";
import { evidenceNotFound, personNotFound } from "./errors.ts";
import { type ExpertStatementView, expertStatementView } from "./expert-witness-view.ts";
import { loadActor, summary } from "./load.ts";
import { parseDateTime } from "./london-time.ts";
import { notifySafely, type PortfolioEvent, told } from "./notify.ts";
import { loadAssessorOfCandidate, recordNotFound, requiredText } from "./record-access.ts";
import type { SignedVia } from "./signing.ts";
import { isPersonalRelationship } from "./witness-rules.ts";

export interface AttachExpertStatementInput extends SignedVia {
  actorId: string;
  candidateId: string;
  /**
   * The expert witness the statement is from, when the candidate's assessor attaches it for them (the expert signs
   * it afterwards, in chat); left out when the expert attaches their own, signed as they attach it.
   */
  witnessId?: string;
  /**
   * The candidate's filed evidence the statement is about ("E6"): its account is the activity, its claims in the
   * unit are the criteria, and its time the date, unless given.
   */
  onEvidenceRef?: string;
  /** The unit; the first of the evidence's claimed units when left out with `onEvidenceRef`. */
  unitId?: string;
  skillsKnowledge?: string;
  /** Where it happened; the site on the expert's record when left out. */
  venue?: string;
  /** When the activity took place, e.g. "2026-11-30 14:30" (UK time). */
  occurredAt?: string;
  /** Candidate statement: description of the activity to be assessed by the witness. */
  activity?: string;
  /** The witness's description and authentication of the activity, and how competent they found the candidate. */
  text: string;
  /** The criteria (and knowledge items or ranges) of the unit the statement is against. */
  criteria?: string[];
  /** How the witness knows the candidate; the position on the expert's record when left out. */
  relationship?: string;
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

  // load and authorise: a witness whose record the centre confirmed (themselves, or through the candidate's assessor),
  // on a candidate of that centre and a unit of both
  const onBehalf = Boolean(input.witnessId && input.witnessId !== input.actorId);
  if (onBehalf) await loadAssessorOfCandidate(ctx, input);
  const witness = await loadActor(ctx, onBehalf ? (input.witnessId as string) : input.actorId);
  const candidate = await ctx.store.people.byId(input.candidateId);
  const record = candidate ? await ctx.store.expertWitnesses.byPerson(candidate.centreId, witness.id) : null;
  if (!candidate || candidate.erased || witness.id === candidate.id) throw personNotFound("that candidate");
  if (!record)
    throw onBehalf
      ? new AppError(
          "not_found",
          `${witness.name} has no record of expert witness at the centre. Ask the centre admin to record them first (shiftnote admin expert-witness add).`,
        )
      : personNotFound("that candidate");
  const about = await evidenceAbout(ctx, candidate.id, input.onEvidenceRef);
  const unitId = input.unitId ?? about?.claims.find((c) => c.active)?.unitId ?? "";
  const enrolment = (await ctx.store.enrolments.ofCandidate(candidate.id)).find((e) =>
    e.unitIds.includes(unitId),
  );
  if (!enrolment || !record.unitIds.includes(unitId))
    throw new AppError(
      "not_found",
      `${onBehalf ? `${witness.name} is` : "You are"} not recorded as an expert witness for unit ${unitId || "of that evidence"} of ${candidate.name}'s plan. Ask the centre to add the unit to the record.`,
    );
  // check the status: the centre confirmed the record; then the statement itself
  const signatures = await ctx.store.signatures.of([record.id]);
  if (!signatures.some((s) => s.kind === "expert_witness_confirmation"))
    throw new AppError(
      "forbidden_state",
      "The centre has not confirmed your record of expert witness yet, so statements can't be attached. Ask the centre admin.",
    );
  const relationship = requiredText(
    input.relationship ?? record.position,
    "Your relationship to the candidate",
    200,
  );
  if (isPersonalRelationship(relationship))
    throw new AppError(
      "bad_input",
      "Testimony from a relative, or from someone with a significant personal relationship with the candidate, can't be accepted (City & Guilds rules).",
    );
  const text = requiredText(input.text, "The witness statement", MAX_TEXT);
  const activity = requiredText(
    input.activity ?? (about ? `${about.ref}: ${about.text}` : ""),
    "The description of the activity",
    5000,
  );
  const venue = requiredText(input.venue ?? record.site, "The venue", 500);
  const occurredAt = input.occurredAt
    ? parseDateTime(input.occurredAt, "The date and time of the activity")
    : new Date(about?.createdAt ?? ctx.now().toISOString());
  const criteria =
    input.criteria ??
    about?.claims.filter((c) => c.active && c.unitId === unitId).map((c) => c.targetId) ??
    [];
  const claims = resolveClaims(
    ctx.catalogue,
    criteria.map((id) => ({ id })),
    "witness",
  );
  if (claims.length === 0)
    throw new AppError("bad_input", `Name the criteria of unit ${unitId} the statement is against.`);
  const other = claims.filter((c) => c.unitId !== unitId).map((c) => c.targetId);
  if (other.length)
    throw new AppError("bad_input", `${other.join(", ")} are not criteria of unit ${unitId}.`);

  // one transaction: the evidence, its claims, the statement, the witness's signature, the audit events
  const at = ctx.now();
  // the assessor is told there is a statement to assess; one the assessor attached goes to the expert to sign
  const attached = (statementId: string, evidenceId: string): PortfolioEvent =>
    onBehalf
      ? { type: "expert_witness.statement_to_sign", statementId, evidenceId, witnessId: witness.id }
      : {
          type: "expert_witness.statement_attached",
          statementId,
          evidenceId,
          candidateId: candidate.id,
          assessorId: enrolment.assessorId,
        };
  // signed by the expert as they attach it: the candidate is asked to sign it too
  const expertSigned = (statementId: string, evidenceId: string): PortfolioEvent => ({
    type: "expert_witness.statement_signed",
    statementId,
    evidenceId,
    candidateId: candidate.id,
  });
  const statementId = await ctx.store.once(
    input.eventId,
    "expert_statement.attach",
    input.actorId,
    async (tx) => {
      const { statement, ref } = await tx.expertWitnesses.fileStatement({
        expertWitnessId: record.id,
        enrolmentId: enrolment.id,
        witnessPersonId: witness.id,
        candidateId: candidate.id,
        unitId,
        skillsKnowledge: (input.skillsKnowledge?.trim() || `Performance criteria of unit ${unitId}`).slice(
          0,
          2000,
        ),
        venue,
        occurredAt,
        activity,
        relationship,
        contact: (input.contact?.trim() || witness.email).slice(0, 500),
        title: `Expert witness statement: ${witness.name}, unit ${unitId}${about ? ` (on ${about.ref})` : ""}`,
        text,
        claims,
      });
      await tx.audit.append({
        actor: { personId: input.actorId },
        action: "expert_witness.statement_attached",
        entityType: "evidence",
        entityId: statement.evidenceId,
        centreId: enrolment.centreId,
        data: {
          ref,
          statementId: statement.id,
          expertWitnessId: record.id,
          claims: claims.map((c) => c.targetId),
          ...(about ? { onEvidence: about.ref } : {}),
          ...(onBehalf ? { witnessId: witness.id } : {}),
        },
      });
      // the expert signs their own statement as they attach it; one the assessor attached waits for theirs
      if (!onBehalf)
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
      await tx.outbox.record(told(attached(statement.id, statement.evidenceId), input.actorId));
      if (!onBehalf)
        await tx.outbox.record(told(expertSigned(statement.id, statement.evidenceId), input.actorId));
      return statement.id;
    },
  );

  const result = await answer(ctx, statementId);
  await notifySafely(ctx.notify, attached(statementId, result.evidence.id));
  if (!onBehalf) await notifySafely(ctx.notify, expertSigned(statementId, result.evidence.id));
  return result;
}

/** The candidate's filed evidence named by its reference, or undefined when none is named; "not found" for a draft. */
async function evidenceAbout(ctx: PortfolioContext, candidateId: string, ref: string | undefined) {
  if (!ref) return undefined;
  const header = await ctx.store.evidence.headerByRef(candidateId, ref);
  const evidence = header ? await ctx.store.evidence.byId(header.id) : null;
  if (!evidence || evidence.status === "draft" || evidence.status === "discarded") throw evidenceNotFound();
  return evidence;
}

async function answer(ctx: PortfolioContext, statementId: string): Promise<AttachedStatement> {
  const statement = await ctx.store.expertWitnesses.statementById(statementId);
  const view = statement ? await expertStatementView(ctx, statement) : null;
  if (!statement || !view) throw recordNotFound("expert witness statement");
  return { statement: view, evidence: await summary(ctx, statement.evidenceId) };
}
