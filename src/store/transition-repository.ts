// Guarded evidence state changes as single SQL statements: version check, state, records, audit event and event id at once.
import type { AuditEntry } from "./audit-repository.ts";
import type { Db } from "./db.ts";
import { Prisma } from "./generated/client/index.js";
import { type OutboxEntry, outboxInsert } from "./outbox-repository.ts";
import type { Channel, EvidenceHeader, EvidenceStatus, PersonRecord, Role, SampleOutcome } from "./types.ts";

/** What authorising and status checks need, in one round trip. */
export interface TransitionFacts extends EvidenceHeader {
  setting: "workplace" | "realistic_working_environment" | "simulation";
  /** The enrolment's unit plan. */
  planUnitIds: string[];
  /** Active claims: id, target and unit. */
  claims: Array<{ id: string; targetId: string; unitId: string }>;
  /** The assessor made it (observation, discussion): its claims are assessed when both have signed. */
  assessorMade: boolean;
}

/** What `open` finds: each part is null when it does not exist. */
export interface OpenedTransition {
  actor: PersonRecord | null;
  facts: TransitionFacts | null;
  /** The actor was asked to witness this evidence (whatever became of the request). */
  askedToWitness: boolean;
  /** The record of the event id, when it was handled before. */
  event: { action: string; result: { id: string; actorId: string | null } } | null;
}

type OpenRow = {
  actor_id: string | null;
  actor_centre_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  actor_job_title: string | null;
  actor_roles: Role[] | null;
  actor_erased: boolean | null;
  event_action: string | null;
  event_result: unknown;
  asked: boolean;
  assessor_made: boolean;
  id: string | null;
  enrolment_id: string | null;
  centre_id: string | null;
  candidate_id: string | null;
  assessor_id: string | null;
  ref: string | null;
  status: EvidenceStatus | null;
  version: number | null;
  setting: TransitionFacts["setting"] | null;
  unit_ids: string[] | null;
  claim_id: string | null;
  target_id: string | null;
  unit_id: string | null;
};

export interface Transition {
  evidenceId: string;
  expectedVersion: number;
  from: readonly EvidenceStatus[];
  to: EvidenceStatus;
  audit: AuditEntry;
  /** Recorded in the same statement so a retry with the same id is answered from it. */
  event?: { id: string; action: string; actorId: string | null };
  /** Assessor decisions on claims, and the decision record. */
  decision?: {
    assessorId: string;
    outcome: "assessed" | "referred";
    comment: string;
    claims: Array<{ claimId: string; decision: "accepted" | "rejected"; comment: string | null }>;
  };
  /** Puts every active claim back to pending (resubmission). */
  resetDecisions?: boolean;
  sample?: { verifierId: string; outcome: SampleOutcome; comment: string };
  /**
   * A signature recorded with the change, with its own audit event ("signature.recorded", after the change's own
   * event: reading `audited` makes it run first); one already given
   * for the same kind, evidence and person is kept and not repeated.
   */
  signature?: { kind: "authenticity"; personId: string; role: Role; channel: Channel | null };
  /** Who is told about it: written to the outbox in the same statement. */
  notify?: readonly OutboxEntry[];
}

const text = (v: string | null) => (v === null ? Prisma.sql`NULL::text` : Prisma.sql`${v}::text`);

/**
 * One statement is one transaction in PostgreSQL: every data-modifying part below runs only when the guarded
 * UPDATE of the evidence row matched (`moved` is not empty), so a stale version changes nothing at all.
 */
export class TransitionRepository {
  constructor(private readonly db: Db) {}

  async facts(evidenceId: string): Promise<TransitionFacts | null> {
    return (await this.open(evidenceId, null)).facts;
  }

