/**
 * The exit code of a run, from what it found: 3 when anything could not be
 * evaluated (an account, a Region, a check, a finding that could not be
 * delivered); otherwise 1 when a failing finding is at or above `failOn`, or is
 * new or reopened and at or above `failOnNew` (with no history, every failing
 * finding is new); otherwise 0. Incompleteness outranks failure: a verdict over
 * part of an estate is not a verdict, and the missing part may hold worse.
 */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { SEVERITIES, severityRank, type Severity } from '../engine/rule.js';
import type { FindingCounts } from './counts.js';
import { isEvaluated, isFailing, verdictOf } from './status.js';

export interface ExitGate {
  failOn: Severity | 'none';
  failOnNew?: Severity;
  /** Ids of the findings new or reopened since the previous scan; undefined: no history, all are new. */
  fresh?: ReadonlySet<string>;
}

export interface RunFacts {
  /** Read once at most: not at all when `counts` answer (only a gate on new findings, with a history, reads their Ids). */
  findings: Iterable<AwsSecurityFinding>;
  /** The counts of `findings` (scan.json's), when known: they decide everything but which failing findings are fresh. */
  counts?: FindingCounts;
  /** Scan issues and accounts that could not be scanned. */
  errors: number;
  /** Findings could not be delivered where they were to go (Security Hub). */
  undelivered?: boolean;
}

export function exitCodeOf(run: RunFacts, gate: ExitGate): 0 | 1 | 3 {
  if (run.errors > 0 || run.undelivered) return 3;
  const atLeast = (severity: Severity, threshold: Severity) => severityRank(severity) >= severityRank(threshold);
  if (run.counts) {
    const counts = run.counts;
    const failingAtLeast = (threshold: Severity) => SEVERITIES.some((s) => atLeast(s, threshold) && counts.failingBySeverity[s] > 0);
    if (counts.notEvaluated > 0) return 3;
    if (gate.failOn !== 'none' && failingAtLeast(gate.failOn)) return 1;
    if (!gate.failOnNew || !failingAtLeast(gate.failOnNew)) return 0;
    // With no history every failing finding is new; with one, only the Ids can tell.
    if (!gate.fresh) return 1;
  }
  let failed = false;
  for (const f of run.findings) {
    const verdict = verdictOf(f);
    if (!isEvaluated(verdict)) return 3;
    if (failed || !isFailing(verdict)) continue;
    if (gate.failOn !== 'none' && atLeast(verdict.severity, gate.failOn)) failed = true;
    else if (gate.failOnNew && (!gate.fresh || gate.fresh.has(f.Id ?? '')) && atLeast(verdict.severity, gate.failOnNew)) failed = true;
  }
  return failed ? 1 : 0;
}
