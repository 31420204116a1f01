// Claims on chat deliveries (a Slack event id, a button press), shared by every instance on the database.
import { type Db, isUniqueViolation } from "./db.ts";

export class ChannelDeliveryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims a delivery for `leaseMs`: true when no one holds it, so this caller answers it; false while another
   * delivery of it is being answered or was answered. A claim that ran out is taken over (and old ones are cleared).
   */
  async claim(eventId: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    await this.db.channelDelivery.deleteMany({ where: { until: { lt: now } } });
    try {
      await this.db.channelDelivery.create({ data: { eventId, until: new Date(now.getTime() + leaseMs) } });
      return true;
    } catch (error) {
      // Another instance claimed it first (at the same moment, or earlier and still holds it).
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Keeps a claim for `keepMs` from now: after an answer, so later retries of it are dropped. */
  async hold(eventId: string, keepMs: number): Promise<void> {
    await this.db.channelDelivery.updateMany({
      where: { eventId },
      data: { until: new Date(Date.now() + keepMs) },
    });
  }

  /** Lets a claim go: answering failed, so a retry (on any instance) may try again. */
  async release(eventId: string): Promise<void> {
    await this.db.channelDelivery.deleteMany({ where: { eventId } });
  }
}
