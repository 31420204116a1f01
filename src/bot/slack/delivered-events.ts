// Which Slack deliveries (event ids, button presses) are being or were answered: one answer per event, whatever the retries and instances.
import type { Portfolio } from "../../portfolio/index.ts";

/** Slack retries an event three times within a few minutes; an hour covers them with room to spare. */
const KEEP_MS = 60 * 60 * 1000;
/**
 * How long an answer in progress holds its event: past Slack's retry after a minute, short of its retry after five,
 * so the event of an instance that stopped mid-answer is answered by that last retry.
 */
const LEASE_MS = 3 * 60 * 1000;
/** The most ids one process keeps when there is no database to share: the oldest go first. */
const MAX_IDS = 10_000;

/** Claims on Slack deliveries; shared through the database, every instance sees the others' claims. */
export interface SlackDeliveries {
  /** True when this caller should answer the event: nobody is answering it or has answered it. */
  claim(eventId: string): Promise<boolean>;
  /** It was answered: further deliveries of it (Slack's retries, to any instance) are dropped. */
  answered(eventId: string): Promise<void>;
  /** Answering it failed: a retry may try again. */
  release(eventId: string): Promise<void>;
}

/** Claims kept by the portfolio in the database, so instances sharing it answer each event once between them. */
export function portfolioDeliveries(portfolio: Portfolio): SlackDeliveries {
  const { channels } = portfolio;
  return {
    claim: (eventId) => channels.claimDelivery(eventId, LEASE_MS),
    answered: (eventId) => channels.deliveryAnswered(eventId, KEEP_MS),
    release: (eventId) => channels.releaseDelivery(eventId),
  };
}

/** Claims kept in this process only (a bounded, expiring map), for tests and a Slack channel with no database. */
export class DeliveredEvents implements SlackDeliveries {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keepMs = KEEP_MS,
    private readonly maxIds = MAX_IDS,
    private readonly leaseMs = LEASE_MS,
  ) {}

  async claim(id: string): Promise<boolean> {
    const until = this.ids.get(id);
    if (until !== undefined && until > this.now()) return false;
    this.keep(id, this.leaseMs);
    return true;
  }

  async answered(id: string): Promise<void> {
    this.keep(id, this.keepMs);
  }

  async release(id: string): Promise<void> {
    this.ids.delete(id);
  }

  private keep(id: string, ms: number): void {
    this.ids.delete(id);
    this.ids.set(id, this.now() + ms);
    for (const oldest of this.ids.keys()) {
      if (this.ids.size <= this.maxIds) break;
      this.ids.delete(oldest);
    }
  }
}
