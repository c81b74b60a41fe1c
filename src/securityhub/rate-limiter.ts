/**
 * The Security Hub push's rate limits: one token bucket (src/data/token-bucket.ts)
 * per (account, Region, operation). Security Hub limits each operation per
 * account and Region (spec section 3.3): BatchImportFindings 10 requests/s with a
 * burst of 30, GetFindings 3/s burst 6, most others 10/s burst 30; the figures
 * come from the one rate table, src/data/rate-limits.ts.
 */
import { PUBLISHED_LIMITS } from '../data/rate-limits.js';
import { TokenBucket, systemClock, type BucketLimit, type Clock } from '../data/token-bucket.js';

export { TokenBucket, systemClock, type Clock } from '../data/token-bucket.js';

export type RateLimit = BucketLimit;

const limit = (key: string): RateLimit => {
  const found = PUBLISHED_LIMITS[key];
  if (!found) throw new Error(`no published limit for ${key}`);
  return { rate: found.rate, burst: found.burst };
};

/** Security Hub's published limits per account and Region (spec section 3.3), from the one rate table. */
export const SECURITY_HUB_LIMITS = {
  BatchImportFindings: limit('securityhub'),
  BatchUpdateFindings: limit('securityhub'),
  GetFindings: limit('securityhub:GetFindings'),
  default: limit('securityhub'),
} as const satisfies Record<string, RateLimit>;

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
