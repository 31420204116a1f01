// Evidence, its versions and its claims: reads and guarded writes (every state change checks the version it expects).
import { randomUUID } from "node:crypto";
import type { AuditEntry } from "./audit-repository.ts";
import type { Db } from "./db.ts";
import { claimSelect, fullSelect, headerSelect, toHeader, toRecord } from "./evidence-rows.ts";
import { Prisma } from "./generated/client/index.js";
import type {
  ClaimDecision,
  ClaimKind,
  ClaimProposer,
  ClaimRecord,
  CoverageClaim,
  EvidenceHeader,
  EvidenceMethod,
  EvidenceRecord,
  EvidenceSetting,
  EvidenceSource,
  EvidenceStatus,
} from "./types.ts";

export interface NewClaim {
  kind: ClaimKind;
  targetId: string;
  unitId: string;
  proposedBy: ClaimProposer;
  support: string;
}

export interface NewEvidence {
  enrolmentId: string;
  candidateId: string;
  title: string;
  source: EvidenceSource;
  method: EvidenceMethod;
  setting: EvidenceSetting;
  occurredOn: string | null;
  text: string;
  authorId: string;
  claims: NewClaim[];
  /** A voice note's recording (relative to the files area) and the engine that transcribed it. */
  audioPath?: string | null;
  transcriptionEngine?: string | null;
}

