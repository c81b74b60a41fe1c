/**
 * Retries with exponential backoff and full jitter, for the Security Hub calls
 * hubcheck makes itself (the clients it uses have the SDK's own retries turned
 * off, so there is exactly one retry policy and tests can drive it).
 *
 * Retried: throttling (HTTP 429 and the SDK's throttling error names), server
 * errors (5xx, InternalException), and transient network errors. Not retried:
 * everything else (AccessDenied, InvalidInput, InvalidAccess, ...), which no
 * amount of waiting fixes.
 */
import { isThrottlingError } from '../data/clients.js';
import type { CallLimits } from '../data/deadlines.js';
import { systemClock, type Clock } from './rate-limiter.js';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Time for the call, its retries and the waits between them: no retry starts
   * once it would end past this. (Each attempt is also cut at the pool's call deadline.)
   */
  budgetMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 20_000 };

/**
 * The retry policy of the Security Hub commands under the data layer's call
 * limits (`--call-timeout`, `--max-attempts`, and their defaults): the same
 * attempts and the same time budget per call as every scan read.
 */
export function retryPolicyFor(limits: Pick<CallLimits, 'callTimeoutMs' | 'maxAttempts'>): RetryPolicy {
  return { ...DEFAULT_RETRY, maxAttempts: limits.maxAttempts, budgetMs: limits.callTimeoutMs };
}

const SERVER_ERRORS = new Set(['InternalException', 'InternalFailure', 'InternalError', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException']);
const NETWORK_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

export interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The AWS error code of an error (its name for SDK errors). */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as ErrorShape;
    return e.name && e.name !== 'Error' ? e.name : (e.code ?? e.name ?? 'Error');
  }
  return 'Error';
}

export function errorMessage(error: unknown): string {
  const message = error instanceof Error || (error && typeof error === 'object') ? String((error as ErrorShape).message ?? '') : String(error);
  return message.split('\n')[0]?.trim() || errorCode(error);
}

/**
 * Whether a whole-request error is worth retrying. `LimitExceededException`
 * is throttling on the batch APIs but a hard quota on the create APIs (the 51st
 * custom action, the 101st insight): pass `quotaIsFinal` for those.
 */
export function isRetryableError(error: unknown, options: { quotaIsFinal?: boolean } = {}): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as ErrorShape;
  const code = errorCode(error);
  if (code === 'LimitExceededException' && options.quotaIsFinal) return false;
  if (isThrottlingError(error)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) return true;
  if (SERVER_ERRORS.has(code)) return true;
  return NETWORK_ERRORS.has(code) || NETWORK_ERRORS.has(e.code ?? '');
}

/** `FailedFindings[].ErrorCode` values that mean "try again later", not "this finding is wrong". */
export const RETRYABLE_FINDING_CODES: ReadonlySet<string> = new Set([
  'InternalFailure',
  'InternalError',
  'InternalException',
  'ServiceUnavailable',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'LimitExceeded',
  'LimitExceededException',
  'ConcurrentUpdateError',
  'RequestTimeout',
]);

/** Full-jitter exponential backoff before retry `retry` (1 for the first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryOptions {
  policy?: RetryPolicy;
  clock?: Clock;
  random?: () => number;
  retryable?: (error: unknown) => boolean;
  onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

/** Runs `fn` until it succeeds, fails with a non-retryable error, or runs out of attempts (then the last error is thrown). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  const clock = options.clock ?? systemClock;
  const retryable = options.retryable ?? ((error: unknown) => isRetryableError(error));
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !retryable(error)) throw error;
      const delay = backoffDelay(attempt, policy, options.random);
      if (policy.budgetMs !== undefined && clock.now() - started + delay >= policy.budgetMs) throw error;
      options.onRetry?.(error, attempt, delay);
      await clock.sleep(delay);
    }
  }
}
