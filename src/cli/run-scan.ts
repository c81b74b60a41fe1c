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
import { ClientPool, createHttpHandler, type ClientPoolOptions } from '../data/clients.js';
import { callLimits, scanDeadline } from '../data/deadlines.js';
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
import { DataUnavailable, FatalScanError, UsageError } from '../engine/errors.js';
import { exitCodeFor } from './exit-codes.js';
import type { Severity } from '../engine/rule.js';
import { scanAccount, slimResult, type AccountScan } from '../engine/scan.js';
import { buildScanDocument, type ScanDocument } from '../engine/scan-document.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { LockTimeoutError, acquireLock, type Lock } from '../io/lock.js';
import { scopeKey, type HistoryDelta } from '../history/delta.js';
import { HistoryStore } from '../history/store.js';
import { createLogger, type LogLevel } from '../log.js';
import { pushScan } from '../securityhub/scan-push.js';
import { notificationPayload, redactUrl, sendNotification, type NotificationResult, type NotifyOptions } from '../notify/webhook.js';
import { applySuppressions, loadSuppressions, type Suppression } from '../suppressions/suppressions.js';
import { VERSION } from '../version.js';
import { REPORT_FORMATS, renderReports } from '../../reports/index.js';
import { FINDINGS_FILE, SCAN_FILE, findingsJsonChunks, scanJson } from '../../reports/json.js';
import { complianceScores, findingViews } from '../../reports/model.js';
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
  /** Default: LOW, or none when failOnNew is set. */
  failOn?: Severity | 'none';
  /** Exit 1 when a failing finding at or above this is new or reopened since the previous scan. */
  failOnNew?: Severity;
  /** The SQLite history; undefined: beside the output directory; false: none. */
  state?: string | false;
  historyRetentionDays?: number;
  /** Seconds to wait for the state lock. */
  lockTimeout?: number;
  suppressions?: string;
  notify?: string;
  /** Webhook retry timing (tests). */
  notifyOptions?: NotifyOptions;
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
  /** Seconds one AWS call may take, retries included. */
  callTimeout?: number;
  /** HTTP attempts per AWS call. */
  maxAttempts?: number;
  /** Seconds the whole scan may take; calls still running then are abandoned (NOT_AVAILABLE "timed out"). */
  timeout?: number;
}

export interface ScanOutcome {
  exitCode: number;
  findings: AwsSecurityFinding[];
  document: ScanRecord;
}

export const SUPPORTED_FORMATS = ['json', ...REPORT_FORMATS] as const;

export const STATE_FILE = 'hubcheck-state.sqlite';
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_LOCK_TIMEOUT_S = 60;


/** scan.json: the scan document plus what the later steps did. */
export type ScanRecord = ScanDocument & {
  history?: HistoryDelta & { retentionDays: number; pruned: { scans: number; findings: number } };
  suppressions?: { file: string; entries: number; suppressed: number; expired: { source: string; rule: string[]; owner: string; expires: string }[] };
  notifications?: NotificationResult[];
};

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
 * One scan from flags to files: scan, mark suppressions, record the history,
 * write the reports atomically, notify, print the summary, pick the exit code.
 * Each step after the scan is a function of the ScanExecution; with a state
 * file, the whole run holds the state lock.
 */
export async function runScan(options: RunScanOptions, io: CliIO): Promise<ScanOutcome> {
  const suppressions = options.suppressions ? await loadSuppressions(options.suppressions) : undefined;
  const stateFile = stateFileFor(options);
  let lock: Lock | undefined;
  if (stateFile) {
    const timeout = options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_S;
    try {
      lock = await acquireLock(`${stateFile}.lock`, { timeoutMs: timeout * 1000 });
    } catch (error) {
      if (error instanceof LockTimeoutError) throw new FatalScanError(error.message);
      throw error;
    }
  }
  try {
    return await scanAndReport(options, io, stateFile, suppressions);
  } finally {
    lock?.release();
  }
}

