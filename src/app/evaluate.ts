/**
 * Stage 2, evaluate: run the selected rules over every target account (the
 * engine), turn each result into its ASFF finding, and build the scan document.
 * Each evaluation's findings are written to the findings spool as it ends, and
 * only a slim copy of its results is kept (slimResult) until its account ends;
 * then the account's evaluations are folded into the run's tally
 * (src/engine/evaluation-tally.ts: the scan document's per-rule figures and
 * coverage) and let go. The engine's own objects are left as they were.
 */
import { performance } from 'node:perf_hooks';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { Logger } from 'pino';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { toFinding } from '../asff/to-asff.js';
import { PromiseCache } from '../data/cache.js';
import { FindingSpool } from '../io/finding-spool.js';
import { chooseAccountConcurrency } from './account-concurrency.js';
import { RecordingSource, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type AccountSnapshot, type Snapshot } from '../data/snapshot.js';
import type { BenchmarkVersion } from '../engine/benchmarks.js';
import { DataUnavailable } from '../data/errors.js';
import type { Coverage } from '../domain/completeness.js';
import { EvaluationTally } from '../engine/evaluation-tally.js';
import { scanAccount, slimResult, type Evaluation, type ScannedAccount } from '../engine/scan.js';
import { buildScanDocument, type AccountFailure, type ScanDraft } from '../engine/scan-document.js';
import { VERSION } from '../version.js';
import type { PipelineIO, ScanRequest } from './request.js';
import { identityError, type ResolvedTargets, type Target } from './resolve-targets.js';

/** What one scan produced, before anything is suppressed, recorded, written or sent. */
export interface ScanExecution {
  /** One file per scanned account, on disk (src/io/finding-spool.ts); the pipeline releases it. */
  readonly findings: FindingSpool;
  /** Counted later, over the findings as written (scanRecord). */
  readonly document: ScanDraft;
  /** Per account: identity, Regions and issues (its evaluations are folded into `coverage` and the document). */
  readonly scans: readonly ScannedAccount[];
  /** Which rules were evaluated cleanly where: what the history and the Security Hub lifecycle resolve by. */
  readonly coverage: Coverage;
  /** Accounts that could not be scanned at all; the others were. */
  readonly failures: readonly AccountFailure[];
  readonly benchmarks: readonly BenchmarkVersion[];
  readonly homeRegion: string;
  readonly observedAt: string;
  /** With --record: every answer the scan read, to be written as a snapshot. */
  readonly recording?: Snapshot;
  /** Live scans: each scanned account's credentials (its assumed role), with which its findings are pushed to Security Hub. */
  readonly sessions?: ReadonlyMap<string, AwsCredentialIdentityProvider>;
}

/** When the scan started: the time its findings carry, and the clock its duration is measured on. */
export interface ScanClock {
  now: Date;
  started: number;
}

