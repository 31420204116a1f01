// Oversized views for the limit tests: many units, claims and long texts.

import type {
  ApprovalView,
  CardView,
  CoverageView,
  QueueView,
  SampleListView,
  SampleView,
  SuggestionView,
  WitnessRequestView,
} from "../../src/cards/views.ts";
import { STATUS_CATEGORIES, witnessRequest } from "./fixtures.ts";

const long = (words: number, seed: string): string =>
  Array.from(
    { length: words },
    (_, n) => `${seed}${n % 7 === 0 ? " <!channel> & *bold*" : ""} word${n}`,
  ).join(" ");
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const UNITS = Array.from({ length: 12 }, (_, u) => `2${String(u + 1).padStart(2, "0")}`);

export const bigSuggestion: SuggestionView = {
  evidenceId: id(1),
  version: 7,
  ref: "E999",
  text: long(1500, "account"),
  units: UNITS.map((unitId) => ({
    unitId,
    title: long(12, "title"),
    criteria: Array.from({ length: 14 }, (_, n) => ({
      id: `${unitId}.${1 + Math.floor(n / 7)}.${(n % 7) + 1}`,
      text: long(30, "criterion"),
      support: long(80, "sentence"),
      selected: n % 3 !== 0,
    })),
    ranges: Array.from({ length: 6 }, (_, n) => ({
      id: `${unitId}.ER${4 + Math.floor(n / 3)}.${"abc"[n % 3]}`,
      text: long(10, "range"),
      support: long(40, "sentence"),
      selected: true,
    })),
    knowledge: Array.from({ length: 4 }, (_, n) => ({
      id: `${unitId}.K.${"abcd"[n]}`,
      text: long(20, "knowledge"),
      support: long(40, "sentence"),
      selected: false,
      guideSections: [{ id: "1.7", title: long(8, "guide") }],
    })),
  })),
  privacy: { kinds: ["name", "phone", "email", "address", "postcode", "card_number", "account_number"] },
};

const claims = UNITS.flatMap((unitId, u) =>
  Array.from({ length: 8 }, (_, n) => ({
    claimId: id(1000 + u * 10 + n),
    ref: `${unitId}.1.${n + 1}`,
    kind: "criterion" as const,
    unitId,
    text: long(30, "criterion"),
    support: long(80, "sentence"),
    decision: "pending" as const,
  })),
);
const units = UNITS.map((unitId) => ({ unitId, title: long(12, "title") }));
const testimonies = Array.from({ length: 5 }, (_, n) => ({
  witnessName: `Witness ${n}`,
  statusCategory: STATUS_CATEGORIES[2]?.label ?? "3",
  relationship: "Team leader",
  text: long(600, "testimony"),
  givenAt: "2025-12-20T16:40:00Z",
}));

export const bigApproval: ApprovalView = {
  evidenceId: id(2),
  version: 3,
  candidateName: long(6, "name"),
  submittedAt: "2025-12-20T17:05:00Z",
  units,
  text: long(1500, "account"),
  source: "voice",
  testimonies,
  claims,
};

export const bigApprovalDecided: ApprovalView = {
  ...bigApproval,
  claims: claims.map((c, n) => ({
    ...c,
    decision: n % 4 === 0 ? "rejected" : "accepted",
    comment: long(50, "why"),
  })),
  decided: {
    outcome: "assessed",
    byName: "Priya Shah",
    at: "2025-12-22T09:15:00Z",
    comment: long(300, "comment"),
  },
};

export const bigWitness: WitnessRequestView = {
  evidenceId: id(3),
  version: 1,
  candidateName: "Sam Taylor",
  text: long(1500, "account"),
  units,
  claims,
  statusCategories: STATUS_CATEGORIES.map((c) => ({ ...c, label: long(20, c.label) })),
  relationships: witnessRequest.relationships,
  declaration: witnessRequest.declaration,
};

export const bigCoverage: CoverageView = {
  candidateName: "Sam Taylor",
  units: [...UNITS, ...UNITS, ...UNITS, ...UNITS, ...UNITS].map((unitId) => ({
    unitId,
    title: long(12, "title"),
    criteria: { total: 14, assessed: 3, claimed: 2 },
    ranges: { total: 8, assessed: 1, claimed: 0 },
    next: Array.from({ length: 9 }, (_, n) => ({
      id: `${unitId}.ER4.${"abcdefghi"[n]}`,
      words: long(8, "aim"),
    })),
    guideSections: Array.from({ length: 6 }, (_, n) => ({ id: `${n + 1}.2`, title: long(6, "guide") })),
  })),
};

export const bigQueue: QueueView = {
  total: 140,
  items: Array.from({ length: 80 }, (_, n) => ({
    evidenceId: id(5000 + n),
    version: 2,
    ref: `E${n}`,
    candidateName: long(5, "name"),
    submittedAt: "2025-12-21T10:30:00Z",
    unitIds: UNITS,
    hasTestimony: n % 2 === 0,
  })),
};

export const bigSampleList: SampleListView = {
  groups: UNITS.map((unitId, g) => ({
    unitId,
    unitTitle: long(12, "title"),
    assessorName: long(3, "assessor"),
    items: Array.from({ length: 9 }, (_, n) => ({
      evidenceId: id(7000 + g * 10 + n),
      version: 4,
      candidateName: long(4, "name"),
      assessedAt: "2025-12-18T14:00:00Z",
      accepted: 3,
      rejected: 1,
      sampled: n % 2 === 0,
    })),
  })),
};

export const bigSample: SampleView = {
  evidenceId: id(4),
  version: 9,
  candidateName: "Sam Taylor",
  assessorName: "Priya Shah",
  assessedAt: "2025-12-22T09:15:00Z",
  units,
  text: long(1500, "account"),
  testimonies,
  claims: bigApprovalDecided.claims,
  assessorComment: long(300, "comment"),
};

export const BIG: Record<string, CardView> = {
  suggestion: { kind: "suggestion", view: bigSuggestion },
  "suggestion-voice": { kind: "suggestion", view: { ...bigSuggestion, voice: { engine: "whisper" } } },
  approval: { kind: "approval", view: bigApproval },
  "approval-decided": { kind: "approval", view: bigApprovalDecided },
  witness: { kind: "witnessRequest", view: bigWitness },
  coverage: { kind: "coverage", view: bigCoverage },
  queue: { kind: "queue", view: bigQueue },
  "sample-list": { kind: "sampleList", view: bigSampleList },
  sample: { kind: "sample", view: bigSample },
  message: { kind: "message", view: { text: long(2000, "message"), title: long(60, "title") } },
  stale: { kind: "stale", view: { current: { kind: "approval", view: bigApproval } } },
};
