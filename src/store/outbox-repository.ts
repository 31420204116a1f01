// The outbox: notifications recorded with the change that causes them, read back by delivery and marked when sent.
import type { Db } from "./db.ts";
import { Prisma } from "./generated/client/index.js";

/** Who is told what about a change: one row per person told, or one with no recipient to redraw copies only. */
export interface OutboxEntry {
  kind: string;
  recipientId: string | null;
  actorId: string | null;
  evidenceId: string | null;
  /** The record it is about when that is not evidence (an action plan, feedback, an expert witness or statement). */
  subjectId?: string | null;
  /** The evidence's version after the change, when the change gave it one. */
  version?: number | null;
}

export interface PendingNotification extends OutboxEntry {
  id: string;
  subjectId: string | null;
  version: number | null;
  attempts: number;
  createdAt: string;
}

/** How a guarded single-statement change inserts its entries: only when the change itself happened (`moved`). */
export function outboxInsert(entries: readonly OutboxEntry[], version: Prisma.Sql): Prisma.Sql {
  const text = (v: string | null) => (v === null ? Prisma.sql`NULL::text` : Prisma.sql`${v}::text`);
  const values = Prisma.join(
    entries.map(
      (e) => Prisma.sql`(${e.kind}::text, ${text(e.recipientId)}, ${text(e.actorId)}, ${text(e.evidenceId)})`,
    ),
  );
  return Prisma.sql`told AS (
    INSERT INTO notification (id, kind, recipient_id, actor_id, evidence_id, version)
    SELECT gen_random_uuid()::text, v.kind, v.recipient_id, v.actor_id, v.evidence_id, ${version}
      FROM (VALUES ${values}) AS v(kind, recipient_id, actor_id, evidence_id), moved
    RETURNING 1)`;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Records entries; call inside the transaction of the change. */
  async record(entries: readonly OutboxEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.db.notification.createMany({
      data: entries.map((e) => ({
        kind: e.kind,
        recipientId: e.recipientId,
        actorId: e.actorId,
        evidenceId: e.evidenceId,
        subjectId: e.subjectId ?? null,
        version: e.version ?? null,
      })),
    });
  }

  /** Undelivered notifications that have failed fewer than `maxAttempts` times, oldest first. */
  async pending(limit: number, maxAttempts: number): Promise<PendingNotification[]> {
    const rows = await this.db.notification.findMany({
      where: {
        deliveredAt: null,
        attempts: { lt: maxAttempts },
        // Not while another instance is sending it.
        OR: [{ claimedUntil: null }, { claimedUntil: { lt: new Date() } }],
      },
      orderBy: { createdAt: "asc" },
      take: limit,
    });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      recipientId: r.recipientId,
      actorId: r.actorId,
      evidenceId: r.evidenceId,
      subjectId: r.subjectId,
      version: r.version,
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * Claims a notification for `leaseMs` so that, of several instances sharing the database, only one sends it;
   * true when this caller won it. A claim that ran out (its instance stopped) can be taken again.
   */
  async claim(id: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const { count } = await this.db.notification.updateMany({
      where: { id, deliveredAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { claimedUntil: new Date(now.getTime() + leaseMs) },
    });
    return count === 1;
  }

  /** Marks a notification sent. Delivery marks after sending, so a stop in between sends it again, never loses it. */
  async delivered(id: string): Promise<void> {
    await this.db.notification.updateMany({
      where: { id, deliveredAt: null },
      data: { deliveredAt: new Date() },
    });
  }

  /** Counts a failed delivery, so a later pass tries again until the attempts run out. */
  async failed(id: string, error: string): Promise<void> {
    await this.db.notification.updateMany({
      where: { id },
      // The claim is let go, so the next pass (of any instance) tries again.
      data: { attempts: { increment: 1 }, lastError: error.slice(0, 500), claimedUntil: null },
    });
  }

  /** Erasure: nothing waits for the person any more, and messages to others no longer name them. */
  async forget(personId: string): Promise<void> {
    await this.db.notification.deleteMany({ where: { recipientId: personId } });
    await this.db.notification.updateMany({ where: { actorId: personId }, data: { actorId: null } });
  }
}