export async function evaluate(
  request: ScanRequest,
  targets: ResolvedTargets,
  clock: ScanClock,
  io: PipelineIO,
  logger: Logger,
): Promise<ScanExecution> {
  const scanned: ScannedAccount[] = [];
  // What later stages read of the evaluations, folded in as each account ends; the evaluations are let go.
  const tally = new EvaluationTally();
  const findings = FindingSpool.create();
  const observedAt = clock.now.toISOString();
  const failures: AccountFailure[] = [];
  const recorders: RecordingSource[] = [];
  const sessions = new Map<string, AwsCredentialIdentityProvider>();
  const concurrency = chooseAccountConcurrency(request.accountConcurrency, targets.count);
  // Only a push or a parity check uses an account's session after its scan: otherwise none is kept.
  const keepSessions = Boolean(request.securityhub || request.parity);
  const scanTarget = async ({ source: base, account, roleArn, credentials, done }: Target): Promise<void> => {
    let source = base;
    if (request.record) {
      const recorder = new RecordingSource(base);
      recorders.push(recorder);
      source = recorder;
    }
    // The account whose findings this target wrote, to drop them should its scan fail after all.
    let written: string | undefined;
    try {
      // Each account its own cache (keys name the account anyway): its answers are freed when it is done.
      const scan = await scanAccount(source, new PromiseCache(), {
        rules: request.rules,
        benchmarks: request.benchmarks,
        homeRegion: targets.homeRegion,
        regions: targets.regions,
        now: clock.now,
        logger,
        progress: io.progress,
        concurrency: { rules: request.concurrency },
        // Each evaluation's results become findings on disk as it ends; only a slim copy stays.
        onEvaluation: (e) => {
          written = e.account;
          findings.add(e.account, findingsOf(e, request.benchmarks, observedAt), [e.rule.id, e.region]);
          return { ...e, results: e.results.map(slimResult) };
        },
      });
      findings.seal(scan.identity.account);
      tally.add(scan);
      const { evaluations: _folded, ...rest } = scan;
      scanned.push(rest);
      if (credentials && keepSessions) sessions.set(scan.identity.account, credentials);
    } catch (error) {
      if (written) findings.discard(written);
      if (!targets.isolated) throw identityError(error, request.profile);
      const failure = accountFailure(account ?? 'unknown', roleArn, error);
      failures.push(failure);
      logger.error({ account: failure.account, code: failure.code }, 'account could not be scanned');
    } finally {
      done?.();
    }
  };
  try {
    // Workers take the targets one at a time, so a scanned account's target is let go when it is done.
    await Promise.all(
      Array.from({ length: concurrency.value }, async () => {
        for (let target = targets.take(); target; target = targets.take()) await scanTarget(target);
      }),
    );
  } catch (error) {
    findings.release();
    throw error;
  } finally {
    io.progress.done();
    targets.release();
  }
  scanned.sort((a, b) => a.identity.account.localeCompare(b.identity.account));
  for (const failure of failures) io.stderr.write(`hubcheck: account ${failure.account} was not scanned: ${failure.message}\n`);

  const scans = scanned;
  const document = buildScanDocument({
    version: VERSION,
    mode: targets.mode,
    startedAt: observedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - clock.started),
    benchmarks: request.benchmarks,
    homeRegion: targets.homeRegion,
    rules: request.rules,
    scans,
    tally,
    failures,
    apiCalls: targets.stats.snapshot(),
    ...(targets.isolated ? { accountConcurrency: concurrency } : {}),
  });
  const recording: Snapshot | undefined = request.record
    ? {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        recordedAt: observedAt,
        homeRegion: targets.homeRegion,
        regions: [...new Set(scans.flatMap((s) => s.regions))].sort(),
        accounts: recorders.map((r) => r.account()).filter((a): a is AccountSnapshot => a !== undefined),
      }
    : undefined;
  return Object.freeze({
    findings,
    document,
    scans: Object.freeze(scans),
    coverage: tally.coverage,
    failures: Object.freeze(failures),
    benchmarks: request.benchmarks,
    homeRegion: targets.homeRegion,
    observedAt,
    ...(recording ? { recording } : {}),
    ...(sessions.size > 0 ? { sessions } : {}),
  });
}

function accountFailure(account: string, roleArn: string | undefined, error: unknown): AccountFailure {
  const e = error as { name?: string; Code?: string; message?: string; code?: string };
  const code = error instanceof DataUnavailable ? error.code : (e.Code ?? e.name ?? 'Error');
  const detail = error instanceof DataUnavailable ? error.message : (e.message ?? String(error));
  const how = roleArn ? `cannot use role ${roleArn}` : 'cannot read its identity';
  return { account, ...(roleArn ? { roleArn } : {}), code, message: `${how}: ${code}: ${detail}`.replace(/\s+/g, ' ').slice(0, 500) };
}

/** One evaluation's results as findings, each made as it is written. */
function* findingsOf(e: Evaluation, benchmarks: readonly BenchmarkVersion[], observedAt: string): Generator<AwsSecurityFinding> {
  for (const result of e.results) {
    yield toFinding(result, { rule: e.rule, account: e.account, region: e.region, partition: e.partition, benchmarks, observedAt, toolVersion: VERSION });
  }
}
