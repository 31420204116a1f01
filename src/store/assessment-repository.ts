// Assessor decisions and internal-verifier samples: append-only records of judgements.
import type { Db } from "./db.ts";
import type { DecisionOutcome, SampleOutcome } from "./types.ts";

export class AssessmentRepository {
  constructor(private readonly db: Db) {}

  async addDecision(input: {
    evidenceId: string;
    assessorId: string;
    outcome: DecisionOutcome;
    comment: string;
    evidenceVersion: number;
  }): Promise<void> {
    await this.db.decision.create({ data: input });
  }

  async addSample(input: {
    evidenceId: string;
    verifierId: string;
    outcome: SampleOutcome;
    comment: string;
  }): Promise<void> {
    await this.db.sample.create({ data: input });
  }
}
