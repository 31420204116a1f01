// The small, plain view objects every card is rendered from: strings, ids and numbers, no Prisma or chat SDK types.
import type { ActionPlanCardView, ActionPlanFormView } from "./action-plan.ts";
import type { AssessorRecordView } from "./assessor-record.ts";
import type { ExpertStatementCardView } from "./expert-statement.ts";
import type { FeedbackCardView } from "./feedback.ts";

/** A Best Practice Guide section to read, e.g. `{ id: "3.2", title: "Dealing with complaints" }`. */
export interface GuideSectionView {
  id: string;
  title: string;
}

/** What every card about one piece of evidence carries so its actions can be checked on arrival. */
export interface EvidenceKey {
  /** Database id: travels in action data only, never shown. */
  evidenceId: string;
  /** Evidence version the card was drawn from; a stale one is refused. */
  version: number;
  /** The location reference people use, e.g. "E12". */
  ref?: string;
}

/** A photo or document kept with the evidence, as a card lists it. */
export interface EvidenceFileView {
  name: string;
  mimeType: string;
  bytes: number;
  /** Where to see it on the evidence page (a sign-in link for the reader); absent where pages are not served. */
  url?: string;
}

/** One mapped criterion, range or knowledge item the candidate may claim. */
export interface SuggestedItemView {
  /** Catalogue id people use: `205.1.2`, `205.ER4.b`, `205.K.a`. */
  id: string;
  /** The criterion text, or for a range its situation in words ("during a busy period"). */
  text: string;
  /** The sentence of the account that supports it. */
  support: string;
  /** Whether its toggle starts ticked. */
  selected: boolean;
}

export interface SuggestedKnowledgeView extends SuggestedItemView {
  guideSections: GuideSectionView[];
}

export interface SuggestedUnitView {
  unitId: string;
  title: string;
  criteria: SuggestedItemView[];
  ranges: SuggestedItemView[];
  knowledge: SuggestedKnowledgeView[];
}

/** Kinds of personal data about someone else that the privacy check reports. */
export type PersonalDataKind =
  | "name"
  | "phone"
  | "email"
  | "address"
  | "postcode"
  | "card_number"
  | "account_number";

/** What the candidate sees after sending an account: the draft evidence and its suggested claims. */
export interface SuggestionView extends EvidenceKey {
  /** The account as sent (or as transcribed). */
  text: string;
  /** Present when the text is a transcript of a voice note. */
  voice?: { engine: string };
  units: SuggestedUnitView[];
  /** Present when the account mentions personal data about someone else. */
  privacy?: { kinds: PersonalDataKind[] };
  /** Which mapper made the suggestions, in words ("Suggested by the offline mapper."). */
  mapper?: string;
  /** Present when the assessor referred it back: who, what they said, and the claims they did not accept. */
  referral?: { byName: string; comment?: string; notAccepted: string[] };
  /**
   * The authenticity declaration pressing Submit makes, word for word (City & Guilds: once per piece of evidence,
   * at its first Submit); absent on a resubmission, which makes none.
   */
  declaration?: string;
  /** The photos and documents kept with it. */
  files?: EvidenceFileView[];
}

export interface CoverageCounts {
  total: number;
  assessed: number;
  /** Claimed in evidence that is not yet assessed. */
  claimed: number;
}

/** Something still to evidence, in plain words plus the reference people use. */
export interface NextStepView {
  /** Criterion or range id, e.g. `205.1.4` or `205.ER4.c`. */
  id: string;
  /** e.g. "a quiet period", "an unhappy customer". */
  words: string;
}

export interface CoverageUnitView {
  unitId: string;
  title: string;
  criteria: CoverageCounts;
  ranges: CoverageCounts;
  /** Knowledge items: covered by assessed or claimed evidence, or still to do. */
  knowledge?: CoverageCounts;
  /** The next things to aim for, most useful first. */
  next: NextStepView[];
  guideSections: GuideSectionView[];
}

/** A candidate's progress across their unit plan. */
export interface CoverageView {
  candidateName: string;
  /** e.g. "Level 2 Customer Service". */
  qualification?: string;
  units: CoverageUnitView[];
  /** Evidence submitted and waiting for the assessor. */
  waiting?: number;
  /** Evidence referred back, waiting for the candidate to change it. */
  referred?: string[];
  /** A button to the candidate's portfolio pages. */
  link?: LinkView;
}

/** A claim as listed for a witness, an assessor or a verifier. */
export interface ClaimLineView {
  /** Catalogue id people use, e.g. `205.1.2`. */
  ref: string;
  kind: "criterion" | "range" | "knowledge";
  unitId: string;
  text: string;
  support: string;
}

export interface UnitTitleView {
  unitId: string;
  title: string;
}

export interface ChoiceView {
  value: string;
  label: string;
}

export interface TestimonyView {
  witnessName: string;
  /** The witness status category in words, e.g. "3. Occupational expert familiar with standards". */
  statusCategory: string;
  /** e.g. "Team leader". */
  relationship: string;
  text: string;
  /** ISO date-time. */
  givenAt: string;
}

