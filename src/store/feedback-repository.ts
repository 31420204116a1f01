// Feedback to candidates: the assessor's feedback and outcome, when the candidate read it, and their reply.

import type { FeedbackRecord } from "../core/record-types.ts";
import { type DatedRow, isoDates } from "./dated-rows.ts";
import type { Db } from "./db.ts";

export type NewFeedback = Pick<
  FeedbackRecord,
  | "enrolmentId"
  | "candidateId"
  | "assessorId"
  | "unitId"
  | "evidenceId"
  | "skillsKnowledge"
  | "text"
  | "outcome"
>;

const select = {
  id: true,
  enrolmentId: true,
  candidateId: true,
  assessorId: true,
  unitId: true,
  evidenceId: true,
  skillsKnowledge: true,
  text: true,
  outcome: true,
  readAt: true,
  reply: true,
  repliedAt: true,
  createdAt: true,
} as const;

const DATES = ["readAt", "repliedAt", "createdAt"] as const;

const toRecord = (row: DatedRow<FeedbackRecord, (typeof DATES)[number]>): FeedbackRecord =>
  isoDates(row, DATES);

export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewFeedback): Promise<FeedbackRecord> {
    return toRecord(await this.db.feedback.create({ data: input, select }));
  }

  async byId(id: string): Promise<FeedbackRecord | null> {
    const row = await this.db.feedback.findUnique({ where: { id }, select });
    return row ? toRecord(row) : null;
  }

  /** A candidate's feedback, newest first. */
  async ofCandidate(candidateId: string): Promise<FeedbackRecord[]> {
    const rows = await this.db.feedback.findMany({
      where: { candidateId },
      select,
      orderBy: { createdAt: "desc" },
    });
    return rows.map(toRecord);
  }

  /** Records the first reading; false when it was read before. */
  async markRead(id: string, at: Date): Promise<boolean> {
    const result = await this.db.feedback.updateMany({ where: { id, readAt: null }, data: { readAt: at } });
    return result.count === 1;
  }

  /** Records the candidate's reply; false when they had already replied. */
  async reply(id: string, text: string, at: Date): Promise<boolean> {
    const result = await this.db.feedback.updateMany({
      where: { id, reply: null },
      data: { reply: text, repliedAt: at, readAt: at },
    });
    return result.count === 1;
  }
}
