import { describe, expect, it } from 'vitest';
import { TokenBucket, type Clock } from '../../src/data/token-bucket.js';
import { PUBLISHED_LIMITS, limitFor } from '../../src/data/rate-limits.js';

/** A clock that only moves when someone sleeps on it. */
function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then paces to the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 10, burst: 5 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      await bucket.take();
      times.push(clock.t);
    }
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // 10 more tokens at 10/s take about one second.
    expect(times[14]).toBeGreaterThanOrEqual(1000);
    expect(times[14]).toBeLessThan(1100);
  });

  it('serves concurrent waiters in arrival order without exceeding the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 2, burst: 1 }, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.t).toBeGreaterThanOrEqual(1500);
  });

  it('refuses nonsense parameters', () => {
    expect(() => new TokenBucket({ rate: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ rate: 1, burst: 0 })).toThrow(RangeError);
  });
});

describe('rate limits', () => {
  it('gives EC2 a bucket per API and other services one shared bucket', () => {
    expect(limitFor('ec2:DescribeVpcs')?.key).toBe('ec2:DescribeVpcs');
    expect(limitFor('ec2:DescribeSecurityGroups')?.key).toBe('ec2:DescribeSecurityGroups');
    expect(limitFor('cloudtrail:GetTrailStatus')?.key).toBe('cloudtrail');
    expect(limitFor('kms:ListKeys')?.limit.rate).toBe(100);
    expect(limitFor('securityhub:GetFindings')?.limit).toMatchObject({ rate: 3, burst: 6 });
    expect(limitFor('unknownsvc:Op')).toBeUndefined();
  });

  it('says where every figure comes from', () => {
    for (const [key, limit] of Object.entries(PUBLISHED_LIMITS)) expect(limit.source.length, key).toBeGreaterThan(5);
  });
});
