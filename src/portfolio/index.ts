// The portfolio's one entrance: a façade of the use cases a person can do, for the bot, the pages and the command line.
import type { PersonRecord } from "../core/types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import { isUniqueViolation as isRetry } from "../store/db.ts";
import type { Store } from "../store/store.ts";
import { addPerson } from "./add-person.ts";
import {
  assessmentRecords,
  assessorRecordDocument,
  evidenceRecordParts,
  expertWitnessPage,
  myExpertWitnessRecord,
  statementWitnessRecordDocument,
} from "./assessment-records.ts";
import { assessorQueue } from "./assessor-queue.ts";
import { assignStaff } from "./assign-staff.ts";
import { attachExpertStatement } from "./attach-expert-statement.ts";
import { attachFiles } from "./attach-files.ts";
import { candidateRecords } from "./candidate-records.ts";
import { cardAudience } from "./card-audience.ts";
import { channelState } from "./channel-state.ts";
import {
  askWitness,
  type ChatUser,
  editText,
  fileAccount,
  identify,
  type Mapper,
  redact,
  submitChecked,
  withNames,
} from "./chat.ts";
import { confirmExpertWitness } from "./confirm-expert-witness.ts";
import { confirmObservation } from "./confirm-observation.ts";
import { type PortfolioContext, portfolioContext } from "./context.ts";
import { createCentre } from "./create-centre.ts";
import { readDecisionForm } from "./decision-form.ts";
import { linkAgentsPlaygroundUser, loadDemoCentre } from "./demo-centre.ts";
import { discardDraft } from "./discard-draft.ts";
import { enrolCandidate } from "./enrol-candidate.ts";
import { type EvidenceFiles, erasePerson } from "./erase-person.ts";
import { evidenceNotFound } from "./errors.ts";
import { evidenceWithTrail } from "./evidence-trail.ts";
import { exportPortfolio } from "./export-portfolio.ts";
import { exportCentre, plannedDocuments } from "./exports/centre-export.ts";
import {
  assessmentReportDocument,
  portfolioDocument,
  recordingFormDocument,
  witnessListDocument,
} from "./exports/documents.ts";
import {
  actionPlanDocument,
  expertStatementDocument,
  expertWitnessRecordDocument,
  feedbackDocument,
  observationRecordDocument,
} from "./exports/record-documents.ts";
import { getProgress } from "./get-progress.ts";
import { giveFeedback } from "./give-feedback.ts";
import { giveTestimony } from "./give-testimony.ts";
import { linkIdentity } from "./link-identity.ts";
import { listActionPlans } from "./list-action-plans.ts";
import { listPlansDue } from "./list-plans-due.ts";
import { listWork } from "./list-work.ts";
import { makeActionPlan } from "./make-action-plan.ts";
import { withMapperSuggestions } from "./map-assessor-record.ts";
import { markPlanReminded } from "./mark-plan-reminded.ts";
import { myCandidates } from "./my-candidates.ts";
import type { Notifier } from "./notify.ts";
import { outboxReader } from "./outbox.ts";
import { readFeedback } from "./read-feedback.ts";
import { recordDecision } from "./record-decision.ts";
import { type RecordDiscussionInput, recordDiscussion } from "./record-discussion.ts";
import { recordExpertWitness } from "./record-expert-witness.ts";
import { type RecordObservationInput, recordObservation } from "./record-observation.ts";
import { getRecordingForm } from "./recording-form.ts";
import { replyToFeedback } from "./reply-to-feedback.ts";
import { sampleEvidence } from "./sample-evidence.ts";
import { samplingOverview } from "./sampling-overview.ts";
import { setCentreNumber, setRegistrationNumber } from "./set-numbers.ts";
import { signActionPlan } from "./sign-action-plan.ts";
import { signExpertStatement } from "./sign-expert-statement.ts";
import { signExpertWitnessRecord } from "./sign-expert-witness-record.ts";
import { signFeedback } from "./sign-feedback.ts";
import { signObservation } from "./sign-observation.ts";
import { threadWitness } from "./thread-witness.ts";
import { viewEvidence } from "./view-evidence.ts";
import { evidenceFileDownload, evidenceFiles } from "./view-evidence-files.ts";
import { viewObservation } from "./view-observation.ts";

