// Expert witnesses: their record (who they are and how they meet 004's requirements) and the statements they attach.

import type { ExpertStatementRecord, ExpertWitnessRecord } from "../core/record-types.ts";
import type { Db } from "./db.ts";
import type { NewClaim } from "./evidence-repository.ts";

export type NewExpertWitness = Omit<ExpertWitnessRecord, "id" | "createdAt">;
export type NewExpertStatement = Omit<ExpertStatementRecord, "id" | "createdAt" | "occurredAt"> & {
  occurredAt: Date;
};

const witnessSelect = {
  id: true,
  centreId: true,
  personId: true,
  position: true,
  site: true,
  unitIds: true,
  experienceYears: true,
  experience: true,
  standardsKnowledge: true,
  cpd: true,
  assessmentQualification: true,
  createdById: true,
  createdAt: true,
} as const;

const statementSelect = {
  id: true,
  expertWitnessId: true,
  evidenceId: true,
  candidateId: true,
  unitId: true,
  skillsKnowledge: true,
  venue: true,
  occurredAt: true,
  activity: true,
  relationship: true,
  contact: true,
  createdAt: true,
} as const;

const toWitness = (
  row: Omit<ExpertWitnessRecord, "createdAt"> & { createdAt: Date },
): ExpertWitnessRecord => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

const toStatement = (
  row: Omit<ExpertStatementRecord, "createdAt" | "occurredAt"> & { createdAt: Date; occurredAt: Date },
): ExpertStatementRecord => ({
  ...row,
  occurredAt: row.occurredAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
});

export class ExpertWitnessRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewExpertWitness): Promise<ExpertWitnessRecord> {
    return toWitness(await this.db.expertWitness.create({ data: input, select: witnessSelect }));
  }

  async byId(id: string): Promise<ExpertWitnessRecord | null> {
    const row = await this.db.expertWitness.findUnique({ where: { id }, select: witnessSelect });
    return row ? toWitness(row) : null;
  }

  async byPerson(centreId: string, personId: string): Promise<ExpertWitnessRecord | null> {
    const row = await this.db.expertWitness.findUnique({
      where: { centreId_personId: { centreId, personId } },
      select: witnessSelect,
    });
    return row ? toWitness(row) : null;
  }

  /**
   * Files the statement as the candidate's witness-testimony evidence, already submitted for their assessor: its
   * reference from the enrolment, the witness's words as its first version, the criteria as claims, the statement.
   * Run it inside a transaction.
   */
  async fileStatement(
    input: Omit<NewExpertStatement, "evidenceId"> & {
      enrolmentId: string;
      witnessPersonId: string;
      title: string;
      text: string;
      claims: NewClaim[];
    },
  ): Promise<{ statement: ExpertStatementRecord; ref: string }> {
    const { enrolmentId, witnessPersonId, title, text, claims, ...statement } = input;
    const numbered = await this.db.enrolment.update({
      where: { id: enrolmentId },
      data: { nextEvidenceNumber: { increment: 1 } },
      select: { nextEvidenceNumber: true },
    });
    const evidence = await this.db.evidence.create({
      data: {
        enrolmentId,
        candidateId: statement.candidateId,
        ref: `E${numbered.nextEvidenceNumber - 1}`,
        title,
        status: "submitted",
        source: "witness",
        method: "witness_testimony",
        occurredOn: statement.occurredAt,
        versions: { create: { number: 1, text, authorId: witnessPersonId } },
        claims: { create: claims.map((c) => ({ ...c })) },
      },
      select: { id: true, ref: true },
    });
    const row = await this.db.expertWitnessStatement.create({
      data: { ...statement, evidenceId: evidence.id },
      select: statementSelect,
    });
    return { statement: toStatement(row), ref: evidence.ref };
  }

  async statementById(id: string): Promise<ExpertStatementRecord | null> {
    const row = await this.db.expertWitnessStatement.findUnique({ where: { id }, select: statementSelect });
    return row ? toStatement(row) : null;
  }

  async statementOfEvidence(evidenceId: string): Promise<ExpertStatementRecord | null> {
    const row = await this.db.expertWitnessStatement.findUnique({
      where: { evidenceId },
      select: statementSelect,
    });
    return row ? toStatement(row) : null;
  }
}
