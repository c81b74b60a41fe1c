/**
 * `hubcheck scan --securityhub`: after the reports are written, push the
 * findings with their lifecycle, print one summary line per Region, and write
 * what could not be sent to `unsent.asff.json` (a JSON array `hubcheck import`
 * accepts as it is).
 *
 * The push has its own ClientPool: the scan's pool stays read-only, and this
 * one allows exactly securityhub:BatchImportFindings. Its clients make one
 * HTTP attempt per call: retries, backoff and rate limiting are push.ts's,
 * within the scan's --call-timeout and --max-attempts (retryPolicyFor).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Logger } from 'pino';
import { ApiStats } from '../data/api-stats.js';
import { credentialChain } from '../data/aws-session.js';
import { ClientPool, createHttpHandler } from '../data/clients.js';
import { DEFAULT_CALL_LIMITS, type CallLimits } from '../data/deadlines.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { coverageOf } from '../domain/completeness.js';
import type { AccountScan } from '../engine/scan.js';
import { findingsJsonChunks } from '../io/findings-json.js';
import { pushFindings, type Identity, type PushDeps, type PushResult } from './push.js';
import { retryPolicyFor, withRetry, type RetryPolicy } from './retry.js';

export const UNSENT_FILE = 'unsent.asff.json';

/** The writes a push needs, and nothing else. */
export const PUSH_WRITES = ['securityhub:BatchImportFindings'] as const;

/** Per-finding failure lines printed per Region before "... and N more". */
const MAX_FAILURE_LINES = 10;

export interface ScanPushOptions {
  profile?: string;
  outputDir: string;
  logger?: Logger;
  /** The scan's call limits (--call-timeout, --max-attempts): the push obeys them too. */
  limits?: CallLimits;
}

/** The parts of a scan a push reads. */
export interface ScanPushInput {
  readonly findings: readonly AwsSecurityFinding[];
  readonly scans: readonly AccountScan[];
  readonly homeRegion: string;
  readonly observedAt: string;
}

export interface ScanPushOutcome {
  /** Every finding was imported. */
  complete: boolean;
  result: PushResult;
  unsentFile?: string;
}

/**
 * A pool for Security Hub writes: its own, so the scan's stays read-only. Each
 * SDK call makes one HTTP attempt, cut at the call deadline of `limits`; the
 * retries are withRetry's, under retryPolicyFor(limits).
 */
export function securityHubPool(profile: string | undefined, writes: readonly string[], logger?: Logger, limits: CallLimits = DEFAULT_CALL_LIMITS) {
  const httpHandler = createHttpHandler(16, limits.connectTimeoutMs);
  // The push paces itself with Security Hub's own limits (rate-limiter.ts): no second, client-level limit.
  const pool = new ClientPool({ credentials: credentialChain(profile), stats: new ApiStats(), httpHandler, logger, limits: { ...limits, maxAttempts: 1 }, rateLimits: false });
  pool.allowWrites(writes);
  return {
    pool,
    destroy: () => {
      pool.destroy();
      httpHandler.destroy();
    },
  };
}

/** The caller's account and partition (sts:GetCallerIdentity), retried like every push call. */
export function callerIdentity(pool: ClientPool, region: string, policy?: RetryPolicy): () => Promise<Identity> {
  return async () => {
    const out = await withRetry(() => pool.get(STSClient, region).send(new GetCallerIdentityCommand({})), { policy });
    if (!out.Account) throw new Error('GetCallerIdentity returned no account');
    return { account: out.Account, partition: out.Arn?.split(':')[1] || 'aws' };
  };
}

export async function pushScan(
  execution: ScanPushInput,
  options: ScanPushOptions,
  stderr: NodeJS.WritableStream,
  overrides: Partial<PushDeps> = {},
): Promise<ScanPushOutcome> {
  const limits = options.limits ?? DEFAULT_CALL_LIMITS;
  const retry = retryPolicyFor(limits);
  const { pool, destroy } = securityHubPool(options.profile, PUSH_WRITES, options.logger, limits);
  let result: PushResult;
  try {
    result = await pushFindings(
      {
        findings: execution.findings,
        coverage: coverageOf(execution.scans),
        scopes: execution.scans.flatMap((s) => s.regions.map((region) => ({ account: s.identity.account, region }))),
        observedAt: execution.observedAt,
      },
      {
        client: (region) => pool.get(SecurityHubClient, region),
        identity: callerIdentity(pool, execution.homeRegion, retry),
        retry,
        onRetry: (region, what, code, retry, delayMs) =>
          options.logger?.info({ region, what, code, retry, delayMs }, 'Security Hub: retrying'),
        ...overrides,
      },
    );
  } finally {
    destroy();
  }
  for (const line of pushReport(result)) stderr.write(`hubcheck: ${line}\n`);

  const file = path.join(options.outputDir, UNSENT_FILE);
  if (result.unsent.length === 0) {
    await rm(file, { force: true });
    return { complete: true, result };
  }
  await writeFileAtomic(file, findingsJsonChunks(result.unsent.map((u) => u.finding)));
  stderr.write(
    `hubcheck: ${result.unsent.length} finding${result.unsent.length === 1 ? '' : 's'} could not be sent to Security Hub; ` +
      `they are in ${file} (send them later with: hubcheck import ${file})\n`,
  );
  return { complete: false, result, unsentFile: file };
}

/** The lines `scan --securityhub` prints on stderr (without the `hubcheck: ` prefix). */
export function pushReport(result: PushResult): string[] {
  const lines: string[] = [];
  if (result.fatal) lines.push(`Security Hub: nothing sent: ${result.fatal}`);
  const mismatched = result.unsent.filter((u) => u.error.ErrorCode === 'AccountMismatch');
  if (mismatched.length > 0) lines.push(`Security Hub: ${mismatched.length} findings not sent: ${mismatched[0]?.error.ErrorMessage}`);
  for (const r of result.regions) {
    const where = `Security Hub ${r.region}`;
    const consequence = r.failed > 0 ? `its ${r.failed} finding${r.failed === 1 ? ' was' : 's were'} not sent` : 'nothing to send there';
    if (r.state === 'not-enabled') {
      lines.push(`Security Hub is not enabled in ${r.region} for account ${r.account} (${r.reason}); ${consequence}`);
    } else if (r.state === 'unreachable') {
      lines.push(`${where}: not pushed (${r.reason}); ${consequence}`);
    }
    if (r.duplicates.length > 0) lines.push(`${where}: ${r.duplicates.length} findings repeated an Id in this run; only the first of each was sent`);
    if (r.state === 'pushed') {
      const failures = result.unsent.filter((u) => u.region === r.region && u.error.ErrorCode !== 'AccountMismatch');
      for (const u of failures.slice(0, MAX_FAILURE_LINES)) lines.push(`${where}: not imported ${u.error.Id}: ${u.error.ErrorCode}: ${u.error.ErrorMessage}`);
      if (failures.length > MAX_FAILURE_LINES) lines.push(`${where}: ... and ${failures.length - MAX_FAILURE_LINES} more not imported`);
    }
    lines.push(`${where}: sent ${r.sent}, failed ${r.failed}, archived ${r.archived}, resolved ${r.resolved}`);
  }
  return lines;
}
