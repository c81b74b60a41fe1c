/**
 * One scan from flags to files, shared by `hubcheck scan` and `hubcheck demo`:
 * select rules, open the data source (AWS, or a snapshot), scan, build ASFF
 * findings, write the reports atomically, print the summary, pick the exit code.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { toFinding } from '../asff/to-asff.js';
import { DEFAULT_DATA_OPTIONS } from '../data/accessor.js';
import { ApiStats } from '../data/api-stats.js';
import { credentialChain, resolveHomeRegion } from '../data/aws-session.js';
import { PromiseCache } from '../data/cache.js';
import { ClientPool, createHttpHandler } from '../data/clients.js';
import { AccountData, type DataSource } from '../data/layer.js';
import { assumeRole, parseAccountIds } from '../data/targets.js';
import { parseShard, shardOf } from '../engine/shard.js';
import type { AccountFailure } from '../engine/scan-document.js';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { LiveSource } from '../data/live-source.js';
import {
  RecordingSource,
  ReplaySource,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  readSnapshot,
  serializeSnapshot,
  type AccountSnapshot,
  type Snapshot,
} from '../data/snapshot.js';
import type { BenchmarkVersion } from '../engine/benchmarks.js';
import { DataUnavailable, UsageError } from '../engine/errors.js';
import { severityRank, type Severity } from '../engine/rule.js';
import { scanAccount, type AccountScan } from '../engine/scan.js';
import { buildScanDocument, type ScanDocument } from '../engine/scan-document.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { createLogger, type LogLevel } from '../log.js';
import { pushScan } from '../securityhub/scan-push.js';
import { VERSION } from '../version.js';
import { FINDINGS_FILE, SCAN_FILE, findingsJson, scanJson } from '../../reports/json.js';
import { consoleSummary } from '../../reports/summary.js';
import type { SelectionOptions } from './options.js';
import { createProgress } from './progress.js';
import { selectRules } from './select.js';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

export interface RunScanOptions extends SelectionOptions {
  profile?: string;
  regions?: string[] | 'all';
  homeRegion?: string;
  outputDir: string;
  format: string[];
  failOn: Severity | 'none';
  record?: string;
  replay?: string;
  logLevel: LogLevel;
  progress: boolean;
  concurrency?: number;
  /** Scan these accounts (12-digit ids), each through --role-name. */
  accounts?: string[];
  /** Scan every ACTIVE account of the caller's organization. */
  organization?: boolean;
  roleName?: string;
  externalId?: string;
  /** `i/n`: this worker's share of the account list. */
  shard?: string;
  accountConcurrency?: number;
  /** Push the findings to Security Hub after writing the reports. */
  securityhub?: boolean;
}

export interface ScanOutcome {
  exitCode: number;
  findings: AwsSecurityFinding[];
  document: ScanDocument;
}

export const SUPPORTED_FORMATS = ['json'] as const;

/** What one scan produced, before anything is written or sent. */
export interface ScanExecution {
  findings: AwsSecurityFinding[];
  document: ScanDocument;
  /** Per account: identity, Regions, evaluations (which rule ran cleanly where) and issues. */
  scans: AccountScan[];
  /** Accounts that could not be scanned at all; the others were. */
  failures: AccountFailure[];
  benchmarks: BenchmarkVersion[];
  homeRegion: string;
  observedAt: string;
}

/**
 * One scan from flags to files: scan, write the reports atomically, print the
 * summary, pick the exit code. Each later step (Security Hub, history,
 * notifications) is a function of the ScanExecution.
 */
export async function runScan(options: RunScanOptions, io: CliIO): Promise<ScanOutcome> {
  const execution = await executeScan(options, io);
  const { findings, document } = execution;
  await writeFileAtomic(path.join(options.outputDir, FINDINGS_FILE), findingsJson(findings));
  await writeFileAtomic(path.join(options.outputDir, SCAN_FILE), scanJson(document));
  io.stderr.write(consoleSummary(findings, document, options.outputDir));
  let exitCode = exitCodeFor(findings, document, options.failOn);
  if (options.securityhub) {
    const push = await pushScan(execution, { profile: options.profile, outputDir: options.outputDir, logger: createLogger(options.logLevel) }, io.stderr);
    // Findings left in unsent.asff.json: the run could not complete (3 outranks 1, as everywhere).
    if (!push.complete) exitCode = 3;
  }
  return { exitCode, findings, document };
}

