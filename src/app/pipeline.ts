/**
 * One scan, as a sequence of named stages, each a function of the ones before
 * it, none changing what another produced:
 *
 *   resolve targets -> evaluate -> suppress -> history delta -> notify
 *     -> write outputs -> Security Hub -> ScanOutcome
 *
 * With a state file the whole run holds the state lock. The exit code is not
 * decided here: `exitCodeFor(outcome)` computes it once, from the outcome.
 */
import { performance } from 'node:perf_hooks';
import { FatalScanError } from '../errors.js';
import { LockTimeoutError, acquireLock, type Lock } from '../io/lock.js';
import { createLogger } from '../log.js';
import { loadSuppressions } from '../suppressions/suppressions.js';
import { evaluate } from './evaluate.js';
import { historyDelta } from './history-delta.js';
import { notify } from './notify.js';
import { scanRecord, type ScanOutcome } from './outcome.js';
import { DEFAULT_LOCK_TIMEOUT_S, DEFAULT_RETENTION_DAYS, checkRequest, stateFileFor, type PipelineIO, type ScanRequest } from './request.js';
import { resolveTargets } from './resolve-targets.js';
import { deliverToSecurityHub } from './securityhub.js';
import { suppress } from './suppress.js';
import { writeOutputs } from './write-outputs.js';

export async function runPipeline(request: ScanRequest, io: PipelineIO): Promise<ScanOutcome> {
  checkRequest(request);
  const suppressions = request.suppressions
    ? { file: request.suppressions, entries: await loadSuppressions(request.suppressions) }
    : undefined;
  const stateFile = stateFileFor(request);
  let lock: Lock | undefined;
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
  }
}

async function stages(
  request: ScanRequest,
  io: PipelineIO,
  stateFile: string | undefined,
  suppressions: Parameters<typeof suppress>[1],
): Promise<ScanOutcome> {
  const logger = createLogger(request.logLevel);
  const clock = { now: new Date(), started: performance.now() };
  const targets = await resolveTargets(request, logger);
  const execution = await evaluate(request, targets, clock, io, logger);
  const suppressed = suppress(execution.findings, suppressions, clock.now, io.stderr);
  const history = historyDelta(execution, suppressed.findings, stateFile, request.historyRetentionDays ?? DEFAULT_RETENTION_DAYS);
  const { findings, delta } = history;
  const notification = request.notify
    ? await notify(request.notify, request.notifyOptions, execution, findings, delta, io.stderr)
    : undefined;
  const document = scanRecord(execution.document, findings, {
    suppressions: suppressed.record,
    history: history.record,
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
  const securityhub = request.securityhub
    ? await deliverToSecurityHub({ ...execution, findings }, { profile: request.profile, outputDir: request.outputDir, logger }, io.stderr)
    : undefined;
  return Object.freeze({
    findings,
    document,
    ...(delta ? { delta } : {}),
    ...(securityhub ? { securityhub } : {}),
    failOn: request.failOn ?? (request.failOnNew ? 'none' : 'LOW'),
    ...(request.failOnNew ? { failOnNew: request.failOnNew } : {}),
  });
}
