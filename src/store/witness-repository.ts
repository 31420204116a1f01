// Witness requests and the testimony given in answer to them.
import type { Db } from "./db.ts";
import type { WitnessRequestRecord, WitnessRequestStatus } from "./types.ts";

/** The columns of a witness request and its testimony; the evidence repository reads them the same way. */
export const witnessRequestSelect = {
  id: true,
  evidenceId: true,
  witnessId: true,
  requestedById: true,
  status: true,
  testimony: {
    select: {
      statusCategory: true,
      relationship: true,
      declaredNoPersonalRelationship: true,
      text: true,
      signedAt: true,
    },
  },
} as const;

export type WitnessRequestRow = Omit<WitnessRequestRecord, "testimony"> & {
  testimony: (Omit<NonNullable<WitnessRequestRecord["testimony"]>, "signedAt"> & { signedAt: Date }) | null;
};

export const toWitnessRequest = (row: WitnessRequestRow): WitnessRequestRecord => ({
  ...row,
  testimony: row.testimony ? { ...row.testimony, signedAt: row.testimony.signedAt.toISOString() } : null,
});

export interface NewTestimony {
  statusCategory: number;
  relationship: string;
  declaredNoPersonalRelationship: boolean;
  text: string;
  signedAt: Date;
}

export class WitnessRepository {
  constructor(private readonly db: Db) {}

  async createRequest(
    evidenceId: string,
    witnessId: string,
    requestedById: string,
  ): Promise<WitnessRequestRecord> {
    const row = await this.db.witnessRequest.create({
      data: { evidenceId, witnessId, requestedById },
      select: witnessRequestSelect,
    });
    return toWitnessRequest(row);
  }

  async byId(id: string): Promise<WitnessRequestRecord | null> {
    const row = await this.db.witnessRequest.findUnique({ where: { id }, select: witnessRequestSelect });
    return row ? toWitnessRequest(row) : null;
  }

  async byEvidenceAndWitness(evidenceId: string, witnessId: string): Promise<WitnessRequestRecord | null> {
    const row = await this.db.witnessRequest.findUnique({
      where: { evidenceId_witnessId: { evidenceId, witnessId } },
      select: witnessRequestSelect,
    });
    return row ? toWitnessRequest(row) : null;
  }

  /** Requests put to a witness, newest first; only pending ones unless `all`. */
  async forWitness(witnessId: string, all = false): Promise<WitnessRequestRecord[]> {
    const rows = await this.db.witnessRequest.findMany({
      where: { witnessId, ...(all ? {} : { status: "pending" }) },
      select: witnessRequestSelect,
      orderBy: { createdAt: "desc" },
    });
    return rows.map(toWitnessRequest);
  }

  /** Answers a pending request; false when it was no longer pending (answered meanwhile). */
  async close(id: string, status: Exclude<WitnessRequestStatus, "pending">): Promise<boolean> {
    const result = await this.db.witnessRequest.updateMany({
      where: { id, status: "pending" },
      data: { status },
    });
    return result.count === 1;
  }

  async addTestimony(request: WitnessRequestRecord, testimony: NewTestimony): Promise<void> {
    await this.db.testimony.create({
      data: {
        requestId: request.id,
        evidenceId: request.evidenceId,
        witnessId: request.witnessId,
        ...testimony,
      },
    });
  }
}