/** How many copies of a card are kept redrawn, and for how long: the privacy page states them. */
export { CARD_COPY_LIMITS } from "../store/card-copy-repository.ts";
export { type ActionPlanView, ASSESSMENT_METHOD_WORDS } from "./action-plan-view.ts";
export type { AssessmentRecords } from "./assessment-records.ts";
export type { AssessorQueue, QueueItem } from "./assessor-queue.ts";
export type { AssessorRecordDraft } from "./assessor-records.ts";
export type { AttachedStatement } from "./attach-expert-statement.ts";
export type { AttachedFiles, FileToAttach } from "./attach-files.ts";
export { type CandidateRecords, FILED, unitsOf } from "./candidate-records.ts";
export type { CardCopy, InboxItem } from "./channel-state.ts";
export type { ChatUser, FiledAccount, FiledDraft, Mapper, WitnessAsked } from "./chat.ts";
export type { Actor, EvidenceSummary } from "./context.ts";
export type * from "./coverage-types.ts";
export { DEMO_CENTRE, type DemoPerson } from "./demo-centre.ts";
export { ERASED_TEXT, type EvidenceFiles } from "./erase-person.ts";
export { evidenceNotFound } from "./errors.ts";
export * from "./evidence-file-rules.ts";
export type { EvidenceWithTrail, TrailEntry } from "./evidence-trail.ts";
export {
  EXPERT_WITNESS_REQUIREMENTS,
  type ExpertStatementView,
  type ExpertWitnessView,
} from "./expert-witness-view.ts";
export type { PortfolioExport } from "./export-portfolio.ts";
export type { CentreExportInput } from "./exports/centre-export.ts";
export { DOCUMENT_KINDS, type Document, type DocumentKind } from "./exports/documents.ts";
export type { FeedbackView } from "./feedback-view.ts";
export type { ActionPlans } from "./list-action-plans.ts";
export type { Work } from "./list-work.ts";
export { ukDateTime } from "./london-time.ts";
export type { CandidateEntry } from "./my-candidates.ts";
export type { Notifier, PortfolioEvent } from "./notify.ts";
export type { Notice } from "./outbox.ts";
export { isAssignedAssessor, isCentreAdmin, isCentreVerifier } from "./permissions.ts";
export type { ClaimJudgement } from "./record-decision.ts";
export type { MatrixCell, RecordingForm } from "./recording-form.ts";
export type { SamplingOverview } from "./sampling-overview.ts";
export type { SignedRecord } from "./sign-observation.ts";
export { AUTHENTICITY_DECLARATION, type SignatureView } from "./signing.ts";
export type { ThreadWitness } from "./thread-witness.ts";
export type { EvidenceView } from "./view-evidence.ts";
export type { EvidenceFileRecord } from "./view-evidence-files.ts";
export type { ObservationView } from "./view-observation.ts";
export {
  relationshipText,
  WITNESS_DECLARATION,
  WITNESS_RELATIONSHIPS,
  WITNESS_STATUS_CATEGORIES,
  type WitnessRelationshipChoice,
} from "./witness-rules.ts";

export interface PortfolioDeps {
  store: Store;
  catalogue: Catalogue;
  /** Maps an account's text to suggestions; needed only to file or re-map accounts. */
  mapper?: Mapper;
  clock?: () => Date;
  /** An in-process observer of committed changes (tests); people are told through the outbox. */
  notify?: Notifier;
  /** The evidence's files on disk (recordings), so erasure removes them. */
  files?: EvidenceFiles;
  /** Where photos and documents sent as evidence are kept (SHIFTNOTE_FILES_DIR). */
  filesDir?: string;
}

/** Binds a use case `(ctx, input)` to the portfolio's context. */
const bind =
  <I, O>(ctx: PortfolioContext, useCase: (ctx: PortfolioContext, input: I) => Promise<O>) =>
  (input: I) =>
    useCase(ctx, input);