export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  /**
   * A new draft in one statement (so one transaction): its number taken from the enrolment, the evidence row,
   * its first version, its claims, the audit event and, when given, the event id that makes a retry harmless.
   * A retry that raced this one fails on the event id's key and changes nothing.
   */
  async createDraft(
    input: NewEvidence & {
      audit: Omit<AuditEntry, "entityId" | "data">;
      event?: { id: string; action: string; actorId: string | null };
    },
  ): Promise<{ id: string; ref: string }> {
    const id = randomUUID();
    const actorId = "personId" in input.audit.actor ? input.audit.actor.personId : null;
    const actorLabel = "label" in input.audit.actor ? input.audit.actor.label : null;
    const claims = input.claims;
    const targets = claims.map((c) => c.targetId);
    const event = input.event
      ? Prisma.sql`, processed AS (
          INSERT INTO processed_event (event_id, action, result)
          SELECT ${input.event.id}, ${input.event.action},
                 json_build_object('id', created.id, 'actorId', ${input.event.actorId}::text)::jsonb FROM created
          RETURNING 1)`
      : Prisma.empty;
    const rows = await this.db.$queryRaw<Array<{ id: string; ref: string }>>`
      WITH numbered AS (
        UPDATE enrolment SET next_evidence_number = next_evidence_number + 1
         WHERE id = ${input.enrolmentId}
        RETURNING next_evidence_number - 1 AS number),
      created AS (
        INSERT INTO evidence (id, enrolment_id, candidate_id, ref, title, source, method, setting, occurred_on,
                              audio_path, transcription_engine)
        SELECT ${id}, ${input.enrolmentId}, ${input.candidateId}, 'E' || numbered.number, ${input.title},
               ${input.source}::"EvidenceSource", ${input.method}::"EvidenceMethod",
               ${input.setting}::"EvidenceSetting", ${input.occurredOn}::date, ${input.audioPath ?? null}::text,
               ${input.transcriptionEngine ?? null}::text
          FROM numbered
        RETURNING id, ref),
      versioned AS (
        INSERT INTO evidence_version (id, evidence_id, number, text, author_id)
        SELECT gen_random_uuid()::text, created.id, 1, ${input.text}, ${input.authorId} FROM created
        RETURNING 1),
      claimed AS (
        INSERT INTO claim (id, evidence_id, kind, target_id, unit_id, proposed_by, support)
        SELECT gen_random_uuid()::text, created.id, c.kind::"ClaimKind", c.target_id, c.unit_id,
               c.proposed_by::"ClaimProposer", c.support
          FROM created,
               unnest(${claims.map((c) => c.kind)}::text[], ${targets}::text[], ${claims.map((c) => c.unitId)}::text[],
                      ${claims.map((c) => c.proposedBy)}::text[], ${claims.map((c) => c.support)}::text[])
                 AS c(kind, target_id, unit_id, proposed_by, support)
        RETURNING 1),
      audited AS (
        INSERT INTO audit_event (actor_id, actor_label, action, entity_type, entity_id, centre_id, data)
        SELECT ${actorId}::text, ${actorLabel}::text, ${input.audit.action}, ${input.audit.entityType}, created.id,
               ${input.audit.centreId ?? null}::text,
               jsonb_build_object('ref', created.ref, 'claims', to_jsonb(${targets}::text[]))
          FROM created
        RETURNING 1)${event}
      SELECT id, ref FROM created`;
    const row = rows[0];
    if (!row) throw new Error(`Enrolment ${input.enrolmentId} does not exist.`);
    return row;
  }

  async header(id: string): Promise<EvidenceHeader | null> {
    const row = await this.db.evidence.findUnique({ where: { id }, select: headerSelect });
    return row ? toHeader(row) : null;
  }

  async headerByRef(candidateId: string, ref: string): Promise<EvidenceHeader | null> {
    const row = await this.db.evidence.findUnique({
      where: { candidateId_ref: { candidateId, ref } },
      select: headerSelect,
    });
    return row ? toHeader(row) : null;
  }

  async byId(id: string): Promise<EvidenceRecord | null> {
    const row = await this.db.evidence.findUnique({ where: { id }, select: fullSelect });
    return row ? toRecord(row) : null;
  }

  /** Every piece of a candidate's evidence, oldest first. */
  async ofCandidate(candidateId: string): Promise<EvidenceRecord[]> {
    const rows = await this.db.evidence.findMany({
      where: { candidateId },
      select: fullSelect,
      orderBy: { createdAt: "asc" },
    });
    return rows.map(toRecord);
  }

  /** Evidence headers of some enrolments, optionally only in some statuses, oldest change first. */
  async headersOf(enrolmentIds: string[], statuses?: EvidenceStatus[]): Promise<EvidenceHeader[]> {
    const rows = await this.db.evidence.findMany({
      where: { enrolmentId: { in: enrolmentIds }, ...(statuses ? { status: { in: statuses } } : {}) },
      select: headerSelect,
      orderBy: { updatedAt: "asc" },
    });
    return rows.map(toHeader);
  }

  /** Assessed, not yet sampled evidence of a centre, oldest change first. */
  async assessedInCentre(centreId: string, limit = 200): Promise<EvidenceHeader[]> {
    const rows = await this.db.evidence.findMany({
      where: { status: "assessed", enrolment: { centreId } },
      select: headerSelect,
      orderBy: { updatedAt: "asc" },
      take: limit,
    });
    return rows.map(toHeader);
  }

  async claims(evidenceId: string): Promise<ClaimRecord[]> {
    return this.db.claim.findMany({
      where: { evidenceId },
      select: claimSelect,
      orderBy: { targetId: "asc" },
    });
  }

  /**
   * Moves the evidence on if nobody changed it since `expectedVersion`: sets the status (when given) and bumps the
   * version. Returns the new version, or null when the version or status no longer match.
   */
  async advance(
    id: string,
    expectedVersion: number,
    fromStatuses: readonly EvidenceStatus[],
    toStatus?: EvidenceStatus,
  ): Promise<number | null> {
    const result = await this.db.evidence.updateMany({
      where: { id, version: expectedVersion, status: { in: [...fromStatuses] } },
      data: { version: { increment: 1 }, updatedAt: new Date(), ...(toStatus ? { status: toStatus } : {}) },
    });
    return result.count === 1 ? expectedVersion + 1 : null;
  }

  /** Bumps the version if the status still allows it (something was attached); returns the new version or null. */
  async touch(id: string, fromStatuses: readonly EvidenceStatus[]): Promise<number | null> {
    const rows = await this.db.evidence.updateManyAndReturn({
      where: { id, status: { in: [...fromStatuses] } },
      data: { version: { increment: 1 }, updatedAt: new Date() },
      select: { version: true },
    });
    return rows[0]?.version ?? null;
  }

  async updateDetails(
    id: string,
    data: Partial<{ title: string; setting: EvidenceSetting; method: EvidenceMethod }>,
  ): Promise<void> {
    if (Object.keys(data).length) await this.db.evidence.update({ where: { id }, data });
  }

  /** Every version of the account of some evidence, oldest first (for exports). */
  async versions(
    evidenceIds: string[],
  ): Promise<
    Array<{ evidenceId: string; number: number; text: string; authorId: string | null; at: string }>
  > {
    const rows = await this.db.evidenceVersion.findMany({
      where: { evidenceId: { in: evidenceIds } },
      select: { evidenceId: true, number: true, text: true, authorId: true, createdAt: true },
      orderBy: [{ evidenceId: "asc" }, { number: "asc" }],
    });
    return rows.map(({ createdAt, ...r }) => ({ ...r, at: createdAt.toISOString() }));
  }

  /** Adds a new version of the account; earlier versions stay. Returns its number. */
  async addVersion(evidenceId: string, text: string, authorId: string): Promise<number> {
    const last = await this.db.evidenceVersion.findFirst({
      where: { evidenceId },
      select: { number: true },
      orderBy: { number: "desc" },
    });
    const number = (last?.number ?? 0) + 1;
    await this.db.evidenceVersion.create({ data: { evidenceId, number, text, authorId } });
    return number;
  }

  /** Adds claims, or brings back ones removed earlier (with the new proposer and support). */
  async addClaims(evidenceId: string, claims: NewClaim[]): Promise<void> {
    for (const claim of claims) {
      await this.db.claim.upsert({
        where: { evidenceId_targetId: { evidenceId, targetId: claim.targetId } },
        create: { evidenceId, ...claim },
        update: {
          active: true,
          proposedBy: claim.proposedBy,
          support: claim.support,
          decision: "pending",
          comment: null,
          decidedAt: null,
          decidedById: null,
        },
      });
    }
  }

  /** Marks claims as removed by the candidate; they stay on record. */
  async removeClaims(evidenceId: string, targetIds: string[]): Promise<number> {
    const result = await this.db.claim.updateMany({
      where: { evidenceId, targetId: { in: targetIds }, active: true },
      data: { active: false },
    });
    return result.count;
  }

  async decideClaims(
    evidenceId: string,
    decisions: Array<{ claimId: string; decision: ClaimDecision; comment: string | null }>,
    assessorId: string,
    at: Date,
  ): Promise<void> {
    for (const d of decisions) {
      await this.db.claim.update({
        where: { id: d.claimId, evidenceId },
        data: { decision: d.decision, comment: d.comment, decidedById: assessorId, decidedAt: at },
      });
    }
  }

  /** Puts every active claim back to pending for a fresh assessment (earlier decisions stay in the audit log). */
  async resetDecisions(evidenceId: string): Promise<void> {
    await this.db.claim.updateMany({
      where: { evidenceId, active: true },
      data: { decision: "pending", comment: null, decidedById: null, decidedAt: null },
    });
  }

  /** The active claims of an enrolment's filed evidence (drafts are the candidate's own until submitted). */
  async coverageClaims(enrolmentId: string): Promise<CoverageClaim[]> {
    // One join, enums as text: this runs on every progress view, so it avoids the ORM's per-relation queries.
    const rows = await this.db.$queryRaw<
      Array<{
        kind: ClaimKind;
        target_id: string;
        unit_id: string;
        decision: ClaimDecision;
        ref: string;
        status: EvidenceStatus;
        method: EvidenceMethod;
      }>
    >`
      SELECT c.kind::text AS kind, c.target_id, c.unit_id, c.decision::text AS decision, e.ref, e.status::text AS status,
             e.method::text AS method
        FROM claim c JOIN evidence e ON e.id = c.evidence_id
       WHERE e.enrolment_id = ${enrolmentId} AND c.active AND e.status NOT IN ('draft', 'discarded')`;
    return rows.map((r) => ({
      kind: r.kind,
      targetId: r.target_id,
      unitId: r.unit_id,
      decision: r.decision,
      evidenceRef: r.ref,
      evidenceStatus: r.status,
      evidenceMethod: r.method,
    }));
  }

  /** Rewrites every stored copy of one evidence's words (its title, each version, each claim's quote) with `rewrite`. */
  async rewriteCopies(evidenceId: string, rewrite: (text: string) => string): Promise<void> {
    const row = await this.db.evidence.findUnique({
      where: { id: evidenceId },
      select: {
        title: true,
        versions: { select: { id: true, text: true } },
        claims: { select: { id: true, support: true } },
      },
    });
    if (!row) return;
    const title = rewrite(row.title);
    if (title !== row.title) await this.db.evidence.update({ where: { id: evidenceId }, data: { title } });
    for (const v of row.versions) {
      const text = rewrite(v.text);
      if (text !== v.text) await this.db.evidenceVersion.update({ where: { id: v.id }, data: { text } });
    }
    for (const c of row.claims) {
      const support = rewrite(c.support);
      if (support !== c.support) await this.db.claim.update({ where: { id: c.id }, data: { support } });
    }
  }

  /** Replaces the words of a candidate's evidence (every version, claim support and testimony) for erasure. */
  async eraseWordsOf(candidateId: string, placeholder: string): Promise<number> {
    const ids = (await this.db.evidence.findMany({ where: { candidateId }, select: { id: true } })).map(
      (e) => e.id,
    );
    // the words of what their assessor wrote back to them, and of their replies
    await this.db.feedback.updateMany({
      where: { candidateId },
      data: { text: placeholder, outcome: placeholder },
    });
    await this.db.feedback.updateMany({
      where: { candidateId, reply: { not: null } },
      data: { reply: placeholder },
    });
    if (ids.length === 0) return 0;
    await this.db.evidence.updateMany({ where: { id: { in: ids } }, data: { title: placeholder } });
    // assessors' records and expert witness statements about them: questions, answers, locations, the activity
    await this.db.discussionQuestion.updateMany({
      where: { evidenceId: { in: ids } },
      data: { question: placeholder, answer: placeholder },
    });
    await this.db.supplementaryEvidence.updateMany({
      where: { evidenceId: { in: ids } },
      data: { location: placeholder },
    });
    await this.db.expertWitnessStatement.updateMany({
      where: { evidenceId: { in: ids } },
      data: { activity: placeholder },
    });
    await this.db.evidenceVersion.updateMany({
      where: { evidenceId: { in: ids } },
      data: { text: placeholder },
    });
    await this.db.claim.updateMany({ where: { evidenceId: { in: ids } }, data: { support: "" } });
    await this.db.testimony.updateMany({ where: { evidenceId: { in: ids } }, data: { text: placeholder } });
    return ids.length;
  }
}
