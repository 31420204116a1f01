// Signatures: recorded, timestamped confirmations by signed-in people, each written with its audit event.

import type { SignatureKind, SignatureRecord, SignatureSubject } from "../core/record-types.ts";
import type { Db } from "./db.ts";
import type { Channel, Role } from "./types.ts";

export interface NewSignature {
  kind: SignatureKind;
  subjectType: SignatureSubject;
  subjectId: string;
  subjectVersion?: number | null;
  personId: string;
  role: Role;
  channel: Channel | null;
  signedAt: Date;
  /** The centre, for the audit event. */
  centreId: string | null;
}

const select = {
  id: true,
  kind: true,
  subjectType: true,
  subjectId: true,
  subjectVersion: true,
  personId: true,
  role: true,
  channel: true,
  signedAt: true,
} as const;

type Row = Omit<SignatureRecord, "signedAt" | "subjectType"> & { subjectType: string; signedAt: Date };

const toRecord = (row: Row): SignatureRecord => ({
  ...row,
  subjectType: row.subjectType as SignatureSubject,
  signedAt: row.signedAt.toISOString(),
});

export class SignatureRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records the signature and its audit event ("signature.recorded", ids only). Signing the same thing twice
   * keeps the first signature and writes nothing; it is returned either way.
   */
  async sign(input: NewSignature): Promise<{ signature: SignatureRecord; created: boolean }> {
    const where = {
      kind_subjectId_personId: { kind: input.kind, subjectId: input.subjectId, personId: input.personId },
    };
    const existing = await this.db.signature.findUnique({ where, select });
    if (existing) return { signature: toRecord(existing), created: false };
    const row = await this.db.signature.create({
      data: {
        kind: input.kind,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        subjectVersion: input.subjectVersion ?? null,
        personId: input.personId,
        role: input.role,
        channel: input.channel,
        signedAt: input.signedAt,
      },
      select,
    });
    await this.db.auditEvent.create({
      data: {
        actorId: input.personId,
        action: "signature.recorded",
        entityType: input.subjectType,
        entityId: input.subjectId,
        centreId: input.centreId,
        data: {
          signatureId: row.id,
          kind: input.kind,
          role: input.role,
          channel: input.channel,
          ...(input.subjectVersion ? { version: input.subjectVersion } : {}),
        },
      },
    });
    return { signature: toRecord(row), created: true };
  }

  /** Every signature on some records, oldest first. */
  async of(subjectIds: readonly string[]): Promise<SignatureRecord[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.db.signature.findMany({
      where: { subjectId: { in: [...subjectIds] } },
      select,
      orderBy: { signedAt: "asc" },
    });
    return rows.map(toRecord);
  }
}
