// The assessor's own evidence (observation, professional discussion, oral questioning): the evidence row and its record.

import type {
  AssessorRecordRecord,
  QuestionRecord,
  SupplementaryKind,
  SupplementaryRecord,
} from "../core/record-types.ts";
import type { AuditEntry } from "./audit-repository.ts";
import type { Db } from "./db.ts";
import type { NewClaim } from "./evidence-repository.ts";
import type { EvidenceMethod, EvidenceSource } from "./types.ts";

export interface NewAssessorRecord {
  enrolmentId: string;
  candidateId: string;
  assessorId: string;
  title: string;
  method: Extract<EvidenceMethod, "observation" | "professional_discussion" | "oral_questioning">;
  source: EvidenceSource;
  heldAt: Date;
  text: string;
  claims: NewClaim[];
  supplementary: SupplementaryRecord[];
  questions: QuestionRecord[];
  audioPath?: string | null;
  transcriptionEngine?: string | null;
  audit: Omit<AuditEntry, "entityId" | "entityType">;
}

export class AssessorRecordRepository {
  constructor(private readonly db: Db) {}

  /**
   * Files the record as evidence of the candidate, already submitted (the assessor made it, so there is no
   * candidate draft): its reference from the enrolment, the first version, the claims, the record, the audit event.
   * Run it inside a transaction.
   */
  async create(input: NewAssessorRecord): Promise<{ id: string; ref: string }> {
    const numbered = await this.db.enrolment.update({
      where: { id: input.enrolmentId },
      data: { nextEvidenceNumber: { increment: 1 } },
      select: { nextEvidenceNumber: true },
    });
    const ref = `E${numbered.nextEvidenceNumber - 1}`;
    const row = await this.db.evidence.create({
      data: {
        enrolmentId: input.enrolmentId,
        candidateId: input.candidateId,
        ref,
        title: input.title,
        status: "submitted",
        source: input.source,
        method: input.method,
        occurredOn: input.heldAt,
        audioPath: input.audioPath ?? null,
        transcriptionEngine: input.transcriptionEngine ?? null,
        versions: { create: { number: 1, text: input.text, authorId: input.assessorId } },
        claims: { create: input.claims.map((c) => ({ ...c })) },
        assessorRecord: { create: { assessorId: input.assessorId, heldAt: input.heldAt } },
        supplementary: { create: input.supplementary.map((s) => ({ ...s })) },
        questions: { create: input.questions.map((q) => ({ ...q })) },
      },
      select: { id: true, ref: true },
    });
    await this.db.auditEvent.create({
      data: {
        actorId: "personId" in input.audit.actor ? input.audit.actor.personId : null,
        actorLabel: "label" in input.audit.actor ? input.audit.actor.label : null,
        action: input.audit.action,
        entityType: "evidence",
        entityId: row.id,
        centreId: input.audit.centreId ?? null,
        data: {
          ref: row.ref,
          method: input.method,
          claims: input.claims.map((c) => c.targetId),
          supplementary: input.supplementary.map((s) => s.kind),
          questions: input.questions.length,
        },
      },
    });
    return row;
  }

  /** The assessor's part of the record, or null when the evidence is not an assessor's record. */
  async of(evidenceId: string): Promise<AssessorRecordRecord | null> {
    const row = await this.db.assessorRecord.findUnique({
      where: { evidenceId },
      select: {
        evidenceId: true,
        assessorId: true,
        heldAt: true,
        evidence: {
          select: {
            supplementary: { select: { kind: true, location: true }, orderBy: { kind: "asc" } },
            questions: { select: { number: true, question: true, answer: true }, orderBy: { number: "asc" } },
          },
        },
      },
    });
    if (!row) return null;
    return {
      evidenceId: row.evidenceId,
      assessorId: row.assessorId,
      heldAt: row.heldAt.toISOString(),
      supplementary: row.evidence.supplementary.map((s) => ({
        kind: s.kind as SupplementaryKind,
        location: s.location,
      })),
      questions: row.evidence.questions,
    };
  }
}
