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
import type { DataSource } from '../data/layer.js';
import { LiveSource } from '../data/live-source.js';
import {
  RecordingSource,
  ReplaySource,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  readSnapshot,
  serializeSnapshot,
  type AccountSnapshot,
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
    // Findings left in unsent.asff.json: "could not complete" (3), unless a failure already says 1.
    if (!push.complete && exitCode === 0) exitCode = 3;
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

  let sources: DataSource[];
  const httpHandler = createHttpHandler();
  const pools: ClientPool[] = [];
  if (snapshot) {
    sources = snapshot.accounts.map((account) => new ReplaySource(account));
  } else {
    const pool = new ClientPool({ credentials: credentialChain(options.profile), stats, httpHandler, logger });
    pools.push(pool);
    sources = [new LiveSource(pool, DEFAULT_DATA_OPTIONS)];
  }
  const recorders = options.record ? sources.map((s) => new RecordingSource(s)) : [];
  if (recorders.length > 0) sources = recorders;

  const progress = createProgress(io.stderr, options.progress);
  const cache = new PromiseCache();
  const scans: AccountScan[] = [];
  try {
    for (const source of sources) {
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
        }).catch((error: unknown) => {
          throw identityError(error);
        }),
      );
    }
  } finally {
    progress.done();
    for (const pool of pools) pool.destroy();
    httpHandler.destroy();
  }

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
  return { findings, document, scans, benchmarks, homeRegion, observedAt };
}

/**
 * 1 when a FAILED finding is at or above `--fail-on`; otherwise 3 when anything
 * could not be evaluated; otherwise 0. A failure outranks incompleteness: a
 * pipeline that gates on 1 must not miss a failure because another check was
 * also unavailable.
 */
export function exitCodeFor(findings: readonly AwsSecurityFinding[], document: ScanDocument, failOn: Severity | 'none'): number {
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    const failed = findings.some(
      (f) => f.Compliance?.Status === 'FAILED' && severityRank((f.Severity?.Label ?? 'INFORMATIONAL') as Severity) >= threshold,
    );
    if (failed) return 1;
  }
  return document.errors.length > 0 || document.counts.byStatus.NOT_AVAILABLE > 0 ? 3 : 0;
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
