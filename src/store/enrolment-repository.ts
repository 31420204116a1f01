// Enrolments: a candidate on a qualification with a unit plan, an assessor and an internal verifier.
import type { Db } from "./db.ts";
import type { EnrolmentRecord } from "./types.ts";

const select = {
  id: true,
  centreId: true,
  candidateId: true,
  qualificationId: true,
  level: true,
  unitIds: true,
  assessorId: true,
  internalVerifierId: true,
  registrationNumber: true,
} as const;

export class EnrolmentRepository {
  constructor(private readonly db: Db) {}

  async create(
    input: Omit<EnrolmentRecord, "id" | "registrationNumber"> & { registrationNumber?: string | null },
  ): Promise<EnrolmentRecord> {
    return this.db.enrolment.create({ data: input, select });
  }

  async byId(id: string): Promise<EnrolmentRecord | null> {
    return this.db.enrolment.findUnique({ where: { id }, select });
  }

  async ofCandidate(candidateId: string): Promise<EnrolmentRecord[]> {
    return this.db.enrolment.findMany({ where: { candidateId }, select, orderBy: { createdAt: "asc" } });
  }

  async byCandidateAndQualification(
    candidateId: string,
    qualificationId: string,
  ): Promise<EnrolmentRecord | null> {
    return this.db.enrolment.findUnique({
      where: { candidateId_qualificationId: { candidateId, qualificationId } },
      select,
    });
  }

  async ofAssessor(assessorId: string): Promise<EnrolmentRecord[]> {
    return this.db.enrolment.findMany({ where: { assessorId }, select, orderBy: { createdAt: "asc" } });
  }

  async update(
    id: string,
    data: Partial<
      Pick<EnrolmentRecord, "assessorId" | "internalVerifierId" | "unitIds" | "registrationNumber">
    >,
  ): Promise<EnrolmentRecord> {
    return this.db.enrolment.update({ where: { id }, data, select });
  }

  /** Takes the next evidence number for the enrolment; the row lock serialises concurrent drafts. */
  async takeEvidenceNumber(id: string): Promise<number> {
    const row = await this.db.enrolment.update({
      where: { id },
      data: { nextEvidenceNumber: { increment: 1 } },
      select: { nextEvidenceNumber: true },
    });
    return row.nextEvidenceNumber - 1;
  }
}
