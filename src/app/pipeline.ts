/**
 * One scan, as a sequence of named stages, each a function of the ones before
 * it, none changing what another produced:
 *
 *   resolve targets -> evaluate -> suppress -> (parity) -> history delta
 *     -> notify -> write outputs -> Security Hub -> ScanOutcome
 *
 * Findings pass from stage to stage on disk (src/io/finding-spool.ts), never
 * all in memory: the evaluation spools each rule's findings as it ends; one
 * pass then suppresses, records in the history, counts and spools again each
 * account's in turn; the outputs, the push and the summary read that spool,
 * and the exit code is decided from that pass's counts. The caller releases
 * the outcome's findings.
 *
 * With a state file the whole run holds the state lock. The exit code is not
 * decided here: `exitCodeFor(outcome)` computes it once, from the outcome.
 */
import { existsSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callLimits } from '../data/deadlines.js';
import { countVerdict, countVerdicts, type FindingCounts } from '../domain/counts.js';
import { complianceScores, distinctVerdicts, type Scored } from '../domain/score.js';
import { isFailing, verdictOf } from '../domain/status.js';
import type { Severity } from '../engine/rule.js';
import { FatalScanError } from '../errors.js';
import { CHANGE_BITS, type HistoryDelta } from '../history/delta.js';
import { FindingSpool } from '../io/finding-spool.js';
import { LockTimeoutError, acquireLock, type Lock } from '../io/lock.js';
import { createLogger } from '../log.js';
import type { Logger } from 'pino';
import { loadSuppressions } from '../suppressions/suppressions.js';
import { evaluate, type ScanClock, type ScanExecution } from './evaluate.js';
import { notify } from './notify.js';
import { parityStage } from './parity.js';
import { scanRecord, type ScanOutcome } from './outcome.js';
import { DEFAULT_LOCK_TIMEOUT_S, DEFAULT_RETENTION_DAYS, checkRequest, stateFileFor, type PipelineIO, type ScanRequest } from './request.js';
import { resolveTargets } from './resolve-targets.js';
import { deliverToSecurityHub } from './securityhub.js';
import { suppressor } from './suppress.js';

export async function runPipeline(request: ScanRequest, io: PipelineIO): Promise<ScanOutcome> {
  checkRequest(request);
  const suppressions = request.suppressions
    ? { file: request.suppressions, entries: await loadSuppressions(request.suppressions) }
    : undefined;
  const stateFile = stateFileFor(request);
  let lock: Lock | undefined;
  const stateDirExisted = stateFile ? existsSync(path.dirname(path.resolve(stateFile))) : true;
  if (stateFile) {
    const timeout = request.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_S;
    try {
      lock = await acquireLock(`${stateFile}.lock`, { timeoutMs: timeout * 1000 });
    } catch (error) {
      if (error instanceof LockTimeoutError) throw new FatalScanError(error.message);
      throw error;
    }
  }
  try {
    return await stages(request, io, stateFile, suppressions);
  } finally {
    lock?.release();
    // A run that wrote nothing leaves nothing behind: not even the folder the lock made.
    if (stateFile && !stateDirExisted) removeIfEmpty(path.dirname(path.resolve(stateFile)));
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty (the run wrote its state or reports there), or already gone
  }
}

async function stages(
  request: ScanRequest,
  io: PipelineIO,
  stateFile: string | undefined,
  suppressions: Parameters<typeof suppressor>[0],
): Promise<ScanOutcome> {
  const logger = createLogger(request.logLevel);
  const clock = { now: new Date(), started: performance.now() };
  const targets = await resolveTargets(request, logger, io.progress.retrying);
  // The late stages' modules (reports, SQLite history) load while the accounts are scanned:
  // neither the first AWS call nor the time after the last answer waits for them.
  const late = Promise.all([import('./history-delta.js'), import('./write-outputs.js')]);
  late.catch(() => undefined); // awaited below; a scan that ends early must not leave it unhandled
  const execution = await evaluate(request, targets, clock, io, logger);
  // The findings as written, on disk like the evaluated ones: one account at a time is marked, dated and counted.
  const findings = FindingSpool.create();
  try {
    return await finalStages(request, io, { logger, clock, stateFile, suppressions, late }, execution, findings);
  } catch (error) {
    findings.release();
    throw error;
  } finally {
    execution.findings.release();
  }
}