/** Builds the façade: one method per thing a person can do, each a use case (load → authorise → check → write). */
export function createPortfolio(deps: PortfolioDeps) {
  const ctx = portfolioContext(deps.store, deps.catalogue, {
    ...(deps.notify ? { notify: deps.notify } : {}),
    ...(deps.clock ? { now: deps.clock } : {}),
    ...(deps.files ? { files: deps.files } : {}),
    ...(deps.filesDir ? { filesDir: deps.filesDir } : {}),
  });
  const { store } = deps;
  const mapper: Mapper = (text, options) => {
    if (!deps.mapper) throw new Error("This portfolio was built without a mapper.");
    return deps.mapper(text, options);
  };
  return {
    catalogue: deps.catalogue,

    // who is asking
    identify: (user: ChatUser) => identify(ctx, user),
    /** A person of the centre who is not erased, by id (a page's session). */
    async person(id: string): Promise<PersonRecord | null> {
      const person = await store.people.byId(id);
      return person && !person.erased ? person : null;
    },
    personByEmail: (email: string) => store.people.byEmail(email.trim().toLowerCase()),
    everyone: () => store.people.everyone(),
    peopleInCentre: (centreId: string) => store.people.inCentre(centreId),
    centres: () => store.people.centres(),
    centreByName: (name: string) => store.people.centreByName(name),
    enrolmentsOf: (candidateId: string) => store.enrolments.ofCandidate(candidateId),

    // the candidate
    fileAccount: (input: Parameters<typeof fileAccount>[2]) => fileAccount(ctx, mapper, input),
    submit: bind(ctx, submitChecked),
    editText: (input: Parameters<typeof editText>[2]) => editText(ctx, mapper, input),
    redact: bind(ctx, redact),
    discard: bind(ctx, discardDraft),
    askWitness: bind(ctx, askWitness),
    progress: bind(ctx, getProgress),
    attachFiles: bind(ctx, attachFiles),

    // the witness, the assessor, the verifier
    testify: bind(ctx, giveTestimony),
    /** A reply in an evidence card's thread: whether it may become testimony, as the witness rules allow. */
    threadWitness: bind(ctx, threadWitness),
    /** Who may act on a card about this evidence (ids only, for its Teams refresh). */
    cardAudience: bind(ctx, cardAudience),
    decide: bind(ctx, recordDecision),
    /** A decision from a card's inputs or a page's fields: both read the same way, and every claim must be decided. */
    async decideFromForm(input: {
      actorId: string;
      evidenceId: string;
      version: number;
      outcome: "assessed" | "referred";
      fields: Readonly<Record<string, string | undefined>>;
      comment?: string | undefined;
      eventId?: string | undefined;
    }) {
      const evidence = await viewEvidence(ctx, { actorId: input.actorId, evidenceId: input.evidenceId });
      const comment = input.comment?.trim();
      return recordDecision(ctx, {
        actorId: input.actorId,
        evidenceId: input.evidenceId,
        version: input.version,
        outcome: input.outcome,
        claims: readDecisionForm(input.fields, evidence.activeClaims),
        ...(comment ? { comment } : {}),
        ...(input.eventId ? { eventId: input.eventId } : {}),
      });
    },
    sample: bind(ctx, sampleEvidence),

    // the assessor's own evidence and the recording documents (issue 17); text is mapped when no suggestions are given
    recordObservation: async (input: RecordObservationInput) =>
      recordObservation(ctx, await withMapperSuggestions(ctx, mapper, input)),
    recordDiscussion: async (input: RecordDiscussionInput) =>
      // a discussion or oral questioning is mapped for knowledge above all
      recordDiscussion(ctx, await withMapperSuggestions(ctx, mapper, input, "knowledge")),
    signObservation: bind(ctx, signObservation),
    confirmObservation: bind(ctx, confirmObservation),
    viewObservation: bind(ctx, viewObservation),
    makeActionPlan: bind(ctx, makeActionPlan),
    signActionPlan: bind(ctx, signActionPlan),
    actionPlans: bind(ctx, listActionPlans),
    plansDue: bind(ctx, listPlansDue),
    markPlanReminded: bind(ctx, markPlanReminded),
    giveFeedback: bind(ctx, giveFeedback),
    readFeedback: bind(ctx, readFeedback),
    replyToFeedback: bind(ctx, replyToFeedback),
    signFeedback: bind(ctx, signFeedback),
    recordExpertWitness: bind(ctx, recordExpertWitness),
    signExpertWitnessRecord: bind(ctx, signExpertWitnessRecord),
    confirmExpertWitness: bind(ctx, confirmExpertWitness),
    attachExpertStatement: bind(ctx, attachExpertStatement),
    signExpertStatement: bind(ctx, signExpertStatement),
    /** The pages' view of issue 17's records about one candidate, one piece of evidence, one expert witness. */
    assessmentRecords: bind(ctx, assessmentRecords),
    evidenceRecordParts: bind(ctx, evidenceRecordParts),
    expertWitnessPage: bind(ctx, expertWitnessPage),
    myExpertWitnessRecord: bind(ctx, myExpertWitnessRecord),
    assessorRecordDocument: bind(ctx, assessorRecordDocument),
    statementWitnessRecordDocument: bind(ctx, statementWitnessRecordDocument),

    // what people read
    view: bind(ctx, viewEvidence),
    work: bind(ctx, listWork),
    withNames: (ids: readonly string[]) => withNames(ctx, ids),
    assessorQueue: bind(ctx, assessorQueue),
    candidateRecords: bind(ctx, candidateRecords),
    evidenceWithTrail: bind(ctx, evidenceWithTrail),
    myCandidates: bind(ctx, myCandidates),
    recordingForm: bind(ctx, getRecordingForm),
    samplingOverview: bind(ctx, samplingOverview),
    evidenceFiles: bind(ctx, evidenceFiles),
    evidenceFileDownload: bind(ctx, evidenceFileDownload),
    /** The evidence id behind a candidate's reference; "not found" when there is none (access is checked after). */
    async evidenceIdByRef(candidateId: string, ref: string): Promise<string> {
      const header = await store.evidence.headerByRef(candidateId, ref);
      if (!header) throw evidenceNotFound();
      return header.id;
    },

    // documents and exports
    recordingFormDocument: bind(ctx, recordingFormDocument),
    witnessListDocument: bind(ctx, witnessListDocument),
    assessmentReportDocument: bind(ctx, assessmentReportDocument),
    portfolioDocument: bind(ctx, portfolioDocument),
    plannedDocuments: bind(ctx, plannedDocuments),
    observationRecordDocument: bind(ctx, observationRecordDocument),
    actionPlanDocument: bind(ctx, actionPlanDocument),
    feedbackDocument: bind(ctx, feedbackDocument),
    expertWitnessRecordDocument: bind(ctx, expertWitnessRecordDocument),
    expertStatementDocument: bind(ctx, expertStatementDocument),
    exportCentre: (...args: Parameters<typeof exportCentre> extends [unknown, ...infer R] ? R : never) =>
      exportCentre(ctx, ...args),
    exportPortfolio: bind(ctx, exportPortfolio),

    // the centre admin
    createCentre: bind(ctx, createCentre),
    setCentreNumber: bind(ctx, setCentreNumber),
    setRegistrationNumber: bind(ctx, setRegistrationNumber),
    addPerson: bind(ctx, addPerson),
    assignStaff: bind(ctx, assignStaff),
    enrolCandidate: bind(ctx, enrolCandidate),
    linkIdentity: bind(ctx, linkIdentity),
    erasePerson: bind(ctx, erasePerson),
    loadDemoCentre: () => loadDemoCentre(ctx),
    linkAgentsPlaygroundUser: () => linkAgentsPlaygroundUser(ctx),
    isEmpty: async () => (await store.people.count()) === 0,

    /** Spends a one-time key (a sign-in link): true the first time, false ever after. */
    spendOnce: async (key: string, action: string, personId: string) => {
      try {
        await store.audit.markProcessed(key, action, { id: personId, actorId: personId });
        return true;
      } catch (error) {
        if (isRetry(error)) return false;
        throw error;
      }
    },

    /** True when the change asked for by this event id was committed (a retry, or an answer after a failure). */
    committed: async (eventId: string) => (await store.audit.processed(eventId)) !== null,

    // what channels keep, and what is waiting to be told
    channels: channelState(ctx),
    outbox: outboxReader(ctx),

    close: () => store.close(),
  };
}

/** The portfolio façade. */
export type Portfolio = ReturnType<typeof createPortfolio>;
