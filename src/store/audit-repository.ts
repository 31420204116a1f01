// The append-only audit log and the processed-event ids that make retried writes idempotent.
import type { Db } from "./db.ts";
import type { AuditActor, AuditRecord } from "./types.ts";

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  centreId?: string | null;
  /** Ids and codes only: the audit log outlives erasure, so it must hold no personal data. */
  data?: Record<string, unknown>;
}

export interface ProcessedEventRecord {
  eventId: string;
  action: string;
  result: { id: string; actorId: string | null };
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({
      data: {
        actorId: "personId" in entry.actor ? entry.actor.personId : null,
        actorLabel: "label" in entry.actor ? entry.actor.label : null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        centreId: entry.centreId ?? null,
        data: (entry.data ?? {}) as object,
      },
    });
  }

  /** The trail of one record, oldest first. */
  async forEntity(entityType: string, entityId: string): Promise<AuditRecord[]> {
    const rows = await this.db.auditEvent.findMany({
      where: { entityType, entityId },
      orderBy: { id: "asc" },
      select: {
        at: true,
        actorId: true,
        actorLabel: true,
        action: true,
        entityType: true,
        entityId: true,
        data: true,
      },
    });
    return rows.map((r) => ({ ...r, at: r.at.toISOString(), data: r.data as Record<string, unknown> }));
  }

  /** Everything one person did or had done to them (as actor or subject), oldest first. */
  async involving(personId: string): Promise<AuditRecord[]> {
    const rows = await this.db.auditEvent.findMany({
      where: { OR: [{ actorId: personId }, { entityType: "person", entityId: personId }] },
      orderBy: { id: "asc" },
      select: {
        at: true,
        actorId: true,
        actorLabel: true,
        action: true,
        entityType: true,
        entityId: true,
        data: true,
      },
    });
    return rows.map((r) => ({ ...r, at: r.at.toISOString(), data: r.data as Record<string, unknown> }));
  }

  async processed(eventId: string): Promise<ProcessedEventRecord | null> {
    const row = await this.db.processedEvent.findUnique({
      where: { eventId },
      select: { eventId: true, action: true, result: true },
    });
    return row ? { ...row, result: row.result as ProcessedEventRecord["result"] } : null;
  }

  async markProcessed(
    eventId: string,
    action: string,
    result: ProcessedEventRecord["result"],
  ): Promise<void> {
    await this.db.processedEvent.create({ data: { eventId, action, result } });
  }
}