/** The stages after the evaluation: `findings` receives the findings as written. */
async function finalStages(
  request: ScanRequest,
  io: PipelineIO,
  context: {
    logger: Logger;
    clock: ScanClock;
    stateFile: string | undefined;
    suppressions: Parameters<typeof suppressor>[0];
    late: Promise<[typeof import('./history-delta.js'), typeof import('./write-outputs.js')]>;
  },
  execution: ScanExecution,
  findings: FindingSpool,
): Promise<ScanOutcome> {
  const { logger, clock, stateFile, suppressions, late } = context;
  const [{ historyStage }, { recordInOutputs, writeOutputs }] = await late;
  // Never a clean report over nothing (the account list and the rules are checked before the scan).
  if (execution.scans.length === 0 && execution.failures.length === 0) throw new FatalScanError('nothing to scan: no account was scanned');
  if (execution.scans.length > 0 && execution.document.regions.length === 0) {
    throw new FatalScanError('nothing to scan: no Region was selected or enabled (see --regions)');
  }
  const suppressing = suppressor(suppressions, clock.now, io.stderr);
  const parity = request.parity ? await parityStage(execution, { profile: request.profile, logger }, io.stderr) : undefined;
  const history = historyStage(execution, stateFile, request.historyRetentionDays ?? DEFAULT_RETENTION_DAYS);
  let document: ScanOutcome['document'];
  let delta: HistoryDelta | undefined;
  // Failing findings new or reopened since the last scan, by severity: what --fail-on-new decides by.
  const freshFailing: Partial<Record<Severity, number>> = {};
  try {
    const counts: FindingCounts = countVerdicts([]);
    const fresh = CHANGE_BITS.new | CHANGE_BITS.reopened;
    let scored: Scored[] = [];
    for (const account of execution.findings.groups()) {
      const dated = history.account(account.key, suppressing.apply(account.findings));
      findings.add(account.key, dated.findings);
      const verdicts = dated.findings.map(verdictOf);
      verdicts.forEach((v, i) => {
        countVerdict(counts, v);
        if (isFailing(v) && (dated.changes.get(dated.findings[i]!.Id ?? '') ?? 0) & fresh) freshFailing[v.severity] = (freshFailing[v.severity] ?? 0) + 1;
      });
      scored = distinctVerdicts([...scored, ...verdicts]);
    }
    execution.findings.release();
    const recorded = history.finish(complianceScores(scored));
    delta = recorded.delta;
    const notification = request.notify
      ? await notify(request.notify, request.notifyOptions, execution, findings, delta, io.stderr)
      : undefined;
    document = scanRecord(parity ? { ...execution.document, parity } : execution.document, counts, {
      suppressions: suppressing.record(),
      history: recorded.record,
      notifications: notification ? [notification] : undefined,
    });
    await writeOutputs({
      outputDir: request.outputDir,
      formats: request.format,
      findings,
      record: document,
      delta,
      ...(request.record && execution.recording ? { recording: { file: request.record, snapshot: execution.recording } } : {}),
    });
    // The one commit point: the history learns this run only once its outputs are published.
    history.commit();
  } finally {
    history.close();
  }
  const securityhub = request.securityhub
    ? await deliverToSecurityHub({ ...execution, findings }, { profile: request.profile, outputDir: request.outputDir, logger, limits: callLimits(request) }, io.stderr)
    : undefined;
  if (securityhub?.record) {
    // scan.json learns what the push did; the set (with unsent.asff.json) is published again as one.
    document = Object.freeze({ ...document, securityhub: securityhub.record });
    await recordInOutputs(request.outputDir, document);
  }
  return Object.freeze({
    findings,
    document,
    ...(delta ? { delta, freshFailing } : {}),
    ...(securityhub ? { securityhub } : {}),
    failOn: request.failOn ?? (request.failOnNew ? 'none' : 'LOW'),
    ...(request.failOnNew ? { failOnNew: request.failOnNew } : {}),
  });
}
