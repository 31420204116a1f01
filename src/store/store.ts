// The store: every repository over one database, transactions that group them, and idempotent "do once" writes.
import { AppError } from "../core/errors.ts";
import { ActionPlanRepository } from "./action-plan-repository.ts";
import { AssessmentRepository } from "./assessment-repository.ts";
import { AssessorRecordRepository } from "./assessor-record-repository.ts";
import { AuditRepository } from "./audit-repository.ts";
import { BulkRepository } from "./bulk-repository.ts";
import { CardCopyRepository } from "./card-copy-repository.ts";
import { ChannelDeliveryRepository } from "./channel-delivery-repository.ts";
import { ChannelStateRepository } from "./channel-state-repository.ts";
import { type Database, openDatabase } from "./connect.ts";
import { type Db, isUniqueViolation } from "./db.ts";
import { EnrolmentRepository } from "./enrolment-repository.ts";
import { ErasureRepository } from "./erasure-repository.ts";
import { EvidenceFileRepository } from "./evidence-file-repository.ts";
import { EvidenceRepository } from "./evidence-repository.ts";
import { ExpertWitnessRepository } from "./expert-witness-repository.ts";
import { FeedbackRepository } from "./feedback-repository.ts";
import { OutboxRepository } from "./outbox-repository.ts";
import { PeopleRepository } from "./people-repository.ts";
import { SignatureRepository } from "./signature-repository.ts";
import { TransitionRepository } from "./transition-repository.ts";
import { WitnessRepository } from "./witness-repository.ts";

/** The repositories over one connection or one transaction. */
export interface Repositories {
  readonly people: PeopleRepository;
  readonly enrolments: EnrolmentRepository;
  readonly evidence: EvidenceRepository;
  readonly witnesses: WitnessRepository;
  readonly assessments: AssessmentRepository;
  readonly audit: AuditRepository;
  readonly bulk: BulkRepository;
  readonly transitions: TransitionRepository;
  readonly channelState: ChannelStateRepository;
  readonly cardCopies: CardCopyRepository;
  readonly channelDeliveries: ChannelDeliveryRepository;
  readonly signatures: SignatureRepository;
  readonly assessorRecords: AssessorRecordRepository;
  readonly actionPlans: ActionPlanRepository;
  readonly feedback: FeedbackRepository;
  readonly expertWitnesses: ExpertWitnessRepository;
  readonly outbox: OutboxRepository;
  readonly erasure: ErasureRepository;
  readonly evidenceFiles: EvidenceFileRepository;
}

export interface Store extends Repositories {
  readonly kind: "pglite" | "postgresql";
  /** Runs `work` in one transaction: all of it is written, or none. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction once per event id: a retry with the same id returns the first result
   * (the id of what was created or changed) without doing it again. Without an event id it simply runs.
   */
  once(
    eventId: string | undefined,
    action: string,
    actorId: string | null,
    work: (tx: Repositories) => Promise<string>,
  ): Promise<string>;
  /** The id recorded for an event already handled, if any (checked before loading, so retries skip status checks). */
  replay(eventId: string | undefined, action: string, actorId: string | null): Promise<string | undefined>;
  /**
   * Makes the database drop the old versions of rows from its files (VACUUM FULL, then a checkpoint): after an
   * erasure, so the erased words are not left in the data directory. Run outside any transaction.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}

export function repositories(db: Db): Repositories {
  return {
    people: new PeopleRepository(db),
    enrolments: new EnrolmentRepository(db),
    evidence: new EvidenceRepository(db),
    witnesses: new WitnessRepository(db),
    assessments: new AssessmentRepository(db),
    audit: new AuditRepository(db),
    bulk: new BulkRepository(db),
    transitions: new TransitionRepository(db),
    channelState: new ChannelStateRepository(db),
    cardCopies: new CardCopyRepository(db),
    channelDeliveries: new ChannelDeliveryRepository(db),
    signatures: new SignatureRepository(db),
    assessorRecords: new AssessorRecordRepository(db),
    actionPlans: new ActionPlanRepository(db),
    feedback: new FeedbackRepository(db),
    expertWitnesses: new ExpertWitnessRepository(db),
    outbox: new OutboxRepository(db),
    erasure: new ErasureRepository(db),
    evidenceFiles: new EvidenceFileRepository(db),
  };
}

/** Transactions wait this long for PGlite's single connection or a pool slot before giving up. */
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/**
 * The id recorded for an event handled before. The same event id for another action or person is not a retry:
 * it is refused rather than answered with someone else's record.
 */
export function replayedId(
  seen: { action: string; result: { id: string; actorId: string | null } },
  action: string,
  actorId: string | null,
): string {
  if (seen.action !== action || seen.result.actorId !== actorId)
    throw new AppError(
      "conflict",
      "This request id was already used for something else. Try the action again.",
    );
  return seen.result.id;
}

/** Wraps an open database as a Store. */
export function createStore(database: Database): Store {
  const { prisma } = database;
  const base = repositories(prisma);
  const transaction = <T>(work: (tx: Repositories) => Promise<T>) =>
    prisma.$transaction((tx) => work(repositories(tx)), TX_OPTIONS);

  async function replay(eventId: string | undefined, action: string, actorId: string | null) {
    if (!eventId) return undefined;
    const seen = await base.audit.processed(eventId);
    return seen ? replayedId(seen, action, actorId) : undefined;
  }

  return {
    kind: database.kind,
    ...base,
    transaction,
    replay,
    async once(eventId, action, actorId, work) {
      const earlier = await replay(eventId, action, actorId);
      if (earlier !== undefined) return earlier;
      try {
        return await transaction(async (tx) => {
          const id = await work(tx);
          if (eventId) await tx.audit.markProcessed(eventId, action, { id, actorId });
          return id;
        });
      } catch (error) {
        // Two deliveries of one event raced: the loser's work rolled back; answer with the winner's result.
        if (eventId && isUniqueViolation(error)) {
          const winner = await replay(eventId, action, actorId);
          if (winner !== undefined) return winner;
        }
        throw error;
      }
    },
    compact: () => database.compact(),
    close: () => database.close(),
  };
}

/** Opens the database named by DATABASE_URL, applying pending migrations, and returns the store. */
export async function openStore(databaseUrl: string): Promise<Store> {
  return createStore(await openDatabase(databaseUrl));
}