/** The state file of a run: --state, or hubcheck-state.sqlite beside the output directory; undefined with --no-state. */
export function stateFileFor(options: Pick<RunScanOptions, 'state' | 'outputDir'>): string | undefined {
  if (options.state === false) return undefined;
  return options.state ?? path.join(path.dirname(path.resolve(options.outputDir)), STATE_FILE);
}

async function scanAndReport(
  options: RunScanOptions,
  io: CliIO,
  stateFile: string | undefined,
  suppressions: Suppression[] | undefined,
): Promise<ScanOutcome> {
  const execution = await executeScan(options, io);
  const now = new Date(execution.observedAt);
  let findings = execution.findings;
  const document: ScanRecord = { ...execution.document };

  if (suppressions && options.suppressions) {
    const outcome = applySuppressions(findings, suppressions, now);
    findings = outcome.findings;
    for (const e of outcome.expired) {
      io.stderr.write(
        `hubcheck: warning: suppression ${e.source} (rule ${e.rule.join(', ')}, owner ${e.owner}) expired on ${e.expires}; it no longer applies\n`,
      );
    }
    document.suppressions = {
      file: options.suppressions,
      entries: suppressions.length,
      suppressed: outcome.suppressed,
      expired: outcome.expired.map((e) => ({ source: e.source, rule: e.rule, owner: e.owner, expires: e.expires })),
    };
  }

  let delta: HistoryDelta | undefined;
  if (stateFile) {
    const retentionDays = options.historyRetentionDays ?? DEFAULT_RETENTION_DAYS;
    const scores = complianceScores(findingViews(findings));
    const store = HistoryStore.open(stateFile);
    try {
      const recorded = store.recordScan({
        startedAt: execution.observedAt,
        finishedAt: execution.document.finishedAt,
        accounts: execution.scans.map((scan) => scan.identity.account),
        regions: execution.document.regions,
        benchmarks: execution.document.benchmarks,
        findings,
        clean: cleanScopes(execution.scans),
        score: scores.overall.score,
        scores: Object.fromEntries(scores.benchmarks.map((b) => [b.benchmark, b.score])),
      });
      const pruned = store.prune(retentionDays, now);
      delta = recorded.delta;
      document.history = { ...recorded.delta, retentionDays, pruned };
      // In place: the findings are this run's own, and a copy of every one of them would double the peak memory.
      for (const f of findings) {
        const firstSeen = recorded.firstSeen.get(f.Id ?? '') ?? execution.observedAt;
        f.CreatedAt = firstSeen;
        f.FirstObservedAt = firstSeen;
        f.LastObservedAt = execution.observedAt;
      }
    } finally {
      store.close();
    }
  }

  const write = (file: string, content: string | Iterable<string>) => writeFileAtomic(path.join(options.outputDir, file), content);
  await write(FINDINGS_FILE, findingsJsonChunks(findings));
  await write(SCAN_FILE, scanJson(document));
  for (const report of renderReports(options.format, findings, document, delta)) await write(report.file, report.content);

  if (options.notify) {
    const payload = notificationPayload(findings, delta, {
      startedAt: execution.observedAt,
      accounts: execution.scans.map((scan) => scan.identity.account),
    });
    const result = await sendNotification(options.notify, payload, options.notifyOptions);
    if (result.status === 'failed') {
      io.stderr.write(
        `hubcheck: warning: could not notify ${redactUrl(options.notify)} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.error ?? 'unknown error'}; the reports are written\n`,
      );
    }
    document.notifications = [result];
    await write(SCAN_FILE, scanJson(document));
  }

  io.stderr.write(consoleSummary(findings, document, options.outputDir));
  if (delta) io.stderr.write(historySummary(delta, document.suppressions?.suppressed));
  let exitCode = exitCodeFor(findings, document, options.failOn ?? (options.failOnNew ? 'none' : 'LOW'), {
    failOnNew: options.failOnNew,
    delta,
  });
  if (options.securityhub) {
    const push = await pushScan({ ...execution, findings }, { profile: options.profile, outputDir: options.outputDir, logger: createLogger(options.logLevel) }, io.stderr);
    // Findings left in unsent.asff.json: the run could not complete (3 outranks 1, as everywhere).
    if (!push.complete) exitCode = 3;
  }
  return { exitCode, findings, document };
}

