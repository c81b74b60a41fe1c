/**
 * Sends findings to one Region's Security Hub with BatchImportFindings, and
 * accounts for every one of them: each finding ends up either accepted or in
 * `failed` with an error code and message. Nothing is dropped silently.
 *
 * - Batches of at most 100 findings and 6 MB (batches.ts).
 * - Every request first takes a token from the (account, Region) bucket for
 *   BatchImportFindings: 10 requests/s, burst 30.
 * - A whole request that fails with throttling, a 5xx or a network error is
 *   retried with exponential backoff and jitter; when it still fails, or fails
 *   with anything else, every finding of that batch is failed with that error.
 * - An answer counts only when it accounts for its batch: numeric
 *   SuccessCount and FailedCount that add up to the batch size, and one
 *   FailedFindings entry per failure. Any other answer (an empty 200, a
 *   truncated body) fails the whole batch with `MalformedResponse`: it goes
 *   to unsent.asff.json, never counted as sent.
 * - `FailedFindings` is read on every response (a rejected finding still comes
 *   back as HTTP 200). Findings failed with a retryable code (throttling,
 *   internal errors) are sent again in a later round, after a backoff; the
 *   others (InvalidInput, InvalidAccess, ...) are failed at once.
 */
import pLimit from 'p-limit';
import {
  BatchImportFindingsCommand,
  type AwsSecurityFinding,
  type BatchImportFindingsCommandOutput,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { toBatches, type BatchLimits, BATCH_LIMITS } from './batches.js';
import { systemClock, type Clock, type TokenBucket } from './rate-limiter.js';
import { DEFAULT_RETRY, RETRYABLE_FINDING_CODES, backoffDelay, errorCode, errorMessage, withRetry, type RetryPolicy } from './retry.js';

/** What BatchImportFindings reports for a finding it did not import. */
export interface FailedFinding {
  Id: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export interface SendOptions {
  bucket: TokenBucket;
  clock?: Clock;
  retry?: RetryPolicy;
  random?: () => number;
  /** Requests in flight at once for this Region. */
  concurrency?: number;
  limits?: BatchLimits;
  onRetry?: (what: string, code: string, retry: number, delayMs: number) => void;
}

export interface SendResult {
  imported: AwsSecurityFinding[];
  failed: { finding: AwsSecurityFinding; error: FailedFinding }[];
  requests: number;
}

export async function importFindings(
  client: Pick<SecurityHubClient, 'send'>,
  findings: readonly AwsSecurityFinding[],
  options: SendOptions,
): Promise<SendResult> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const clock = options.clock ?? systemClock;
  const limit = pLimit(options.concurrency ?? 10);
  const result: SendResult = { imported: [], failed: [], requests: 0 };
  let pending = [...findings];

  for (let round = 1; pending.length > 0; round++) {
    const retryLater: { finding: AwsSecurityFinding; error: FailedFinding }[] = [];
    const batches = toBatches(pending, options.limits ?? BATCH_LIMITS);
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          let output: BatchImportFindingsCommandOutput;
          try {
            output = await withRetry(
              async () => {
                await options.bucket.take();
                result.requests++;
                return client.send(new BatchImportFindingsCommand({ Findings: batch }));
              },
              {
                policy,
                clock,
                random: options.random,
                onRetry: (error, retry, delay) => options.onRetry?.('BatchImportFindings', errorCode(error), retry, delay),
              },
            );
          } catch (error) {
            const code = errorCode(error);
            const message = errorMessage(error);
            for (const finding of batch) result.failed.push({ finding, error: { Id: finding.Id ?? '', ErrorCode: code, ErrorMessage: message } });
            return;
          }
          const unaccounted = unaccountedBatch(output, batch.length);
          if (unaccounted) {
            for (const finding of batch) result.failed.push({ finding, error: { Id: finding.Id ?? '', ErrorCode: 'MalformedResponse', ErrorMessage: unaccounted } });
            return;
          }
          const failures = new Map<string, FailedFinding>();
          for (const f of output.FailedFindings ?? []) {
            if (f.Id !== undefined) failures.set(f.Id, { Id: f.Id, ErrorCode: f.ErrorCode ?? 'Unknown', ErrorMessage: f.ErrorMessage ?? '' });
          }
          for (const finding of batch) {
            const failure = failures.get(finding.Id ?? '');
            if (!failure) result.imported.push(finding);
            else if (RETRYABLE_FINDING_CODES.has(failure.ErrorCode)) retryLater.push({ finding, error: failure });
            else result.failed.push({ finding, error: failure });
          }
        }),
      ),
    );
    if (retryLater.length === 0) break;
    if (round >= policy.maxAttempts) {
      result.failed.push(...retryLater);
      break;
    }
    const delay = backoffDelay(round, policy, options.random);
    options.onRetry?.('FailedFindings', retryLater[0]?.error.ErrorCode ?? '', round, delay);
    await clock.sleep(delay);
    pending = retryLater.map((r) => r.finding);
  }
  return result;
}

/**
 * Why a BatchImportFindings (or BatchUpdateFindings) answer does not account for its batch of
 * `size` findings; undefined when it does. Nothing is counted as sent unless Security Hub said so.
 */
export function unaccountedBatch(
  output: { SuccessCount?: unknown; FailedCount?: unknown; FailedFindings?: unknown } | undefined,
  size: number,
  operation = 'BatchImportFindings',
): string | undefined {
  const success = output?.SuccessCount;
  const failed = output?.FailedCount;
  if (typeof success !== 'number' || typeof failed !== 'number' || !Number.isInteger(success) || !Number.isInteger(failed)) {
    return `${operation} answered without numeric SuccessCount and FailedCount: nothing of this batch is known to be imported`;
  }
  if (success < 0 || failed < 0 || success + failed !== size) {
    return `${operation} answered SuccessCount ${success} + FailedCount ${failed} for a batch of ${size}`;
  }
  const listed = output?.FailedFindings;
  if (failed > 0 && (!Array.isArray(listed) || listed.length !== failed)) {
    return `${operation} answered FailedCount ${failed} but listed ${Array.isArray(listed) ? listed.length : 'no'} failed findings`;
  }
  return undefined;
}
