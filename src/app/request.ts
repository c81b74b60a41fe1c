/** What one scan is asked to do: the selected rules and every option of `hubcheck scan`, already parsed. */
import type { ClientPoolOptions } from '../data/clients.js';
import path from 'node:path';
import type { BenchmarkVersion } from '../engine/benchmarks.js';
import { UsageError } from '../errors.js';
import type { Rule, Severity } from '../engine/rule.js';
import type { ScanProgress } from '../engine/scan.js';
import type { LogLevel } from '../log.js';
import type { NotifyOptions } from '../notify/webhook.js';
import { REPORT_FORMATS } from '../../reports/index.js';

/** --format names a scan accepts: the JSON outputs (always written) and each report. */
export const SUPPORTED_FORMATS = ['json', ...REPORT_FORMATS] as const;

export interface ScanRequest {
  /** The selected rules and benchmark versions (the CLI builds the registry and selects). */
  rules: readonly Rule[];
  benchmarks: readonly BenchmarkVersion[];
  profile?: string;
  regions?: string[] | 'all';
  homeRegion?: string;
  outputDir: string;
  format: readonly string[];
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
  /** Seconds one AWS call may take, retries included. */
  callTimeout?: number;
  /** HTTP attempts per AWS call. */
  maxAttempts?: number;
  /** Seconds the whole scan may take; calls still running then are abandoned (NOT_AVAILABLE "timed out"). */
  timeout?: number;
  /** Push the findings to Security Hub after writing the reports. */
  securityhub?: boolean;
  /** Compare the findings with Security Hub's own CIS control findings (scan.json and the HTML report). */
  parity?: boolean;
}

/** Progress of the evaluation, and the end of its display. */
export interface PipelineProgress extends ScanProgress {
  /** A call is being retried (shown in the progress line). */
  retrying?: NonNullable<ClientPoolOptions['onRetry']>;
  done(): void;
}

/** Where the pipeline says what a person should know while it runs (warnings, per-Region push lines). */
export interface PipelineIO {
  stderr: NodeJS.WritableStream;
  progress: PipelineProgress;
}

export const STATE_FILE = 'hubcheck-state.sqlite';
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_LOCK_TIMEOUT_S = 60;

/** The flags that cannot go together, and unknown formats: one usage error before anything runs. */
export function checkRequest(request: Pick<ScanRequest, 'record' | 'replay' | 'format'>): void {
  if (request.record && request.replay) throw new UsageError('--record and --replay cannot be used together');
  for (const format of request.format) {
    if (!(SUPPORTED_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown --format ${format}; supported: ${SUPPORTED_FORMATS.join(', ')}`);
    }
  }
}

/** The state file of a run: --state, or hubcheck-state.sqlite beside the output directory; undefined with --no-state. */
export function stateFileFor(options: Pick<ScanRequest, 'state' | 'outputDir'>): string | undefined {
  if (options.state === false) return undefined;
  return options.state ?? path.join(path.dirname(path.resolve(options.outputDir)), STATE_FILE);
}
