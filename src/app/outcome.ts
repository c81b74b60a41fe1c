/**
 * The result of the pipeline, one immutable ScanOutcome, and the exit code,
 * computed once from it (src/domain/exit-code.ts).
 */
import type { FindingCounts } from '../domain/counts.js';
import { exitCodeOf } from '../domain/exit-code.js';
import type { Severity } from '../engine/rule.js';
import type { ScanDocument, ScanDraft } from '../engine/scan-document.js';
import type { HistoryDelta } from '../history/delta.js';
import type { FindingSpool } from '../io/finding-spool.js';
import type { NotificationResult } from '../notify/webhook.js';
import type { HistoryRecord } from './history-delta.js';
import type { SecurityHubDelivery, SecurityHubRecord } from './securityhub.js';
import type { SuppressionRecord } from './suppress.js';

/** scan.json: the scan document, its counts over the findings as written, and what the later stages did. */
export type ScanRecord = ScanDocument & {
  history?: HistoryRecord;
  suppressions?: SuppressionRecord;
  notifications?: NotificationResult[];
  /** With --securityhub: what the push did, per account and Region. */
  securityhub?: SecurityHubRecord;
};

export interface ScanOutcome {
  /** The findings as written: suppressions marked, dated from the history. On disk: the caller releases them. */
  readonly findings: FindingSpool;
  /** What scan.json holds. */
  readonly document: ScanRecord;
  /** With a history. Its `changes` lookup reads the state file: only while the pipeline runs. */
  readonly delta?: HistoryDelta;
  /** With a history: failing findings new or reopened since the previous scan, by severity. */
  readonly freshFailing?: Readonly<Partial<Record<Severity, number>>>;
  /** With --securityhub: whether every finding was delivered. */
  readonly securityhub?: SecurityHubDelivery;
  readonly failOn: Severity | 'none';
  readonly failOnNew?: Severity;
}

/** The scan document with its counts over the final findings, and the later stages' records. */
export function scanRecord(
  document: ScanDraft,
  counts: FindingCounts,
  stages: { history?: HistoryRecord; suppressions?: SuppressionRecord; notifications?: NotificationResult[] },
): ScanRecord {
  return Object.freeze({
    ...document,
    counts,
    ...(stages.suppressions ? { suppressions: stages.suppressions } : {}),
    ...(stages.history ? { history: stages.history } : {}),
    ...(stages.notifications ? { notifications: stages.notifications } : {}),
  });
}

/** 0, 1 or 3 (see src/domain/exit-code.ts): the one place a scan's exit code is decided. */
export function exitCodeFor(outcome: ScanOutcome): number {
  return exitCodeOf(
    {
      findings: outcome.findings,
      counts: outcome.document.counts,
      // An account whose Security Hub could not be read for --parity leaves the run incomplete too.
      errors: outcome.document.errors.length + (outcome.document.parity?.errors.length ?? 0),
      undelivered: outcome.securityhub ? !outcome.securityhub.complete : false,
    },
    {
      failOn: outcome.failOn,
      ...(outcome.failOnNew ? { failOnNew: outcome.failOnNew } : {}),
      ...(outcome.freshFailing ? { freshFailing: outcome.freshFailing } : {}),
    },
  );
}