/** The card a witness answers. */
export interface WitnessRequestView extends EvidenceKey {
  candidateName: string;
  text: string;
  units: UnitTitleView[];
  claims: ClaimLineView[];
  /** The five witness status categories, worded as everywhere else (the pages, the forms, the bot's replies). */
  statusCategories: ChoiceView[];
  /** How the witness knows the candidate, to choose from; the last, "other", asks them to say what. */
  relationships: ChoiceView[];
  /** What the witness ticks to declare they are not related to, or living with, the candidate. */
  declaration: string;
  /** Prefills: a status, the relationship choice (its value) and, for "other", the words. */
  defaults?: {
    statusCategory?: string;
    relationship?: string;
    relationshipOther?: string;
    testimony?: string;
  };
  /** The photos and documents kept with the evidence. */
  files?: EvidenceFileView[];
  /** Once given (or declined), the card shows it and asks nothing more. */
  answered?: { declined: false; testimony: TestimonyView } | { declined: true; byName: string; at: string };
}

export type ClaimDecisionValue = "pending" | "accepted" | "rejected";

export interface ApprovalClaimView extends ClaimLineView {
  /** Database id: used in input ids only, never shown. */
  claimId: string;
  decision: ClaimDecisionValue;
  comment?: string;
}

/** The card an assessor decides on; after a decision the same view renders the outcome. */
export interface ApprovalView extends EvidenceKey {
  candidateName: string;
  /** ISO date-time the evidence was submitted. */
  submittedAt: string;
  units: UnitTitleView[];
  text: string;
  source: "typed" | "voice" | "witness";
  testimonies: TestimonyView[];
  claims: ApprovalClaimView[];
  /** For an expert witness statement: "Expert witness statement by Tom Reid, Store manager", and whether signed. */
  expert?: { line: string; signed: boolean };
  /** The photos and documents kept with the evidence. */
  files?: EvidenceFileView[];
  /** Present once decided: every copy of the card then shows the outcome and who decided. */
  decided?: { outcome: "assessed" | "referred"; byName: string; at: string; comment?: string };
  /** A button to the evidence on the assessor's own pages (its history, files and the unit's matrix). */
  link?: LinkView;
  /** Back to my queue: the assessor's card opened from their queue brings the queue back in its place. */
  back?: boolean;
}

export interface QueueItemView extends EvidenceKey {
  candidateName: string;
  submittedAt: string;
  unitIds: string[];
  hasTestimony: boolean;
}

/** An assessor's list of evidence waiting for a decision. */
export interface QueueView {
  items: QueueItemView[];
  /** How many wait in all, when more than `items` holds. */
  total?: number;
}

export interface SampleItemView extends EvidenceKey {
  candidateName: string;
  assessedAt: string;
  accepted: number;
  rejected: number;
  /** Already countersigned by an internal verifier. */
  sampled: boolean;
}

export interface SampleGroupView {
  unitId: string;
  unitTitle: string;
  assessorName: string;
  items: SampleItemView[];
}

/** An internal verifier's list of assessed evidence, by unit and assessor. */
export interface SampleListView {
  groups: SampleGroupView[];
}

/** One assessed piece of evidence for an internal verifier to countersign. */
export interface SampleView extends EvidenceKey {
  candidateName: string;
  assessorName: string;
  assessedAt: string;
  units: UnitTitleView[];
  text: string;
  testimonies: TestimonyView[];
  claims: ApprovalClaimView[];
  assessorComment?: string;
  /** Present once countersigned. */
  countersigned?: { agreed: boolean; byName: string; at: string; comment?: string };
}

export interface MessageView {
  text: string;
  title?: string;
  /** A button to the person's own pages. */
  link?: LinkView;
}

/** A button that opens one of the person's own pages by a signed link, e.g. "Open my portfolio". */
export interface LinkView {
  label: string;
  url: string;
}

/** Any card, tagged, so the bot core can return one and each channel renders it its own way. */
export type CardView =
  | { kind: "suggestion"; view: SuggestionView }
  | { kind: "coverage"; view: CoverageView }
  | { kind: "witnessRequest"; view: WitnessRequestView }
  | { kind: "approval"; view: ApprovalView }
  | { kind: "queue"; view: QueueView }
  | { kind: "sampleList"; view: SampleListView }
  | { kind: "sample"; view: SampleView }
  | { kind: "message"; view: MessageView }
  | { kind: "assessorRecord"; view: AssessorRecordView }
  | { kind: "actionPlanForm"; view: ActionPlanFormView }
  | { kind: "actionPlan"; view: ActionPlanCardView }
  | { kind: "feedback"; view: FeedbackCardView }
  | { kind: "expertStatement"; view: ExpertStatementCardView }
  | { kind: "stale"; view: StaleView };

/** "This changed since you opened it": a notice above the current card. */
export interface StaleView {
  current: Exclude<CardView, { kind: "stale" }>;
  notice?: string;
}
