// Photos and documents kept as evidence: which file belongs to which evidence, and where it lies in the files area.
import type { Db } from "./db.ts";

/** A kept file as the portfolio sees it. */
export interface EvidenceFileRecord {
  id: string;
  evidenceId: string;
  name: string;
  mimeType: string;
  bytes: number;
  sha256: string;
  /** Relative to SHIFTNOTE_FILES_DIR. */
  key: string;
  createdAt: string;
}

export interface NewEvidenceFile {
  name: string;
  mimeType: string;
  bytes: number;
  sha256: string;
  key: string;
}

const select = {
  id: true,
  evidenceId: true,
  name: true,
  mimeType: true,
  bytes: true,
  sha256: true,
  key: true,
  createdAt: true,
} as const;

type Row = Omit<EvidenceFileRecord, "createdAt"> & { createdAt: Date };
const toRecord = (row: Row): EvidenceFileRecord => ({ ...row, createdAt: row.createdAt.toISOString() });

export class EvidenceFileRepository {
  constructor(private readonly db: Db) {}

  /** Adds files to one piece of evidence; call inside the transaction that records the audit event. */
  async add(evidenceId: string, files: readonly NewEvidenceFile[]): Promise<EvidenceFileRecord[]> {
    const added: EvidenceFileRecord[] = [];
    for (const file of files)
      added.push(toRecord(await this.db.evidenceFile.create({ data: { evidenceId, ...file }, select })));
    return added;
  }

  /** The files of some evidence, oldest first. */
  async of(evidenceIds: readonly string[]): Promise<EvidenceFileRecord[]> {
    if (!evidenceIds.length) return [];
    const rows = await this.db.evidenceFile.findMany({
      where: { evidenceId: { in: [...evidenceIds] } },
      select,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toRecord);
  }

  /** Every file of a candidate's evidence. */
  async ofCandidate(candidateId: string): Promise<EvidenceFileRecord[]> {
    const rows = await this.db.evidenceFile.findMany({
      where: { evidence: { candidateId } },
      select,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toRecord);
  }

  /** Removes every file row of a candidate's evidence; returns the keys, so the files themselves can be deleted. */
  async forgetCandidate(candidateId: string): Promise<string[]> {
    const rows = await this.db.evidenceFile.findMany({
      where: { evidence: { candidateId } },
      select: { key: true },
    });
    await this.db.evidenceFile.deleteMany({ where: { evidence: { candidateId } } });
    return rows.map((r) => r.key);
  }

  /** Whether any file row still points at a key (the same content sent twice is stored once). */
  async keyInUse(key: string): Promise<boolean> {
    return (await this.db.evidenceFile.count({ where: { key } })) > 0;
  }
}
