// Slack requests must be dated within five minutes of now, either way: Bolt refuses old ones but not future ones.

/** Slack's own limit: a request older (or, with a wrong or forged clock, newer) than this is replayed or forged. */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/**
 * True when x-slack-request-timestamp is within five minutes of now. Bolt accepts any timestamp from the future,
 * so a signed request captured with a clock set ahead could be replayed for as long as that clock is ahead.
 */
export function withinSlackWindow(timestamp: string | undefined, now = Date.now()): boolean {
  const stamp = Number(timestamp);
  return Number.isFinite(stamp) && Math.abs(now / 1000 - stamp) <= SLACK_REQUEST_WINDOW_SECONDS;
}
