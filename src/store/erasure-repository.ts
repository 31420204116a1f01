// Erasure's reach beyond the person row: what other rows hold of an erased person, redacted or deleted, and the files to remove.
import type { Db } from "./db.ts";
import { Prisma } from "./generated/client/index.js";

/** Who is being erased, as the other rows may mention them. */
export interface ErasedTraces {
  personId: string;
  name: string;
  email: string;
  /** The words each mention is replaced with. */
  placeholder: string;
}

/** Escapes a string for a PostgreSQL regular expression. */
const regexpLiteral = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/** The parts of a name worth looking for on their own: the whole name, and each word of three letters or more. */
export function nameParts(name: string): string[] {
  const words = name.split(/\s+/).filter((w) => w.length >= 3);
  return [...new Set([name.trim(), ...words].filter(Boolean))].sort((a, b) => b.length - a.length);
}

export class ErasureRepository {
  constructor(private readonly db: Db) {}

  /**
   * The files that hold the candidate's evidence, relative to SHIFTNOTE_FILES_DIR: today the recordings
   * (`evidence.audio_path`). Files attached to evidence later (uploads) belong here too: add their keys to this
   * list and erasure removes them from disk.
   */
  async filesOf(candidateId: string): Promise<string[]> {
    const rows = await this.db.evidence.findMany({
      where: { candidateId, audioPath: { not: null } },
      select: { audioPath: true },
    });
    return [...new Set(rows.map((r) => r.audioPath).filter((p): p is string => Boolean(p)))];
  }

  /**
   * Everything about the candidate's evidence beyond its words (which `evidence.eraseWordsOf` replaces): the
   * recording's path, decision, sample and claim comments, the testimony and the witness's stated relationship,
   * notifications and card copies of it; then every inbox row of anyone that mentions the person or their
   * evidence, and their name in decision, sample and claim comments on anyone's evidence.
   */
  async redactTraces(who: ErasedTraces, evidenceIds: string[]): Promise<{ inboxRowsRemoved: number }> {
    const { personId, placeholder } = who;
    if (evidenceIds.length > 0) {
      const ids = Prisma.join(evidenceIds);
      await this.db.$executeRaw`UPDATE evidence SET audio_path = NULL WHERE id IN (${ids})`;
      await this.db.$executeRaw`UPDATE claim SET support = '', comment = NULL WHERE evidence_id IN (${ids})`;
      await this.db.$executeRaw`UPDATE decision SET comment = '' WHERE evidence_id IN (${ids})`;
      await this.db.$executeRaw`UPDATE sample SET comment = '' WHERE evidence_id IN (${ids})`;
      await this.db
        .$executeRaw`UPDATE testimony SET text = ${placeholder}, relationship = ${placeholder} WHERE evidence_id IN (${ids})`;
      await this.db.$executeRaw`DELETE FROM notification WHERE evidence_id IN (${ids})`;
      await this.db.$executeRaw`DELETE FROM card_copy WHERE evidence_id IN (${ids})`;
    }
    // Other people's inbox rows that name them, hold their address, or show their evidence (its card, its words).
    const needles = [...nameParts(who.name), who.email, personId, ...evidenceIds];
    const pattern = `\\m(${needles.map(regexpLiteral).join("|")})\\M`;
    const inboxRowsRemoved = await this.db
      .$executeRaw`DELETE FROM outbox_message WHERE person_id = ${personId} OR payload::text ~* ${pattern}`;
    // The ids of events they or their evidence caused (kept to answer retries): some name them (the demo's keys).
    await this.db.$executeRaw`
      DELETE FROM processed_event
       WHERE result::jsonb ->> 'actorId' = ${personId}
          OR result::jsonb ->> 'id' = ANY(${evidenceIds}::text[])
          OR event_id ~* ${pattern}`;
    // Their name in what assessors and verifiers wrote about anyone's evidence.
    const names = `\\m(${nameParts(who.name).map(regexpLiteral).join("|")})\\M`;
    const erased = "[erased]";
    for (const table of ["decision", "sample", "claim"] as const) {
      await this.db.$executeRawUnsafe(
        `UPDATE ${table} SET comment = regexp_replace(comment, $1, $2, 'gi') WHERE comment ~* $1`,
        names,
        erased,
      );
    }
    return { inboxRowsRemoved };
  }
}
