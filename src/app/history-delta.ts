/**
 * Stage 4, history delta: record the scan in the SQLite state file and learn
 * what changed since the previous one. The findings it returns are new objects
 * dated from the history (CreatedAt and FirstObservedAt: first seen;
 * LastObservedAt: this scan). With no state file, the findings pass unchanged.
 *
 * The record is pending until `commit()`: the pipeline commits it only after the
 * outputs are published, and `close()` without a commit rolls it back, so the
 * history never knows a finding that no report shows.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { coverageOf } from '../domain/completeness.js';
import { complianceScores } from '../domain/score.js';
import { verdictOf } from '../domain/status.js';
import type { HistoryDelta } from '../history/delta.js';
import { HistoryStore } from '../history/store.js';
import type { ScanExecution } from './evaluate.js';

/** What scan.json says about the history. */
export type HistoryRecord = HistoryDelta & { retentionDays: number; pruned: { scans: number; findings: number } };

export interface HistoryStage {
  readonly findings: readonly AwsSecurityFinding[];
  readonly delta?: HistoryDelta;
  readonly record?: HistoryRecord;
  /** Makes the recorded scan permanent (after the outputs are published). */
  commit(): void;
  /** Ends the stage: a record that was not committed is rolled back. */
  close(): void;
}

const NOTHING_TO_COMMIT = { commit() {}, close() {} };

export function historyDelta(
  execution: ScanExecution,
  findings: readonly AwsSecurityFinding[],
  stateFile: string | undefined,
  retentionDays: number,
): HistoryStage {
  if (!stateFile) return Object.freeze({ findings, ...NOTHING_TO_COMMIT });
  const scores = complianceScores(findings.map(verdictOf));
  const store = HistoryStore.open(stateFile);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    store.rollback();
    store.close();
  };
  try {
    store.begin();
    const recorded = store.recordScan({
      startedAt: execution.observedAt,
      finishedAt: execution.document.finishedAt,
      accounts: execution.scans.map((scan) => scan.identity.account),
      regions: execution.document.regions,
      benchmarks: execution.document.benchmarks,
      findings,
      coverage: coverageOf(execution.scans),
      score: scores.overall.score,
      scores: Object.fromEntries(scores.benchmarks.map((b) => [b.benchmark, b.score])),
    });
    const pruned = store.prune(retentionDays, new Date(execution.observedAt));
    const dated = findings.map((f): AwsSecurityFinding => {
      const firstSeen = recorded.firstSeen.get(f.Id ?? '') ?? execution.observedAt;
      return { ...f, CreatedAt: firstSeen, FirstObservedAt: firstSeen, LastObservedAt: execution.observedAt };
    });
    return Object.freeze({
      findings: Object.freeze(dated),
      delta: recorded.delta,
      record: { ...recorded.delta, retentionDays, pruned },
      commit() {
        if (open) store.commit();
      },
      close,
    });
  } catch (error) {
    close();
    throw error;
  }
}