/** Selects the rules, opens the data source (AWS or a snapshot), scans every account and builds the findings. */
export async function executeScan(options: RunScanOptions, io: CliIO): Promise<ScanExecution> {
  if (options.record && options.replay) throw new UsageError('--record and --replay cannot be used together');
  for (const format of options.format) {
    if (!(SUPPORTED_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown --format ${format}; supported: ${SUPPORTED_FORMATS.join(', ')}`);
    }
  }
  const logger = createLogger(options.logLevel);
  const { benchmarks, rules } = await selectRules(options);
  if (rules.length === 0) throw new UsageError('the selection matches no rules');

  const started = performance.now();
  const now = new Date();
  const stats = new ApiStats();
  const snapshot = options.replay ? await readSnapshot(options.replay) : undefined;
  const homeRegion = options.homeRegion ?? snapshot?.homeRegion ?? (await resolveHomeRegion(undefined, options.profile));
  const regions = options.regions === 'all' ? undefined : (options.regions ?? snapshot?.regions);

  const httpHandler = createHttpHandler();
  const pools: ClientPool[] = [];
  const cache = new PromiseCache();
  const progress = createProgress(io.stderr, options.progress);
  const scans: AccountScan[] = [];
  const failures: AccountFailure[] = [];
  const recorders: RecordingSource[] = [];
  try {
    const targets = snapshot
      ? replayTargets(snapshot, options)
      : await liveTargets(options, { stats, httpHandler, logger, pools, cache, homeRegion });
    const isolated = Boolean(options.accounts || options.organization);
    const accountLimit = pLimit(options.accountConcurrency ?? 4);
    await Promise.all(
      targets.map(({ source: base, account, roleArn }) =>
        accountLimit(async () => {
          let source = base;
          if (options.record) {
            const recorder = new RecordingSource(base);
            recorders.push(recorder);
            source = recorder;
          }
          try {
            scans.push(
              await scanAccount(source, cache, {
                rules,
                benchmarks,
                homeRegion,
                regions,
                now,
                logger,
                progress,
                concurrency: { rules: options.concurrency },
              }),
            );
          } catch (error) {
            if (!isolated) throw identityError(error);
            const failure = accountFailure(account ?? 'unknown', roleArn, error);
            failures.push(failure);
            logger.error({ account: failure.account, code: failure.code }, 'account could not be scanned');
          }
        }),
      ),
    );
  } finally {
    progress.done();
    for (const pool of pools) pool.destroy();
    httpHandler.destroy();
  }
  scans.sort((a, b) => a.identity.account.localeCompare(b.identity.account));
  for (const failure of failures) io.stderr.write(`hubcheck: account ${failure.account} was not scanned: ${failure.message}\n`);

  const observedAt = now.toISOString();
  const findings = scans.flatMap((scan) =>
    scan.evaluations.flatMap((e) =>
      e.results.map((result) =>
        toFinding(result, {
          rule: e.rule,
          account: e.account,
          region: e.region,
          partition: e.partition,
          benchmarks,
          observedAt,
          toolVersion: VERSION,
        }),
      ),
    ),
  );
  const document = buildScanDocument({
    version: VERSION,
    mode: snapshot ? 'replay' : 'live',
    startedAt: observedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    benchmarks,
    homeRegion,
    rules,
    scans,
    failures,
    findings,
    apiCalls: stats.snapshot(),
  });

  if (options.record) {
    const accounts = recorders.map((r) => r.account()).filter((a): a is AccountSnapshot => a !== undefined);
    await writeFileAtomic(
      options.record,
      serializeSnapshot({
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        recordedAt: observedAt,
        homeRegion,
        regions: [...new Set(scans.flatMap((s) => s.regions))].sort(),
        accounts,
      }),
    );
  }
  return { findings, document, scans, failures, benchmarks, homeRegion, observedAt };
}

interface Target {
  source: DataSource;
  /** Known up front for --accounts / --organization targets and replayed accounts. */
  account?: string;
  roleArn?: string;
}

/** Replayed accounts, narrowed by --accounts and --shard like live ones. */
function replayTargets(snapshot: Snapshot, options: RunScanOptions): Target[] {
  const recorded = snapshot.accounts.map((a) => a.identity.account);
  const wanted = options.accounts ? parseAccountIds(options.accounts) : recorded;
  const missing = wanted.filter((id) => !recorded.includes(id));
  if (missing.length > 0) throw new UsageError(`the snapshot holds no account ${missing.join(', ')}`);
  const ids = shardOf(wanted, options.shard ? parseShard(options.shard) : undefined);
  return snapshot.accounts
    .filter((a) => ids.includes(a.identity.account))
    .map((a) => ({ source: new ReplaySource(a), account: a.identity.account }));
}

/**
 * The caller's own account, or the accounts named by --accounts /
 * --organization (after --shard), each reached through --role-name.
 */
async function liveTargets(
  options: RunScanOptions,
  shared: { stats: ApiStats; httpHandler: NodeHttpHandler; logger: Logger; pools: ClientPool[]; cache: PromiseCache; homeRegion: string },
): Promise<Target[]> {
  const base = credentialChain(options.profile);
  const source = (credentials: AwsCredentialIdentityProvider, account?: string) => {
    const pool = new ClientPool({ credentials, stats: shared.stats, httpHandler: shared.httpHandler, logger: shared.logger });
    if (account) pool.setAccount(account);
    shared.pools.push(pool);
    return new LiveSource(pool, DEFAULT_DATA_OPTIONS);
  };
  if (!options.accounts && !options.organization) {
    if (options.shard) throw new UsageError('--shard splits an account list: use it with --accounts or --organization');
    return [{ source: source(base) }];
  }
  if (options.accounts && options.organization) throw new UsageError('--accounts and --organization cannot be used together');
  const callerSource = source(base);
  const caller = await callerSource.identity(shared.homeRegion).catch((error: unknown) => {
    throw identityError(error);
  });
  let ids: string[];
  if (options.accounts) {
    ids = parseAccountIds(options.accounts);
  } else {
    const data = new AccountData(callerSource, shared.cache, caller, shared.homeRegion).layer(shared.homeRegion);
    const listed = await data.organizations.accounts().catch((error: unknown) => {
      throw new FatalScanError(
        `cannot list the organization's accounts from ${caller.account}: ${error instanceof DataUnavailable ? error.describe() : String(error)}`,
      );
    });
    ids = listed.map((a) => a.id);
  }
  ids = shardOf(ids, options.shard ? parseShard(options.shard) : undefined);
  return ids.map((account) => {
    if (!options.roleName) {
      if (account === caller.account) return { source: callerSource, account };
      throw new UsageError(`--role-name is needed to scan account ${account} from ${caller.account}`);
    }
    const target = assumeRole(base, account, {
      roleName: options.roleName,
      externalId: options.externalId,
      partition: caller.partition,
      region: shared.homeRegion,
    });
    return { source: source(target.credentials, account), account, roleArn: target.roleArn };
  });
}