  /**
   * Everything a guarded change needs before it is applied, in one round trip: the evidence facts, the acting
   * person, whether they were asked to witness it, and the record of an event id already handled.
   */
  async open(evidenceId: string, actorId: string | null, eventId?: string): Promise<OpenedTransition> {
    // One row per active claim (or one row with no claim): a plain join is cheaper here than aggregating JSON.
    const rows = await this.db.$queryRaw<OpenRow[]>`
      SELECT a.actor_id, a.actor_centre_id, a.actor_email, a.actor_name, a.actor_job_title, a.actor_roles,
             a.actor_erased, pe.action AS event_action, pe.result AS event_result,
             EXISTS (SELECT 1 FROM witness_request w WHERE w.evidence_id = ${evidenceId} AND w.witness_id = a.actor_id)
               AS asked,
             EXISTS (SELECT 1 FROM assessor_record ar WHERE ar.evidence_id = ${evidenceId}) AS assessor_made,
             f.*
        FROM (SELECT 1) AS anchor
        LEFT JOIN (
          SELECT id AS actor_id, centre_id AS actor_centre_id, email AS actor_email, name AS actor_name,
                 job_title AS actor_job_title, roles::text[] AS actor_roles, erased_at IS NOT NULL AS actor_erased
            FROM person WHERE id = ${actorId}::text) AS a ON true
        LEFT JOIN processed_event pe ON pe.event_id = ${eventId ?? null}::text
        LEFT JOIN (
          SELECT e.id, e.enrolment_id, en.centre_id, e.candidate_id, en.assessor_id, e.ref, e.status::text AS status,
                 e.version, e.setting::text AS setting, en.unit_ids, c.id AS claim_id, c.target_id, c.unit_id
            FROM evidence e
            JOIN enrolment en ON en.id = e.enrolment_id
            LEFT JOIN claim c ON c.evidence_id = e.id AND c.active
           WHERE e.id = ${evidenceId}) AS f ON true
       ORDER BY f.target_id`;
    const row = rows[0];
    const actor: PersonRecord | null =
      row?.actor_id && row.actor_centre_id && row.actor_email && row.actor_name && row.actor_roles
        ? {
            id: row.actor_id,
            centreId: row.actor_centre_id,
            email: row.actor_email,
            name: row.actor_name,
            jobTitle: row.actor_job_title,
            roles: [...row.actor_roles],
            erased: row.actor_erased === true,
          }
        : null;
    const event =
      row?.event_action && row.event_result
        ? {
            action: row.event_action,
            result: row.event_result as { id: string; actorId: string | null },
          }
        : null;
    const facts: TransitionFacts | null =
      row?.id && row.enrolment_id && row.centre_id && row.candidate_id && row.ref && row.status && row.setting
        ? {
            id: row.id,
            enrolmentId: row.enrolment_id,
            centreId: row.centre_id,
            candidateId: row.candidate_id,
            assessorId: row.assessor_id,
            ref: row.ref,
            status: row.status,
            version: Number(row.version),
            setting: row.setting,
            planUnitIds: [...(row.unit_ids ?? [])],
            claims: rows.flatMap((r) =>
              r.claim_id && r.target_id && r.unit_id
                ? [{ id: r.claim_id, targetId: r.target_id, unitId: r.unit_id }]
                : [],
            ),
            assessorMade: row.assessor_made === true,
          }
        : null;
    return { actor, facts, askedToWitness: row?.asked === true, event };
  }

