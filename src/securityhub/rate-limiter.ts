/**
 * Token buckets for AWS API rate limits, one per (account, Region, operation).
 *
 * Security Hub limits each operation per account and Region (spec section 3.3):
 * BatchImportFindings 10 requests/s with a burst of 30, GetFindings 3/s burst 6,
 * most others 10/s burst 30. A bucket starts full (`burst` tokens), refills at
 * `rate` tokens per second, and never holds more than `burst`. `take()` spends a
 * token, waiting when there is none.
 *
 * Waiters reserve their token at once (the balance may go negative), so callers
 * are served in the order they asked and each one sleeps exactly until its own
 * token has been refilled: no polling, no thundering herd.
 *
 * The clock is injectable, so tests run hours of virtual time in milliseconds.
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

export interface RateLimit {
  /** Tokens added per second (the sustained request rate). */
  rate: number;
  /** Bucket capacity (the burst). */
  burst: number;
}

/** Security Hub's published limits per account and Region (spec section 3.3). */
export const SECURITY_HUB_LIMITS = {
  BatchImportFindings: { rate: 10, burst: 30 },
  BatchUpdateFindings: { rate: 10, burst: 30 },
  GetFindings: { rate: 3, burst: 6 },
  default: { rate: 10, burst: 30 },
} as const satisfies Record<string, RateLimit>;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: RateLimit,
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

/** One bucket per key (e.g. `123456789012/us-east-1/BatchImportFindings`), created on first use. */
export class RateLimiters {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: Clock = systemClock) {}

  bucket(key: string, limit: RateLimit): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limit, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** The bucket for a Security Hub operation in one account and Region. */
  securityHub(account: string, region: string, operation: keyof typeof SECURITY_HUB_LIMITS): TokenBucket {
    return this.bucket(`${account}/${region}/securityhub:${operation}`, SECURITY_HUB_LIMITS[operation]);
  }
}
