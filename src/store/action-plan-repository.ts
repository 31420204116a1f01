// Assessment action plans: what will be assessed for a unit, how, where and when; and which are due for a reminder.

import type { ActionPlanRecord, AssessmentMethod } from "../core/record-types.ts";
import { type DatedRow, isoDates } from "./dated-rows.ts";
import type { Db } from "./db.ts";

export type NewActionPlan = Omit<ActionPlanRecord, "id" | "plannedAt" | "remindedAt" | "createdAt"> & {
  plannedAt: Date;
};

const select = {
  id: true,
  enrolmentId: true,
  candidateId: true,
  assessorId: true,
  unitId: true,
  skillsKnowledge: true,
  methods: true,
  venue: true,
  plannedAt: true,
  requirements: true,
  feedbackArrangements: true,
  remindedAt: true,
  createdAt: true,
} as const;

const DATES = ["plannedAt", "remindedAt", "createdAt"] as const;

/** Prisma types the methods with its own enum, the same words as the record's AssessmentMethod. */
type StoredPlan = Omit<ActionPlanRecord, "methods"> & { methods: string[] };

const toRecord = (row: DatedRow<StoredPlan, (typeof DATES)[number]>): ActionPlanRecord => ({
  ...isoDates(row, DATES),
  methods: row.methods as AssessmentMethod[],
});

export class ActionPlanRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewActionPlan): Promise<ActionPlanRecord> {
    return toRecord(await this.db.actionPlan.create({ data: input, select }));
  }

  async byId(id: string): Promise<ActionPlanRecord | null> {
    const row = await this.db.actionPlan.findUnique({ where: { id }, select });
    return row ? toRecord(row) : null;
  }

  /** A candidate's plans, soonest first. */
  async ofCandidate(candidateId: string): Promise<ActionPlanRecord[]> {
    const rows = await this.db.actionPlan.findMany({
      where: { candidateId },
      select,
      orderBy: { plannedAt: "asc" },
    });
    return rows.map(toRecord);
  }

  /** Plans from `from` (inclusive) to `to` (exclusive) nobody was reminded of yet, soonest first. */
  async dueUnreminded(from: Date, to: Date, limit = 500): Promise<ActionPlanRecord[]> {
    const rows = await this.db.actionPlan.findMany({
      where: { plannedAt: { gte: from, lt: to }, remindedAt: null },
      select,
      orderBy: { plannedAt: "asc" },
      take: limit,
    });
    return rows.map(toRecord);
  }

  /** Marks the reminder sent; false when someone else marked it first. */
  async markReminded(id: string, at: Date): Promise<boolean> {
    const result = await this.db.actionPlan.updateMany({
      where: { id, remindedAt: null },
      data: { remindedAt: at },
    });
    return result.count === 1;
  }
}
