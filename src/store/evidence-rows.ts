// How evidence rows are selected and read into plain records: the Prisma shapes the evidence repository uses.
import type { Prisma } from "./generated/client/index.js";
import type {
  ClaimRecord,
  EvidenceHeader,
  EvidenceMethod,
  EvidenceRecord,
  EvidenceSetting,
  EvidenceSource,
  EvidenceStatus,
} from "./types.ts";
import { toWitnessRequest, type WitnessRequestRow, witnessRequestSelect } from "./witness-repository.ts";

export const claimSelect = {
  id: true,
  kind: true,
  targetId: true,
  unitId: true,
  proposedBy: true,
  support: true,
  active: true,
  decision: true,
  comment: true,
} satisfies Prisma.ClaimSelect;

export const headerSelect = {
  id: true,
  enrolmentId: true,
  candidateId: true,
  ref: true,
  status: true,
  version: true,
  enrolment: { select: { centreId: true, assessorId: true } },
} satisfies Prisma.EvidenceSelect;

export const fullSelect = {
  ...headerSelect,
  title: true,
  source: true,
  method: true,
  setting: true,
  occurredOn: true,
  audioPath: true,
  transcriptionEngine: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  versions: { select: { number: true, text: true }, orderBy: { number: "desc" }, take: 1 },
  claims: { select: claimSelect, orderBy: [{ unitId: "asc" }, { targetId: "asc" }] },
  witnessRequests: {
    select: witnessRequestSelect,
    orderBy: { createdAt: "asc" },
  },
  decisions: {
    select: { assessorId: true, outcome: true, comment: true, evidenceVersion: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  },
  samples: {
    select: { verifierId: true, outcome: true, comment: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.EvidenceSelect;

export type HeaderRow = {
  id: string;
  enrolmentId: string;
  candidateId: string;
  ref: string;
  status: EvidenceStatus;
  version: number;
  enrolment: { centreId: string; assessorId: string | null };
};

export const toHeader = (row: HeaderRow): EvidenceHeader => ({
  id: row.id,
  enrolmentId: row.enrolmentId,
  centreId: row.enrolment.centreId,
  candidateId: row.candidateId,
  assessorId: row.enrolment.assessorId,
  ref: row.ref,
  status: row.status,
  version: row.version,
});

export const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export type FullRow = HeaderRow & {
  title: string;
  source: EvidenceSource;
  method: EvidenceMethod;
  setting: EvidenceSetting;
  occurredOn: Date | null;
  audioPath: string | null;
  transcriptionEngine: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  versions: Array<{ number: number; text: string }>;
  claims: ClaimRecord[];
  witnessRequests: WitnessRequestRow[];
  decisions: Array<{
    assessorId: string;
    outcome: "assessed" | "referred";
    comment: string;
    evidenceVersion: number;
    createdAt: Date;
  }>;
  samples: Array<{ verifierId: string; outcome: "agreed" | "disagreed"; comment: string; createdAt: Date }>;
};

export function toRecord(row: FullRow): EvidenceRecord {
  const latest = row.versions[0];
  return {
    ...toHeader(row),
    title: row.title,
    source: row.source,
    method: row.method,
    setting: row.setting,
    occurredOn: isoDate(row.occurredOn),
    audioPath: row.audioPath,
    transcriptionEngine: row.transcriptionEngine,
    text: latest?.text ?? "",
    textVersion: latest?.number ?? 0,
    claims: row.claims.map((c) => ({ ...c })),
    witnessRequests: row.witnessRequests.map(toWitnessRequest),
    decisions: row.decisions.map((d) => ({
      assessorId: d.assessorId,
      outcome: d.outcome,
      comment: d.comment,
      evidenceVersion: d.evidenceVersion,
      at: d.createdAt.toISOString(),
    })),
    samples: row.samples.map((s) => ({
      verifierId: s.verifierId,
      outcome: s.outcome,
      comment: s.comment,
      at: s.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
  };
}
