import { describe, expect, it } from 'vitest';
import { RateLimiters, TokenBucket } from '../../src/securityhub/rate-limiter.js';
import { FakeClock, bucketViolation } from '../helpers/securityhub.js';

describe('TokenBucket', () => {
  it('lets a burst of 30 through at once, then one request every 100 ms (10/s)', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ rate: 10, burst: 30 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    expect(times.slice(0, 30)).toEqual(Array(30).fill(0));
    expect(times.slice(30)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 100));
  });

  it('serves concurrent callers in order, each at its own slot', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ rate: 3, burst: 6 }, clock);
    const times: number[] = [];
    await Promise.all(Array.from({ length: 12 }, async () => {
      await bucket.take();
      times.push(clock.now());
    }));
    expect(times).toHaveLength(12);
    expect(times.filter((t) => t === 0)).toHaveLength(6);
    expect(Math.max(...times)).toBeCloseTo(2000, 0);
    expect(bucketViolation(times, 3, 6)).toBeUndefined();
  });

  it('refills while idle, but never beyond the burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ rate: 10, burst: 30 }, clock);
    for (let i = 0; i < 30; i++) await bucket.take();
    await clock.sleep(60_000);
    expect(bucket.available()).toBe(30);
    const start = clock.now();
    for (let i = 0; i < 31; i++) await bucket.take();
    expect(clock.now() - start).toBe(100);
  });

  it('rejects a limit that could never grant a token', () => {
    expect(() => new TokenBucket({ rate: 0, burst: 30 })).toThrow(RangeError);
    expect(() => new TokenBucket({ rate: 10, burst: 0 })).toThrow(RangeError);
  });
});

describe('RateLimiters', () => {
  it('keeps one bucket per account, Region and operation, with Security Hub\'s limits', () => {
    const limiters = new RateLimiters(new FakeClock());
    const a = limiters.securityHub('111122223333', 'us-east-1', 'BatchImportFindings');
    expect(limiters.securityHub('111122223333', 'us-east-1', 'BatchImportFindings')).toBe(a);
    expect(limiters.securityHub('111122223333', 'eu-west-1', 'BatchImportFindings')).not.toBe(a);
    expect(limiters.securityHub('444455556666', 'us-east-1', 'BatchImportFindings')).not.toBe(a);
    expect(a.limit).toEqual({ rate: 10, burst: 30 });
    expect(limiters.securityHub('111122223333', 'us-east-1', 'GetFindings').limit).toEqual({ rate: 3, burst: 6 });
  });
});