/** Rule, account and Region of every evaluation with no NOT_AVAILABLE result (and rule|account|* for account-wide rules). */
export function cleanScopes(scans: readonly AccountScan[]): Set<string> {
  const clean = new Set<string>();
  for (const scan of scans) {
    for (const e of scan.evaluations) {
      if (e.results.some((r) => r.status === 'NOT_AVAILABLE')) continue;
      clean.add(scopeKey(e.rule.id, e.account, e.region));
      if (e.rule.scope === 'account') clean.add(scopeKey(e.rule.id, e.account, '*'));
    }
  }
  return clean;
}

function historySummary(delta: HistoryDelta, suppressed: number | undefined): string {
  const since = delta.previousScan ? `since ${delta.previousScan.startedAt}` : 'first scan in the state file';
  return `  History (${since}): ${delta.new.length} new, ${delta.reopened.length} reopened, ${delta.resolved.length} resolved, ${suppressed ?? delta.suppressed.length} suppressed\n  State: ${delta.stateFile}\n`;
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

  const limits = callLimits(options);
  const httpHandler = createHttpHandler(64, limits.connectTimeoutMs);
  const pools: ClientPool[] = [];
  const cache = new PromiseCache();
  const progress = createProgress(io.stderr, { enabled: options.progress });
  const deadline = scanDeadline(options.timeout);
  const client = { limits, signal: deadline.signal, onRetry: progress.retrying };
  const scans: AccountScan[] = [];
  const failures: AccountFailure[] = [];
  const recorders: RecordingSource[] = [];
  try {
    const targets = snapshot
      ? replayTargets(snapshot, options)
      : await liveTargets(options, { stats, httpHandler, logger, pools, cache, homeRegion, client });
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
    deadline.dispose();
    progress.done();
    for (const pool of pools) pool.destroy();
    httpHandler.destroy();
  }
  scans.sort((a, b) => a.identity.account.localeCompare(b.identity.account));
  for (const failure of failures) io.stderr.write(`hubcheck: account ${failure.account} was not scanned: ${failure.message}\n`);

  const observedAt = now.toISOString();
  // Each result becomes its finding; the evaluation then keeps only what later steps read
  // (status, reason, resource identity), so results are not held twice.
  const findings: AwsSecurityFinding[] = [];
  for (const scan of scans) {
    for (const e of scan.evaluations) {
      for (const result of e.results) {
        findings.push(
          toFinding(result, { rule: e.rule, account: e.account, region: e.region, partition: e.partition, benchmarks, observedAt, toolVersion: VERSION }),
        );
      }
      e.results = e.results.map(slimResult);
    }
  }
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
  shared: {
    stats: ApiStats;
    httpHandler: NodeHttpHandler;
    logger: Logger;
    pools: ClientPool[];
    cache: PromiseCache;
    homeRegion: string;
    client: Pick<ClientPoolOptions, 'limits' | 'signal' | 'onRetry'>;
  },
): Promise<Target[]> {
  const base = credentialChain(options.profile);
  const source = (credentials: AwsCredentialIdentityProvider, account?: string) => {
    const pool = new ClientPool({ ...shared.client, credentials, stats: shared.stats, httpHandler: shared.httpHandler, logger: shared.logger });
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


export { EXIT_CODES_HELP, exitCodeFor } from './exit-codes.js';
export { FatalScanError } from '../engine/errors.js';
