import { describe, expect, it } from 'vitest';
import { backoffDelay, errorCode, isRetryableError, retryPolicyFor, withRetry } from '../../src/securityhub/retry.js';
import { FakeClock, awsError } from '../helpers/securityhub.js';

describe('isRetryableError', () => {
  it.each([
    [awsError('TooManyRequestsException', 429), true],
    [awsError('ThrottlingException', 400), true],
    [awsError('LimitExceededException', 429), true],
    [awsError('InternalException', 500), true],
    [awsError('ServiceUnavailable', 503), true],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    [awsError('AccessDeniedException', 403), false],
    [awsError('InvalidInputException', 400), false],
    [awsError('InvalidAccessException', 401), false],
    [new Error('plain'), false],
  ])('%s -> %s', (error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });

  it('treats LimitExceededException as a final quota error when told to (create APIs)', () => {
    expect(isRetryableError(awsError('LimitExceededException', 429), { quotaIsFinal: true })).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under a cap, with full jitter', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(399);
    expect(backoffDelay(8, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

  it('retries throttling with backoff until the call succeeds', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw awsError('TooManyRequestsException', 429);
        return 'ok';
      },
      { policy, clock, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.now()).toBe(50 + 100);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw awsError('InternalException', 500, `try ${calls}`);
      },
      { policy, clock: new FakeClock() },
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect((error as Error).message).toBe('try 4');
    expect(errorCode(error)).toBe('InternalException');
  });

  it('does not retry an error no wait can fix', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw awsError('AccessDeniedException', 403);
      }, { policy, clock: new FakeClock() }),
    ).rejects.toThrow('AccessDeniedException');
    expect(calls).toBe(1);
  });

  it('starts no retry that would end past the time budget, with the last error', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        await clock.sleep(400); // each attempt takes 400 ms
        throw awsError('ServiceUnavailable', 503, `try ${calls}`);
      },
      { policy: { ...policy, budgetMs: 1000 }, clock, random: () => 0.5 },
    ).catch((e: unknown) => e);
    // Attempt 1 ends at 400 (+50 wait: 450 < 1000, retry); attempt 2 ends at 850 (+100: 950, retry);
    // attempt 3 ends at 1350: a wait would end past the budget, so no fourth although maxAttempts is 4.
    expect(calls).toBe(3);
    expect((error as Error).message).toBe('try 3');
  });

  it('retryPolicyFor takes the attempts and the budget of the call limits', () => {
    expect(retryPolicyFor({ callTimeoutMs: 5000, maxAttempts: 2 })).toMatchObject({ maxAttempts: 2, budgetMs: 5000 });
  });
});
