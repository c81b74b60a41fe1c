/**
 * Stage 4, history delta: record the scan in the SQLite state file and learn
 * what changed since the previous one. The findings it returns are new objects
 * dated from the history (CreatedAt and FirstObservedAt: first seen;
 * LastObservedAt: this scan). With no state file, the findings pass unchanged.
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
}

export function historyDelta(
  execution: ScanExecution,
  findings: readonly AwsSecurityFinding[],
  stateFile: string | undefined,
  retentionDays: number,
): HistoryStage {
  if (!stateFile) return Object.freeze({ findings });
  const scores = complianceScores(findings.map(verdictOf));
  const store = HistoryStore.open(stateFile);
  try {
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
    });
  } finally {
    store.close();
  }
}
