// Expert witnesses: their record (who they are and how they meet 004's requirements) and the statements they attach.
import type { Db } from "./db.ts";
import type { ExpertStatementRecord, ExpertWitnessRecord } from "./record-types.ts";

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

  async addStatement(input: NewExpertStatement): Promise<ExpertStatementRecord> {
    return toStatement(await this.db.expertWitnessStatement.create({ data: input, select: statementSelect }));
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