  /** Applies the transition; returns the new version, or null when the version or status no longer match. */
  async apply(t: Transition): Promise<number | null> {
    const actorId = "personId" in t.audit.actor ? t.audit.actor.personId : null;
    const actorLabel = "label" in t.audit.actor ? t.audit.actor.label : null;
    const parts: Prisma.Sql[] = [
      Prisma.sql`moved AS (
        UPDATE evidence SET status = ${t.to}::"EvidenceStatus", version = version + 1, updated_at = now(),
               submitted_at = CASE WHEN ${t.to}::text = 'submitted' THEN now() ELSE submitted_at END
         WHERE id = ${t.evidenceId} AND version = ${t.expectedVersion}
           AND status::text = ANY(${[...t.from]}::text[])
        RETURNING id, version)`,
      Prisma.sql`audited AS (
        INSERT INTO audit_event (actor_id, actor_label, action, entity_type, entity_id, centre_id, data)
        SELECT ${text(actorId)}, ${text(actorLabel)}, ${t.audit.action}, ${t.audit.entityType}, ${t.audit.entityId},
               ${text(t.audit.centreId ?? null)}, ${JSON.stringify(t.audit.data ?? {})}::jsonb FROM moved
        RETURNING 1)`,
    ];
    if (t.event)
      parts.push(Prisma.sql`processed AS (
        INSERT INTO processed_event (event_id, action, result)
        SELECT ${t.event.id}, ${t.event.action},
               json_build_object('id', ${t.evidenceId}::text, 'actorId', ${text(t.event.actorId)})::jsonb FROM moved
        RETURNING 1)`);
    if (t.resetDecisions)
      parts.push(Prisma.sql`reset AS (
        UPDATE claim SET decision = 'pending', comment = NULL, decided_by_id = NULL, decided_at = NULL
         WHERE evidence_id = ${t.evidenceId} AND active AND EXISTS (SELECT 1 FROM moved)
        RETURNING 1)`);
    if (t.decision) {
      const d = t.decision;
      if (d.claims.length) {
        const values = Prisma.join(
          d.claims.map((c) => Prisma.sql`(${c.claimId}::text, ${c.decision}::text, ${text(c.comment)})`),
        );
        parts.push(Prisma.sql`decided AS (
          UPDATE claim c SET decision = v.decision::"ClaimDecision", comment = v.comment,
                 decided_by_id = ${d.assessorId}, decided_at = now()
            FROM (VALUES ${values}) AS v(id, decision, comment)
           WHERE c.id = v.id AND c.evidence_id = ${t.evidenceId} AND EXISTS (SELECT 1 FROM moved)
          RETURNING 1)`);
      }
      parts.push(Prisma.sql`recorded AS (
        INSERT INTO decision (id, evidence_id, assessor_id, outcome, comment, evidence_version)
        SELECT gen_random_uuid()::text, moved.id, ${d.assessorId}, ${d.outcome}::"DecisionOutcome", ${d.comment},
               ${t.expectedVersion} FROM moved
        RETURNING 1)`);
    }
    if (t.sample)
      parts.push(Prisma.sql`sampled AS (
        INSERT INTO sample (id, evidence_id, verifier_id, outcome, comment)
        SELECT gen_random_uuid()::text, moved.id, ${t.sample.verifierId}, ${t.sample.outcome}::"SampleOutcome",
               ${t.sample.comment} FROM moved
        RETURNING 1)`);
    if (t.signature) {
      const g = t.signature;
      parts.push(Prisma.sql`signed AS (
        INSERT INTO signature (id, kind, subject_type, subject_id, subject_version, person_id, role, channel)
        SELECT gen_random_uuid()::text, ${g.kind}::"SignatureKind", 'evidence', moved.id, moved.version,
               ${g.personId}, ${g.role}::"Role", ${text(g.channel)}::"Channel" FROM moved
        ON CONFLICT (kind, subject_id, person_id) DO NOTHING
        RETURNING id, subject_version)`);
      parts.push(Prisma.sql`signed_audit AS (
        INSERT INTO audit_event (actor_id, action, entity_type, entity_id, centre_id, data)
        SELECT ${g.personId}, 'signature.recorded', 'evidence', ${t.evidenceId}, ${text(t.audit.centreId ?? null)},
               jsonb_build_object('signatureId', signed.id, 'kind', ${g.kind}::text, 'role', ${g.role}::text,
                                  'channel', ${text(g.channel)}, 'version', signed.subject_version)
          FROM signed, audited
        RETURNING 1)`);
    }
    if (t.notify?.length) parts.push(outboxInsert(t.notify, Prisma.sql`moved.version`));
    const rows = await this.db.$queryRaw<Array<{ version: number }>>`
      WITH ${Prisma.join(parts, ",\n")}
      SELECT version FROM moved`;
    const version = rows[0]?.version;
    return version === undefined ? null : Number(version);
  }
}
