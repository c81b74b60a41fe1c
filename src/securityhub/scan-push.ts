/**
 * `hubcheck scan --securityhub`: after the reports are written, push the
 * findings with their lifecycle, print one summary line per Region, and write
 * what could not be sent to `unsent.asff.json` (a JSON array `hubcheck import`
 * accepts as it is).
 *
 * Each account's findings are sent with that account's own credentials (the
 * session it was scanned with: its assumed role), into its own Security Hub:
 * the default product accepts only the caller's own findings. Findings of an
 * account without such a session (a replayed scan) go with the caller's
 * credentials, as one account. One account that cannot be reached does not
 * stop the others.
 *
 * Each account's push has its own ClientPool: the scan's pools stay read-only,
 * and these allow exactly the push's writes. Their clients make one HTTP
 * attempt per call: retries, backoff and rate limiting are push.ts's, within
 * the scan's --call-timeout and --max-attempts (retryPolicyFor).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from 'pino';
import { ApiStats } from '../data/api-stats.js';
import { credentialChain } from '../data/aws-session.js';
import { ClientPool, createHttpHandler } from '../data/clients.js';
import { DEFAULT_CALL_LIMITS, type CallLimits } from '../data/deadlines.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Coverage } from '../domain/completeness.js';
import type { ScannedAccount } from '../engine/scan.js';
import type { FindingSpool } from '../io/finding-spool.js';
import { findingsJsonChunks } from '../io/findings-json.js';
import { pushFindings, type Identity, type PushDeps, type PushResult } from './push.js';
import { pushReport } from './push-report.js';
import { RateLimiters, systemClock } from './rate-limiter.js';
import { retryPolicyFor, withRetry, type RetryPolicy } from './retry.js';
import { workflowRequests } from './workflow.js';

export { pushReport } from './push-report.js';

export const UNSENT_FILE = 'unsent.asff.json';
/** Workflow changes (suppressions) not made: BatchUpdateFindings inputs, one per change. */
export const UNSENT_WORKFLOW_FILE = 'unsent-workflow.json';

/** The writes a push needs, and nothing else: the import, and the workflow of suppressed findings. */
export const PUSH_WRITES = ['securityhub:BatchImportFindings', 'securityhub:BatchUpdateFindings'] as const;

/** Accounts pushed at once (each pushes up to 4 Regions at once). */
const ACCOUNT_CONCURRENCY = 4;

export interface ScanPushOptions {
  profile?: string;
  outputDir: string;
  logger?: Logger;
  /** The scan's call limits (--call-timeout, --max-attempts): the push obeys them too. */
  limits?: CallLimits;
}

/** The parts of a scan a push reads. */
export interface ScanPushInput {
  /** One account's findings at a time (src/io/finding-spool.ts). */
  readonly findings: FindingSpool;
  readonly scans: readonly ScannedAccount[];
  /** Which rules were evaluated cleanly where: only there is a finding that is gone archived. */
  readonly coverage: Coverage;
  readonly homeRegion: string;
  readonly observedAt: string;
  /** Per scanned account, the credentials it was scanned with; its findings are pushed with them. */
  readonly sessions?: ReadonlyMap<string, AwsCredentialIdentityProvider>;
}

/** A scan with its findings in memory: one account's (a push), or all of them (parity). */
export type ScanFindingsInput = Omit<ScanPushInput, 'findings' | 'coverage'> & { readonly findings: readonly AwsSecurityFinding[] };

export interface ScanPushOutcome {
  /** Every finding was imported. */
  complete: boolean;
  /** Every account's Regions, and every unsent finding. */
  result: PushResult;
  unsentFile?: string;
}

/**
 * A pool for Security Hub writes: its own, so the scan's stays read-only. Each
 * SDK call makes one HTTP attempt, cut at the call deadline of `limits`; the
 * retries are withRetry's, under retryPolicyFor(limits).
 */
