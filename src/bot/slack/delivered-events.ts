// Slack event ids this process has already answered, so a retry that arrives afterwards is not answered again.

/** Slack retries an event three times within a few minutes; an hour covers them with room to spare. */
const KEEP_MS = 60 * 60 * 1000;
/** The most ids kept: the oldest go first, so memory stays bounded whatever the traffic. */
const MAX_IDS = 10_000;

/** A bounded, expiring set of event ids. */
export class DeliveredEvents {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keepMs = KEEP_MS,
    private readonly maxIds = MAX_IDS,
  ) {}

  has(id: string): boolean {
    const until = this.ids.get(id);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.ids.delete(id);
    return false;
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.set(id, this.now() + this.keepMs);
    for (const oldest of this.ids.keys()) {
      if (this.ids.size <= this.maxIds) break;
      this.ids.delete(oldest);
    }
  }
}
