/**
 * Stage 4, history delta: record the scan in the SQLite state file and learn
 * what changed since the previous one, one account at a time. The findings it
 * returns are new objects dated from the history (CreatedAt and
 * FirstObservedAt: first seen; LastObservedAt: this scan). With no state file,
 * the findings pass unchanged.
 *
 * The record is pending until `commit()`: the pipeline commits it only after the
 * outputs are published, and `close()` without a commit rolls it back, so the
 * history never knows a finding that no report shows.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ComplianceScores } from '../domain/score.js';
import type { HistoryDelta } from '../history/delta.js';
import { HistoryStore, type ScanRecorder } from '../history/store.js';
import type { ScanExecution } from './evaluate.js';

/** What scan.json says about the history: the delta without its live lookup. */
export type HistoryRecord = Omit<HistoryDelta, 'changes'> & { retentionDays: number; pruned: { scans: number; findings: number } };

/** One account's findings once recorded. */
export interface DatedFindings {
  /** Dated from the history. */
  findings: readonly AwsSecurityFinding[];
  /** CHANGE_BITS of those that changed, by finding Id (none without a history). */
  changes: ReadonlyMap<string, number>;
}

export interface HistoryStage {
  /** Records one account's findings (all of them, once) and returns them dated from the history. */
  account(account: string, findings: readonly AwsSecurityFinding[]): DatedFindings;
  /** After the last account: stores the scan's scores and prunes; returns the delta and what scan.json says. */
  finish(scores: ComplianceScores): { delta?: HistoryDelta; record?: HistoryRecord };
  /** Makes the recorded scan permanent (after the outputs are published). The delta's lookup works until `close()`. */
  commit(): void;
  /** Ends the stage: a record that was not committed is rolled back. */
  close(): void;
}

const UNCHANGED: ReadonlyMap<string, number> = new Map();

const NO_HISTORY: HistoryStage = Object.freeze({
  account: (_account: string, findings: readonly AwsSecurityFinding[]) => ({ findings, changes: UNCHANGED }),
  finish: () => ({}),
  commit() {},
  close() {},
});

export function historyStage(execution: ScanExecution, stateFile: string | undefined, retentionDays: number): HistoryStage {
  if (!stateFile) return NO_HISTORY;
  const store = HistoryStore.open(stateFile);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    store.rollback();
    store.close();
  };
  let recorder: ScanRecorder;
  try {
    store.begin();
    recorder = store.startScan({
      startedAt: execution.observedAt,
      finishedAt: execution.document.finishedAt,
      accounts: execution.scans.map((scan) => scan.identity.account),
      regions: execution.document.regions,
      benchmarks: execution.document.benchmarks,
      coverage: execution.coverage,
    });
  } catch (error) {
    close();
    throw error;
  }
  return {
    account(account, findings) {
      const { firstSeen, changes } = recorder.account(account, findings);
      const dated = findings.map((f): AwsSecurityFinding => {
        const first = firstSeen.get(f.Id ?? '') ?? execution.observedAt;
        return { ...f, CreatedAt: first, FirstObservedAt: first, LastObservedAt: execution.observedAt };
      });
      return { findings: Object.freeze(dated), changes };
    },
    finish(scores) {
      const delta = recorder.finish({ score: scores.overall.score, scores: Object.fromEntries(scores.benchmarks.map((b) => [b.benchmark, b.score])) });
      const pruned = store.prune(retentionDays, new Date(execution.observedAt));
      const { changes: _lookup, ...listed } = delta;
      return { delta, record: { ...listed, retentionDays, pruned } };
    },
    commit() {
      if (open) store.commit();
    },
    close,
  };
}