function accountFailure(account: string, roleArn: string | undefined, error: unknown): AccountFailure {
  const e = error as { name?: string; Code?: string; message?: string; code?: string };
  const code = error instanceof DataUnavailable ? error.code : (e.Code ?? e.name ?? 'Error');
  const detail = error instanceof DataUnavailable ? error.message : (e.message ?? String(error));
  const how = roleArn ? `cannot use role ${roleArn}` : 'cannot read its identity';
  return { account, ...(roleArn ? { roleArn } : {}), code, message: `${how}: ${code}: ${detail}`.replace(/\s+/g, ' ').slice(0, 500) };
}

/**
 * 3 when anything could not be evaluated (an account, a Region, a check);
 * otherwise 1 when a FAILED finding is at or above `--fail-on`; otherwise 0.
 * Incompleteness outranks failure: a verdict over part of an estate is not a
 * verdict, and the missing part may hold worse. Pipelines gating on "non-zero"
 * stop on both; the summary says which checks were missing and why.
 */
export function exitCodeFor(findings: readonly AwsSecurityFinding[], document: ScanDocument, failOn: Severity | 'none'): number {
  if (document.errors.length > 0 || document.counts.byStatus.NOT_AVAILABLE > 0) return 3;
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    const failed = findings.some(
      (f) => f.Compliance?.Status === 'FAILED' && severityRank((f.Severity?.Label ?? 'INFORMATIONAL') as Severity) >= threshold,
    );
    if (failed) return 1;
  }
  return 0;
}

/** The scan could not even learn whose account it is: say why in one line. */
function identityError(error: unknown): Error {
  if (error instanceof DataUnavailable) {
    if (/Credential|Token|Signature|ExpiredToken|InvalidClientTokenId/i.test(error.code)) {
      return new UsageError(`no usable AWS credentials (${error.code}): ${error.message}`);
    }
    return new FatalScanError(`cannot determine the caller identity: ${error.describe()}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The scan could not run at all (exit 3, one line). */
export class FatalScanError extends Error {
  override readonly name = 'FatalScanError';
}