export function securityHubPool(
  profile: string | undefined,
  writes: readonly string[],
  logger?: Logger,
  limits: CallLimits = DEFAULT_CALL_LIMITS,
  credentials: AwsCredentialIdentityProvider = credentialChain(profile),
) {
  const httpHandler = createHttpHandler(16, limits.connectTimeoutMs);
  // The push paces itself with Security Hub's own limits (rate-limiter.ts): no second, client-level limit.
  const pool = new ClientPool({ credentials, stats: new ApiStats(), httpHandler, logger, limits: { ...limits, maxAttempts: 1 }, rateLimits: false });
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

/** One push: an account with its own session, or everything else with the caller's credentials. */
interface PushGroup {
  /** Known for an account scanned with its own session; else asked of STS. */
  identity?: Identity;
  credentials?: AwsCredentialIdentityProvider;
  findings: AwsSecurityFinding[];
  scopes: { account: string; region: string }[];
}

/** Splits a scan's findings by the session each must be sent with. */
export function pushGroups(input: ScanFindingsInput): PushGroup[] {
  const groups = new Map<string, PushGroup>();
  const rest: PushGroup = { findings: [], scopes: [] };
  for (const scan of input.scans) {
    const account = scan.identity.account;
    const credentials = input.sessions?.get(account);
    const scopes = scan.regions.map((region) => ({ account, region }));
    if (credentials) groups.set(account, { identity: { account, partition: scan.identity.partition }, credentials, findings: [], scopes });
    else rest.scopes.push(...scopes);
  }
  for (const finding of input.findings) (groups.get(finding.AwsAccountId ?? '') ?? rest).findings.push(finding);
  const list = [...groups.values()].sort((a, b) => (a.identity?.account ?? '').localeCompare(b.identity?.account ?? ''));
  return rest.findings.length > 0 || rest.scopes.length > 0 || list.length === 0 ? [...list, rest] : list;
}

/** The results of several accounts' pushes as one. */
export function mergePushResults(results: readonly PushResult[]): PushResult {
  const fatal = results.map((r) => r.fatal).filter((f): f is string => Boolean(f));
  const accounts = [...new Set(results.map((r) => r.account).filter((a): a is string => Boolean(a)))];
  const missed = results.flatMap((r) => r.workflowMissed ?? []);
  return {
    ...(accounts.length === 1 ? { account: accounts[0] } : {}),
    regions: results.flatMap((r) => r.regions),
    unsent: results.flatMap((r) => r.unsent),
    ...(missed.length > 0 ? { workflowMissed: missed } : {}),
    ...(fatal.length > 0 ? { fatal: fatal.join('; ') } : {}),
  };
}

export async function pushScan(
  execution: ScanPushInput,
  options: ScanPushOptions,
  stderr: NodeJS.WritableStream,
  overrides: Partial<PushDeps> = {},
): Promise<ScanPushOutcome> {
  const coverage = execution.coverage;
  const limits = options.limits ?? DEFAULT_CALL_LIMITS;
  const retry = retryPolicyFor(limits);
  // One set of buckets for the whole push: they are keyed by (account, Region).
  const limiters = overrides.limiters ?? new RateLimiters(overrides.clock ?? systemClock);
  const push = async (group: PushGroup): Promise<PushResult> => {
    const { pool, destroy } = securityHubPool(options.profile, PUSH_WRITES, options.logger, limits, group.credentials);
    const known = group.identity;
    try {
      return await pushFindings(
        { findings: group.findings, coverage, scopes: group.scopes, observedAt: execution.observedAt },
        {
          client: (region) => pool.get(SecurityHubClient, region),
          identity: known ? async () => known : callerIdentity(pool, execution.homeRegion, retry),
          retry,
          onRetry: (region, what, code, retry, delayMs) =>
            options.logger?.info({ account: known?.account, region, what, code, retry, delayMs }, 'Security Hub: retrying'),
          ...overrides,
          limiters,
        },
      );
    } finally {
      destroy();
    }
  };
  // One account's findings are read at a time, and no more accounts are read than are being pushed:
  // an organization's findings are never all in memory.
  const scansOf = new Map<string, ScannedAccount[]>();
  for (const scan of execution.scans) {
    const list = scansOf.get(scan.identity.account);
    if (list) list.push(scan);
    else scansOf.set(scan.identity.account, [scan]);
  }
  const pushes: Promise<PushResult>[] = [];
  const running = new Set<Promise<unknown>>();
  for (const account of execution.findings.groups()) {
    const scans = scansOf.get(account.key) ?? [];
    for (const group of pushGroups({ ...execution, findings: account.findings, scans })) {
      while (running.size >= ACCOUNT_CONCURRENCY) await Promise.race(running);
      const pushed = push(group);
      const settled: Promise<unknown> = pushed.then(
        () => running.delete(settled),
        () => running.delete(settled),
      );
      running.add(settled);
      pushes.push(pushed);
    }
  }
  const results = await Promise.all(pushes);
  const result = mergePushResults(results);
  for (const line of pushReport(result)) stderr.write(`hubcheck: ${line}\n`);

  const missed = result.workflowMissed ?? [];
  const workflowFile = path.join(options.outputDir, UNSENT_WORKFLOW_FILE);
  if (missed.length === 0) {
    await rm(workflowFile, { force: true });
  } else {
    await writeFileAtomic(workflowFile, `${JSON.stringify(workflowRequests(missed), null, 2)}\n`);
    stderr.write(
      `hubcheck: the workflow of ${missed.length} finding${missed.length === 1 ? '' : 's'} could not be set in Security Hub; ` +
        `the changes are in ${workflowFile} (each entry is input for: aws securityhub batch-update-findings --cli-input-json)\n`,
    );
  }

  const file = path.join(options.outputDir, UNSENT_FILE);
  if (result.unsent.length === 0) {
    await rm(file, { force: true });
    return { complete: missed.length === 0, result };
  }
  await writeFileAtomic(file, findingsJsonChunks(result.unsent.map((u) => u.finding)));
  stderr.write(
    `hubcheck: ${result.unsent.length} finding${result.unsent.length === 1 ? '' : 's'} could not be sent to Security Hub; ` +
      `they are in ${file} (send them later with: hubcheck import ${file})\n`,
  );
  return { complete: false, result, unsentFile: file };
}
