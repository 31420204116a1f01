// Rate limits for sign-in links and the playground: per address and per person, token buckets kept in memory.
import type { NextFunction, Request, Response } from "express";

/** A bucket of `burst` tries that refills at `perMinute`. */
export interface Limit {
  burst: number;
  perMinute: number;
}

/** Sign-in links: a person opens one or two; a script trying tokens or spending someone's links is stopped. */
export const SIGN_IN_LIMITS = {
  address: { burst: 30, perMinute: 30 },
  person: { burst: 10, perMinute: 5 },
} as const satisfies Record<string, Limit>;

/** The playground: a page polling its inbox and a person typing; a runaway client is stopped (bench stays under). */
export const PLAYGROUND_LIMITS = {
  address: { burst: 600, perMinute: 1200 },
  person: { burst: 60, perMinute: 120 },
} as const satisfies Record<string, Limit>;

/** The most keys kept per limiter: the least recently used go first, so memory stays bounded. */
const MAX_KEYS = 10_000;

/** Token buckets by key. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: Limit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one try for `key`: undefined when allowed, else the seconds until the next one is. */
  take(key: string): number | undefined {
    const now = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    for (const oldest of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS) break;
      this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}

/** The client's address as the socket sees it (Shiftnote trusts no X-Forwarded-For it cannot check). */
export const addressOf = (req: Request): string => req.socket.remoteAddress ?? "unknown";

export interface Limiters {
  address: RateLimiter;
  person: RateLimiter;
}

export const limiters = (limits: { address: Limit; person: Limit }): Limiters => ({
  address: new RateLimiter(limits.address),
  person: new RateLimiter(limits.person),
});

/** Answers 429 with Retry-After and a message saying when to try again; the body is the caller's (HTML or JSON). */
export function tooMany(res: Response, retryAfter: number, send: (message: string) => void): void {
  const wait = retryAfter <= 60 ? "a minute" : `${Math.ceil(retryAfter / 60)} minutes`;
  res.status(429).set("Retry-After", String(retryAfter));
  send(`That has been tried too many times in a short while. Please wait ${wait}, then try again.`);
}

/** Middleware: one try per request from this address, else 429 answered by `send`. */
export function limitByAddress(limiter: RateLimiter, send: (res: Response, message: string) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const wait = limiter.take(addressOf(req));
    if (wait === undefined) next();
    else tooMany(res, wait, (message) => send(res, message));
  };
}

/** One try for this person (an id or email); true when allowed, else the 429 has been sent. */
export function allowPerson(
  limiter: RateLimiter,
  person: string,
  res: Response,
  send: (message: string) => void,
): boolean {
  const wait = limiter.take(person.toLowerCase());
  if (wait === undefined) return true;
  tooMany(res, wait, send);
  return false;
}
