/**
 * A token bucket: `rate` tokens per second, at most `burst` held, starting
 * full. `take()` spends a token, waiting when there is none.
 *
 * Waiters reserve their token at once (the balance may go negative), so callers
 * are served in the order they asked and each sleeps exactly until its own
 * token has been refilled: no polling, no thundering herd. The clock is
 * injectable, so tests run hours of virtual time in milliseconds.
 *
 * Used for the scan's client-side rate limits (src/data/clients.ts) and for
 * the Security Hub push (src/securityhub/rate-limiter.ts).
 */

export interface Clock {
  /** Milliseconds, monotonic for the purposes of rate limiting. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface BucketLimit {
  /** Tokens added per second (the sustained request rate). */
  rate: number;
  /** Bucket capacity (the burst). */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: BucketLimit,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(limit.rate > 0) || !(limit.burst >= 1)) throw new RangeError(`invalid rate limit ${JSON.stringify(limit)}`);
    this.tokens = limit.burst;
    this.last = clock.now();
  }

  /** Waits until a token is available and spends it. */
  async take(): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    await this.clock.sleep((-this.tokens / this.limit.rate) * 1000);
  }

  /** Tokens available now (negative while callers wait). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed / 1000) * this.limit.rate);
  }
}
